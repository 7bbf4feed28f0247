import RetraceCore

/// A deployment log reconstructed as lifecycle machines running side by side: what diagnostics read and
/// renderers draw.
public struct LifecycleRun: Sendable {
    /// The log it was built from (events oldest first, warnings about the inputs).
    public var log: LifecycleLog
    /// Every machine instance, in the order their first event appears; parents before children where the log
    /// allows.
    public var instances: [MachineInstance]
    /// The operations in the log, in order of their first event.
    public var operations: [LifecycleOperation]

    /// The events not found by their number (see `position(of:)`), by id.
    private var eventIndex: EventIDIndex
    /// Where the events `eventIndex` holds stand in `events` (`nil`: every event, in order).
    private var indexedPositions: [Int]?
    private var instanceIndex: [String: Int]

    /// Reconstructs `log` with the model for its service.
    public init(log: LifecycleLog) {
        let built = log.source.service.reconstruct(log)
        self.init(log: log, instances: built.instances, operations: built.operations)
    }

    /// Assembles a run from parts already built (models, tests).
    public init(log: LifecycleLog, instances: [MachineInstance], operations: [LifecycleOperation]) {
        self.log = log
        self.instances = instances
        self.operations = operations
        // An event dated before the one it follows in its lifecycle says the log's clock ran backwards: the same
        // `timestamp-backwards` warning as a history's, one for the log however many lifecycles show it.
        let backwards = instances.flatMap { $0.anomalies.filter { $0.kind == .timeWentBackwards } }
        if let first = backwards.first {
            let count = backwards.count
            self.log.warnings.append(
                LogWarning(
                    code: .timestampBackwards,
                    message: "\(Noun("event").counted(count)) \(Noun.isVerb.form(for: count)) dated before the "
                        + "event \(count == 1 ? "it follows" : "each follows") in \(count == 1 ? "its" : "their") "
                        + "lifecycle (\(PageMerger.list(backwards.map(\.eventID)))); the first: \(first.message); "
                        + "durations over such a span count as 0"))
        }
        // An event the merger numbered (`#7`, at position 6: every event of a log without ids, such as ModelArts')
        // is found by its number; only the others are indexed, which spares hashing a million made-up ids.
        // A log with ids of its own (GameLift's, CloudFormation's) has no number and is indexed whole.
        let all = log.events
        if all.contains(where: { $0.id.utf8.first == UInt8(ascii: "#") }) {
            var number = EventNumber()
            let others = all.indices.filter { position in
                number.advance()
                return !number.isText(of: all[position].id)
            }
            self.eventIndex = EventIDIndex(count: others.count) { all[others[$0]].id }
            self.indexedPositions = others
        } else {
            self.eventIndex = EventIDIndex(count: all.count) { all[$0].id }
        }
        var keys: [String: Int] = [:]
        for (index, instance) in instances.enumerated() where keys[instance.key] == nil { keys[instance.key] = index }
        self.instanceIndex = keys
    }

    /// The service that wrote the log.
    public var source: LifecycleSource { log.source }

    /// The events, oldest first.
    public var events: [LifecycleEvent] { log.events }

    /// The event with id `id`.
    public func event(_ id: String) -> LifecycleEvent? { position(of: id).map { log.events[$0] } }

    /// Where the event with id `id` sits in `events`.
    public func position(of id: String) -> Int? {
        let events = log.events
        if let numbered = EventNumber.position(ofNumbered: id), events.indices.contains(numbered),
            events[numbered].id == id
        {
            return numbered
        }
        guard let positions = indexedPositions else { return eventIndex.position(of: id) { events[$0].id } }
        return eventIndex.position(of: id) { events[positions[$0]].id }.map { positions[$0] }
    }

    /// The instance with key `key`.
    public func instance(_ key: String) -> MachineInstance? { instanceIndex[key].map { instances[$0] } }

    /// The instances whose parent is `key`.
    public func children(of key: String) -> [MachineInstance] { instances.filter { $0.parentKey == key } }

    /// Every anomaly of every instance, in instance order.
    public var anomalies: [LifecycleAnomaly] { instances.flatMap(\.anomalies) }
}
