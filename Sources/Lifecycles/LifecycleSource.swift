import RetraceCore

/// Which format a deployment event log is in, and so which service wrote it. Each format has its own JSON shape;
/// each service its own lifecycle machines and its own way of naming a failure, so everything downstream starts by
/// knowing this.
///
/// A position in the registry of services (`LifecycleServices.dialects`), one byte on every event: the formats are
/// those the registered services declare, not a list kept here.
public struct LifecycleSource: Sendable, Hashable, CaseIterable, RawRepresentable, CustomStringConvertible {
    private let index: UInt8

    private init(index: Int) {
        self.index = UInt8(truncatingIfNeeded: index)
    }

    /// The format a registered service declares with `signature`. Only the services' own static members use it.
    init(registered signature: EventLogSignature) {
        self.init(index: LifecycleServices.dialects.firstIndex { $0.signature == signature } ?? 0)
    }

    /// The format named `rawValue` (`cloudformation`), or `nil` when no service reads one by that name.
    public init?(rawValue: String) {
        guard let index = LifecycleServices.dialects.firstIndex(where: { $0.signature.name == rawValue }) else {
            return nil
        }
        self.init(index: index)
    }

    /// Every format of every registered service, in registry order.
    public static var allCases: [LifecycleSource] { LifecycleServices.dialects.indices.map { Self(index: $0) } }

    /// The name `--source` takes: `gamelift`, `cloudformation`, `parallelcluster`, `modelarts`.
    public var rawValue: String { signature.name }

    /// The telltales of the format, as the detector in `RetraceCore` reads them.
    public var signature: EventLogSignature { LifecycleServices.dialects[Int(index)].signature }

    /// The service that reads the format.
    var service: any LifecycleService.Type { LifecycleServices.dialects[Int(index)].service }

    /// The name people know the format by, for messages.
    public var description: String { signature.description }

    /// The service the format belongs to: formats of one family can be merged into one log (a ParallelCluster
    /// stack may nest ordinary CloudFormation stacks).
    public var family: Family { service.family }

    /// A deployment service, the identity shared by its formats.
    public struct Family: Sendable, Hashable, RawRepresentable {
        /// The service's name (`gameLift`, `stack`, `modelArts`).
        public let rawValue: String

        /// A family by name; its facts come from the registered service of that name.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// What the service's event codes are called in messages ("status", "event code").
        public var codeNoun: String { LifecycleServices.service(self)?.codeNoun ?? "event code" }

        /// Who runs the service, as OpenTelemetry's `cloud.provider` names it (`aws`, `huawei_cloud`).
        public var cloudProvider: String { LifecycleServices.service(self)?.cloudProvider ?? "aws" }

        /// The formats the service's logs come in.
        public var sources: [LifecycleSource] { LifecycleSource.allCases.filter { $0.family == self } }
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
        guard case .deploymentLog(let signature) = kind else { return nil }
        self.init(rawValue: signature.name)
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
