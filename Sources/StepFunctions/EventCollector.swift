import RetraceCore

/// Merges the pages of one execution into one ordered, duplicate-free list of events, and judges from the pages
/// whether the history is whole.
///
/// Events are kept in one array as they arrive; it is re-ordered or de-duplicated only when the input needs it
/// (newest-first order, several pages, overlaps), so that a history given whole and in order is never copied.
struct EventCollector {
    private var events: [HistoryEvent] = []
    /// Sort keys, parallel to `events`: an unnumbered event sorts right after the numbered event it followed in
    /// its page, or, at the start of a page, right before the numbered event that follows it.
    private var anchors: [Anchor] = []
    private var descendingPairs = 0
    private var ascendingPairs = 0
    /// What an unreadable timestamp said, by event id (the first page's text when pages overlap).
    private var unreadableTimestampText: [Int64: String] = [:]
    /// The newest event each page holds, whether the page carries `nextToken`, and its order.
    private var pageEnds: [(maxID: Int64, hasNextToken: Bool, newestFirst: Bool?, origin: PageOrigin)] = []
    var pageCount = 0
    var executionArn: String?

    /// Makes room for `count` events in all, once: reserving page by page would defeat the array's geometric
    /// growth and copy everything for each of a thousand pages.
    mutating func reserveCapacity(_ count: Int) {
        events.reserveCapacity(count)
        anchors.reserveCapacity(count)
    }

    mutating func add(_ page: HistoryPage) {
        pageCount += 1
        if executionArn == nil { executionArn = page.executionArn }
        for (id, text) in page.unreadableTimestamps where unreadableTimestampText[id] == nil {
            unreadableTimestampText[id] = text
        }
        // The common case, one page oldest first: share its array instead of copying every event.
        if events.isEmpty, page.isNewestFirst != true, !page.events.contains(where: { $0.id == 0 }) {
            events = page.events
            var previous: Int64?
            for index in events.indices {
                let id = events[index].id
                if let previous {
                    if id < previous { descendingPairs += 1 } else if id > previous { ascendingPairs += 1 }
                }
                previous = id
                anchors.append(Anchor(id: id, phase: 1))
            }
            if let range = page.idRange {
                pageEnds.append((range.upperBound, page.hasNextToken, page.isNewestFirst, page.origin))
            }
            return
        }
        // A newest-first page is read oldest first, so that "after" in the page means "after" in time.
        let newestFirst = page.isNewestFirst == true
        let ordered = newestFirst ? Array(page.events.reversed()) : page.events
        var previousID: Int64?
        var leading: [HistoryEvent] = []
        for event in page.events where event.id > 0 {
            if let previous = previousID {
                if event.id < previous { descendingPairs += 1 } else if event.id > previous { ascendingPairs += 1 }
            }
            previousID = event.id
        }
        var lastNumberedID: Int64?
        for event in ordered {
            guard event.id > 0 else {
                if let lastNumberedID {
                    anchors.append(Anchor(id: lastNumberedID, phase: 2))
                    events.append(event)
                } else {
                    leading.append(event)
                }
                continue
            }
            if lastNumberedID == nil {
                for unnumbered in leading {
                    anchors.append(Anchor(id: event.id, phase: 0))
                    events.append(unnumbered)
                }
                leading = []
            }
            anchors.append(Anchor(id: event.id, phase: 1))
            events.append(event)
            lastNumberedID = event.id
        }
        for unnumbered in leading {
            anchors.append(Anchor(id: 0, phase: 2))
            events.append(unnumbered)
        }
        if let range = page.idRange {
            pageEnds.append((range.upperBound, page.hasNextToken, page.isNewestFirst, page.origin))
        }
    }

    /// Where an event sorts: before (phase 0), at (1) or after (2) the numbered event `id`.
    private struct Anchor: Comparable {
        var id: Int64
        var phase: Int

        static func < (lhs: Anchor, rhs: Anchor) -> Bool { (lhs.id, lhs.phase) < (rhs.id, rhs.phase) }
    }

    /// Positions in merged order (by anchor, numbered before unnumbered at one anchor, then as read), or `nil`
    /// when the events already are in that order.
    private func mergedOrder() -> [Int]? {
        func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
            if anchors[lhs] != anchors[rhs] { return anchors[lhs] < anchors[rhs] }
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
                    code: .conflictingDuplicate,
                    message: "\(Noun("event id").counted(conflicting.count)) "
                        + "\(Noun("appears", plural: "appear").form(for: conflicting.count)) more than once with different content "
                        + "(\(EventCollector.idList(conflicting))); the first copy read was kept",
                    eventIDs: conflicting))
        }
        // Counted on the merged events, so that pages given twice or overlapping do not count twice.
        let unreadable = merged.filter { $0.timestamp == nil }
        if let first = unreadable.first {
            let text = unreadableTimestampText[first.id] ?? "nothing"
            let example = text == "nothing" ? "no timestamp" : "\"\(text.prefix(40))\""
            warnings.append(
                LogWarning(
                    code: .timestampUnreadable,
                    message:
                        "\(unreadable.count) of \(Noun("event").counted(merged.count)) \(unreadable.count == 1 ? "has" : "have") a timestamp that cannot be "
                        + "read (event \(first.id): \(example)); times and durations involving them are unknown",
                    eventIDs: unreadable.prefix(20).map(\.id)))
        }
        let unnumberedCount = merged.filter { $0.id == 0 }.count
        if unnumberedCount > 0 {
            warnings.append(
                LogWarning(
                    code: .eventWithoutID,
                    message:
                        "\(Noun("event").counted(unnumberedCount)) \(unnumberedCount == 1 ? "has" : "have") no usable id (LocalStack masks Parallel branch events "
                        + "as [0]); \(unnumberedCount == 1 ? "it is" : "they are") listed but cannot be linked into the tree"
                ))
        }
        var unknownTypes: [String: [Int64]] = [:]
        for index in merged.indices {
            if case .unknown(let name) = merged[index].type { unknownTypes[name, default: []].append(merged[index].id) }
        }
        for (name, ids) in unknownTypes.sorted(by: { $0.key < $1.key }) {
            warnings.append(
                LogWarning(
                    code: .unknownEventType,
                    message: "event type \(name) (\(ids.count)×) is not known to this version of Retrace; "
                        + "its events are kept (`retrace events --type \(name)` shows their raw details)",
                    eventIDs: Array(ids.prefix(20))))
        }
        let completeness = self.completeness(of: merged)
        warnings += completeness.warnings
        var history = History(
            events: merged, sources: sources, executionArn: executionArn, pageCount: pageCount,
            wasReverseOrder: reversed, duplicatesDropped: duplicates, warnings: warnings)
        history.completeness = completeness
        return history
    }

    /// What is missing, judged from the merged events and the pages: the start, ids in between, the end.
    private func completeness(of merged: [HistoryEvent]) -> HistoryCompleteness {
        var completeness = HistoryCompleteness()
        var expected: Int64 = 1
        var hasStart = false
        var lastID: Int64 = 0
        // By index: iterating would copy every event (and retain what it holds).
        for index in merged.indices where merged[index].id > 0 {
            let id = merged[index].id
            if merged[index].type == .executionStarted { hasStart = true }
            if id > expected {
                if expected == 1 {
                    completeness.firstID = id
                } else {
                    completeness.gaps.append(expected...(id - 1))
                }
            }
            // The largest id there can be leaves nothing after it (and must not overflow).
            expected = max(expected, id == .max ? .max : id + 1)
            lastID = max(lastID, id)
        }
        completeness.hasStart = hasStart || merged.isEmpty
        // The page that holds the newest event says whether the API had more to give after it; a newest-first
        // page's token points the other way, to older events.
        let ends = merged.last { $0.id > 0 }.map { $0.type.isExecutionTerminal } ?? false
        if !ends,
            let newest = pageEnds.filter({ $0.maxID == lastID }).first(where: {
                $0.hasNextToken && $0.newestFirst != true
            })
        {
            completeness.truncatedAfter = lastID
            completeness.truncatingPage = newest.origin.description
        }
        return completeness
    }

    /// `3, 7, 12 …` — a short list of ids for messages.
    static func idList(_ ids: [Int64]) -> String {
        let shown = ids.prefix(8).map { "#\($0)" }.joined(separator: ", ")
        return ids.count > 8 ? shown + ", …" : shown
    }
}
