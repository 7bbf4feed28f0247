import RetraceCore

/// A deployment event log after decoding: every page of every input merged, duplicates removed, oldest first.
public struct LifecycleLog: Sendable {
    /// The shape of the first input; every input belongs to the same `LifecycleSource.Family`.
    public var source: LifecycleSource
    /// Every shape seen (CloudFormation and ParallelCluster inputs may be mixed).
    public var sources: Set<LifecycleSource>
    /// The events, oldest first; ties keep the order the service recorded them in.
    public var events: [LifecycleEvent]
    /// What was odd about the inputs: timestamps that could not be read, conflicting duplicates, missing pages.
    public var warnings: [LogWarning]
    /// The inputs' names, in the order given.
    public var files: [String]
    /// ModelArts: the service's name and id, when the response carried them.
    public var serviceName: String?
    /// ModelArts: the service's id.
    public var serviceID: String?
    /// Logs that came with the events and explain their failures (`ImageBuilderLog`, `EventLogs`), each once.
    public var attachedLogs: [AttachedLog] = []
    /// The deployment the log is about, as read from its content (a stack name, a fleet id, a ModelArts service),
    /// once `deployments()` has told them apart; `nil` before.
    public var identity: String?

    /// What to call the deployment in file names and headings: its identity (a stack, a fleet, a service), else
    /// its first file.
    public var name: String { identity ?? files.first ?? "deployment" }

    /// Creates a log from events already in order (tests, generated logs).
    public init(
        source: LifecycleSource, events: [LifecycleEvent], warnings: [LogWarning] = [], files: [String] = [],
        serviceName: String? = nil, serviceID: String? = nil
    ) {
        self.source = source
        self.sources = [source]
        self.events = events
        self.warnings = warnings
        self.files = files
        self.serviceName = serviceName
        self.serviceID = serviceID
    }
}
