import RetraceCore

/// Gathers events from every page of every input, then merges them into one ordered, duplicate-free list.
struct EventCollector {
    private struct Entry {
        var event: HistoryEvent
        var source: String
        /// Sort key: an unnumbered event sorts right after the numbered event it followed in its file.
        var anchor: Int64
        var sequence: Int
    }

    private var entries: [Entry] = []
    private var lastNumberedID: Int64 = 0
    private var previousIDInPage: Int64?
    private var descendingPairs = 0
    private var ascendingPairs = 0
    private var unreadableTimestamps: [(id: Int64, text: String)] = []
    private var unnumberedCount = 0
    var pageCount = 0
    var byteCount = 0
    var executionArn: String?

    mutating func beginPage() {
        previousIDInPage = nil
        lastNumberedID = 0
    }

    mutating func add(_ decoded: EventDecoder.Decoded, source: String) {
        let event = decoded.event
        if decoded.unnumbered {
            unnumberedCount += 1
        } else {
            if let previous = previousIDInPage {
                if event.id < previous { descendingPairs += 1 } else if event.id > previous { ascendingPairs += 1 }
            }
            previousIDInPage = event.id
            lastNumberedID = event.id
        }
        if let text = decoded.unreadableTimestamp { unreadableTimestamps.append((event.id, text)) }
        let anchor = decoded.unnumbered ? lastNumberedID : event.id
        entries.append(Entry(event: event, source: source, anchor: anchor, sequence: entries.count))
    }

    func finish(sources: [String]) -> History {
        let reversed = descendingPairs > ascendingPairs
        // Newest-first pages list unnumbered events after the event they precede in time; keep file order then.
        func precedes(_ lhs: Entry, _ rhs: Entry) -> Bool {
            if lhs.anchor != rhs.anchor { return lhs.anchor < rhs.anchor }
            let lhsNumbered = lhs.event.id > 0
            let rhsNumbered = rhs.event.id > 0
            if lhsNumbered != rhsNumbered { return lhsNumbered }
            return lhs.sequence < rhs.sequence
        }
        // Histories usually arrive in order (or exactly reversed); sorting large event structs is then avoidable.
        var sorted = entries
        if !sorted.indices.dropFirst().allSatisfy({ !precedes(sorted[$0], sorted[$0 - 1]) }) {
            sorted.reverse()
            if !sorted.indices.dropFirst().allSatisfy({ !precedes(sorted[$0], sorted[$0 - 1]) }) {
                sorted.sort(by: precedes)
            }
        }
        var events: [HistoryEvent] = []
        events.reserveCapacity(sorted.count)
        var warnings: [LogWarning] = []
        var duplicates = 0
        var conflicting: [Int64] = []
        for entry in sorted {
            if entry.event.id > 0, let last = events.last, last.id == entry.event.id {
                if last == entry.event {
                    duplicates += 1
                } else {
                    conflicting.append(entry.event.id)
                }
                continue
            }
            events.append(entry.event)
        }
        if !conflicting.isEmpty {
            warnings.append(
                LogWarning(
                    code: "conflicting-duplicate",
                    message: "\(conflicting.count) event id(s) appear more than once with different content "
                        + "(\(EventCollector.idList(conflicting))); the first copy read was kept",
                    eventIDs: conflicting))
        }
        if !unreadableTimestamps.isEmpty, let first = unreadableTimestamps.first {
            let example = first.text == "nothing" ? "no timestamp" : "\"\(first.text.prefix(40))\""
            warnings.append(
                LogWarning(
                    code: "timestamp-unreadable",
                    message: "\(unreadableTimestamps.count) of \(entries.count) events have a timestamp that cannot be "
                        + "read (event \(first.id): \(example)); times and durations involving them are unknown",
                    eventIDs: unreadableTimestamps.prefix(20).map(\.id)))
        }
        if unnumberedCount > 0 {
            warnings.append(
                LogWarning(
                    code: "event-without-id",
                    message: "\(unnumberedCount) event(s) have no usable id (LocalStack masks Parallel branch events "
                        + "as [0]); they are listed but cannot be linked into the tree"))
        }
        var unknownTypes: [String: Int] = [:]
        for event in events {
            if case .unknown(let name) = event.type { unknownTypes[name, default: 0] += 1 }
        }
        for (name, count) in unknownTypes.sorted(by: { $0.key < $1.key }) {
            warnings.append(
                LogWarning(
                    code: "unknown-event-type",
                    message: "event type \(name) (\(count)×) is not known to this version of Retrace; "
                        + "its events are kept and shown with their raw details",
                    eventIDs: events.filter { $0.type == .unknown(name) }.prefix(20).map(\.id)))
        }
        return History(
            events: events, sources: sources, executionArn: executionArn, pageCount: pageCount, byteCount: byteCount,
            wasReverseOrder: reversed, duplicatesDropped: duplicates, warnings: warnings)
    }

    /// `3, 7, 12 …` — a short list of ids for messages.
    static func idList(_ ids: [Int64]) -> String {
        let shown = ids.prefix(8).map { "#\($0)" }.joined(separator: ", ")
        return ids.count > 8 ? shown + ", …" : shown
    }
}
