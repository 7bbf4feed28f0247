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
    /// history, whose `{"events": [...]}` holds objects with `id` and `type`).
    ///
    /// Accepts the API responses as the CLIs print them and a bare array of events (`--query StackEvents`).
    public static func detect(_ document: JSONValue) -> LifecycleSource? {
        switch document {
        case .object(let object):
            if object["Events"]?.arrayValue != nil { return .gameLift }
            if object["StackEvents"]?.arrayValue != nil { return .cloudFormation }
            guard let events = object["events"]?.arrayValue else { return nil }
            if object["service_id"] != nil || object["service_name"] != nil || object["total_count"] != nil {
                return .modelArts
            }
            if let first = events.first?.objectValue { return detect(eventKeys: first.keys) }
            return object["nextToken"] != nil ? .parallelCluster : nil
        case .array(let events):
            guard let first = events.first?.objectValue else { return nil }
            return detect(eventKeys: first.keys)
        default:
            return nil
        }
    }

    /// The same decision as `detect(_:)` made on a borrowed simdjson element, without copying the document.
    public static func detect(_ document: JSONElement) -> LifecycleSource? {
        switch document.kind {
        case .object:
            if document["Events"]?.kind == .array { return .gameLift }
            if document["StackEvents"]?.kind == .array { return .cloudFormation }
            guard let events = document["events"], events.kind == .array else { return nil }
            if document["service_id"] != nil || document["service_name"] != nil || document["total_count"] != nil {
                return .modelArts
            }
            var elements = events.elements
            if let first = elements.next(), first.kind == .object {
                return detect(eventKeys: first.members.map { $0.key.string })
            }
            return document["nextToken"] != nil ? .parallelCluster : nil
        case .array:
            var elements = document.elements
            guard let first = elements.next(), first.kind == .object else { return nil }
            return detect(eventKeys: first.members.map { $0.key.string })
        default:
            return nil
        }
    }

    /// Decides from the keys of one event object.
    static func detect(eventKeys keys: some Sequence<String>) -> LifecycleSource? {
        let keys = Set(keys)
        if keys.contains("EventCode") { return .gameLift }
        if keys.contains("ResourceStatus") || keys.contains("LogicalResourceId") || keys.contains("StackId") {
            return .cloudFormation
        }
        if keys.contains("resourceStatus") || keys.contains("logicalResourceId") || keys.contains("stackId") {
            return .parallelCluster
        }
        if keys.contains("event_info") || keys.contains("occur_time") { return .modelArts }
        return nil
    }
}
