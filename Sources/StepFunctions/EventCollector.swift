import RetraceCore

/// Gathers events from every page of every input, then merges them into one ordered, duplicate-free list.
///
/// Events are kept in one array as they arrive; it is re-ordered or de-duplicated only when the input needs it
/// (newest-first order, several pages, overlaps), so that a history given whole and in order is never copied.
struct EventCollector {
    private var events: [HistoryEvent] = []
    /// Sort keys, parallel to `events`: an unnumbered event sorts right after the numbered event it followed.
    private var anchors: [Int64] = []
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

    mutating func reserveCapacity(_ count: Int) {
        events.reserveCapacity(events.count + count)
        anchors.reserveCapacity(anchors.count + count)
    }

    mutating func add(_ decoded: EventDecoder.Decoded) {
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
        anchors.append(decoded.unnumbered ? lastNumberedID : event.id)
        events.append(event)
    }

    /// Positions in merged order (by anchor, numbered before unnumbered at one anchor, then as read), or `nil`
    /// when the events already are in that order.
    private func mergedOrder() -> [Int]? {
        func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
            if anchors[lhs] != anchors[rhs] { return anchors[lhs] < anchors[rhs] }
            let lhsNumbered = events[lhs].id > 0
            let rhsNumbered = events[rhs].id > 0
            if lhsNumbered != rhsNumbered { return lhsNumbered }
            return lhs < rhs
        }
        if events.indices.dropFirst().allSatisfy({ !precedes($0, $0 - 1) }) { return nil }
        return events.indices.sorted(by: precedes)
    }

    func finish(sources: [String]) -> History {
        let reversed = descendingPairs > ascendingPairs
        let order = mergedOrder()
        let hasDuplicates = events.indices.dropFirst().contains { index in
            let id = events[order?[index] ?? index].id
            return id > 0 && id == events[order?[index - 1] ?? index - 1].id
        }
        var merged = events
        var duplicates = 0
        var conflicting: [Int64] = []
        if order != nil || hasDuplicates {
            merged = []
            merged.reserveCapacity(events.count)
            for index in order ?? Array(events.indices) {
                let event = events[index]
                if event.id > 0, let last = merged.last, last.id == event.id {
                    if last == event { duplicates += 1 } else { conflicting.append(event.id) }
                    continue
                }
                merged.append(event)
            }
        }
        var warnings: [LogWarning] = []
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
                    message: "\(unreadableTimestamps.count) of \(events.count) events have a timestamp that cannot be "
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
        var unknownTypes: [String: [Int64]] = [:]
        for event in merged {
            if case .unknown(let name) = event.type { unknownTypes[name, default: []].append(event.id) }
        }
        for (name, ids) in unknownTypes.sorted(by: { $0.key < $1.key }) {
            warnings.append(
                LogWarning(
                    code: "unknown-event-type",
                    message: "event type \(name) (\(ids.count)×) is not known to this version of Retrace; "
                        + "its events are kept (`retrace events --type \(name)` shows their raw details)",
                    eventIDs: Array(ids.prefix(20))))
        }
        return History(
            events: merged, sources: sources, executionArn: executionArn, pageCount: pageCount, byteCount: byteCount,
            wasReverseOrder: reversed, duplicatesDropped: duplicates, warnings: warnings)
    }

    /// `3, 7, 12 …` — a short list of ids for messages.
    static func idList(_ ids: [Int64]) -> String {
        let shown = ids.prefix(8).map { "#\($0)" }.joined(separator: ", ")
        return ids.count > 8 ? shown + ", …" : shown
    }
}
