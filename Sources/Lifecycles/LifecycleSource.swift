import RetraceCore

/// Which service wrote a deployment event log. Each has its own JSON shape, its own lifecycle machines and its
/// own way of naming a failure, so everything downstream starts by knowing this.
public enum LifecycleSource: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Amazon GameLift `DescribeFleetEvents`: `{"Events": [...], "NextToken": ...}`.
    case gameLift = "gamelift"
    /// AWS CloudFormation `DescribeStackEvents`: `{"StackEvents": [...]}` with PascalCase keys.
    case cloudFormation = "cloudformation"
    /// AWS ParallelCluster `pcluster get-*-stack-events`: `{"events": [...]}` with camelCase keys.
    case parallelCluster = "parallelcluster"
    /// Huawei Cloud / Open Telekom Cloud ModelArts `GET /v1/{project_id}/services/{service_id}/events`.
    case modelArts = "modelarts"

    /// The name people know the format by, for messages.
    public var description: String {
        switch self {
        case .gameLift: return "GameLift fleet events"
        case .cloudFormation: return "CloudFormation stack events"
        case .parallelCluster: return "ParallelCluster stack events"
        case .modelArts: return "ModelArts service events"
        }
    }

    /// Sources whose events can be merged into one log: CloudFormation and ParallelCluster are both stack events
    /// (a ParallelCluster stack may nest ordinary CloudFormation stacks).
    public var family: Family {
        switch self {
        case .gameLift: return .gameLift
        case .cloudFormation, .parallelCluster: return .stack
        case .modelArts: return .modelArts
        }
    }

    /// Groups of sources that share one lifecycle model.
    public enum Family: String, Sendable, Hashable, CaseIterable {
        /// GameLift fleets and their locations.
        case gameLift
        /// CloudFormation stacks and their resources (ParallelCluster included).
        case stack
        /// ModelArts service deployments.
        case modelArts
    }

    /// Says which lifecycle log `document` is, or `nil` when it is none of them (for example a Step Functions
    /// history). Uses the one detector in `RetraceCore`, so every command recognises a file the same way.
    ///
    /// Accepts the API responses as the CLIs print them and a bare array of events (`--query StackEvents`).
    public static func detect(_ document: JSONElement) -> LifecycleSource? {
        LifecycleSource(EventLogKind.detect(document))
    }

    /// The deployment log a detected kind of input is, or `nil` for any other kind: the one mapping from the
    /// detector's answer to a deployment service.
    public init?(_ kind: EventLogKind) {
        switch kind {
        case .gameLiftFleetEvents: self = .gameLift
        case .cloudFormationStackEvents: self = .cloudFormation
        case .parallelClusterStackEvents: self = .parallelCluster
        case .modelArtsServiceEvents: self = .modelArts
        default: return nil
        }
    }

    /// The same decision for an owned value (tests, documents built in memory).
    public static func detect(_ document: JSONValue) -> LifecycleSource? {
        var result: LifecycleSource?
        try? JSONReader().forEachDocument(
            in: InputBuffer(name: "<document>", text: document.serialized()), expecting: "JSON"
        ) { element, _ in result = detect(element) }
        return result
    }
}
