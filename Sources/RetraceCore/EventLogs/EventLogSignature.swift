/// The telltales of one deployment service's log format: which members hold its events and which keys give it
/// away, as data. `EventLogKind.detect` and `sniff` read every signature in `EventLogSignature.deploymentLogs`
/// instead of knowing each service, so that a new service is recognised by adding its signature there.
///
/// Signatures live here, below every service's model, because the Step Functions decoder must recognise a
/// deployment log too (to refuse it with "this looks like CloudFormation stack events") and the loader routes a
/// file by its first bytes before any service reads it; the service itself (`Lifecycles`) names its signatures.
public struct EventLogSignature: Sendable, Hashable, CustomStringConvertible {
    /// The name people pass to `--source` (`cloudformation`): unique among signatures.
    public let name: String
    /// A phrase for messages: "CloudFormation stack events".
    public let description: String
    /// The members of a response that hold the events, the usual one first (`StackEvents`, `OperationEvents`).
    public let eventArrays: [String]
    /// Whether an array member named in `eventArrays` identifies the format by itself; `false` when the name is
    /// shared with other logs (`events`, which Step Functions histories use too).
    public let arraysIdentify: Bool
    /// Members of a response that identify the format when they stand beside an `events` array (`service_id`).
    public let documentMarkers: [String]
    /// Keys of an event that identify the format (`LogicalResourceId`).
    public let eventMarkers: [String]
    /// Members that identify the format beside an empty `events` array (a paging token no history page has).
    public let emptyPageMarkers: [String]
    /// Keys whose first appearance in a file's first bytes identify the format without parsing it.
    public let sniffMarkers: [String]

    /// Creates a signature; every list defaults to empty.
    public init(
        name: String, description: String, eventArrays: [String], arraysIdentify: Bool,
        documentMarkers: [String] = [], eventMarkers: [String] = [], emptyPageMarkers: [String] = [],
        sniffMarkers: [String] = []
    ) {
        self.name = name
        self.description = description
        self.eventArrays = eventArrays
        self.arraysIdentify = arraysIdentify
        self.documentMarkers = documentMarkers
        self.eventMarkers = eventMarkers
        self.emptyPageMarkers = emptyPageMarkers
        self.sniffMarkers = sniffMarkers
    }

    /// Signatures are told apart by name.
    public static func == (left: EventLogSignature, right: EventLogSignature) -> Bool { left.name == right.name }

    /// Hashes the name, the identity of a signature.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
