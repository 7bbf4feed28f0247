import RetraceCore

/// Merges pages into one log, oldest first: each page's direction is decided (the services return newest
/// first by default, but users sort and tools differ), duplicates across pages are dropped, conflicting ones
/// are reported, and events are ordered by time with ties kept in recorded order.
struct PageMerger {
    let pages: [LifecyclePage]
    let family: LifecycleSource.Family
    private(set) var warnings: [LogWarning] = []

    init(pages: [LifecyclePage], family: LifecycleSource.Family) {
        self.pages = pages
        self.family = family
    }

    mutating func merge() -> [LifecycleEvent] {
        // Duplicates are resolved in the order the user gave the pages, so "the first copy" means what it says.
        let unique = deduplicate(pages.map(\.events))
        var oriented: [[LifecycleEvent]] = []
        var newestFirstPages = 0
        for (page, events) in zip(pages, unique) {
            if isNewestFirst(page.events) {
                newestFirstPages += 1
                oriented.append(events.reversed())
            } else {
                oriented.append(events)
            }
        }
        // Pages of a newest-first listing come newest page first; without timestamps, their order is all we have.
        if newestFirstPages * 2 > pages.count { oriented.reverse() }
        var ordered = orderByTime(oriented.flatMap { $0 })
        numberUnnamedEvents(&ordered)
        warnAboutPaging(eventCount: ordered.count)
        return ordered
    }

    /// Whether a page lists its events newest first: by its timestamps when they differ, else by how the
    /// lifecycles progress through it, else as the APIs do by default (newest first).
    func isNewestFirst(_ events: [LifecycleEvent]) -> Bool {
        let times = events.compactMap(\.time)
        if let first = times.first, let last = times.last, first != last { return first > last }
        var score = 0
        var lastRank: [String: Int] = [:]
        for event in events {
            guard let (key, rank) = progressRank(event) else { continue }
            if let previous = lastRank[key], previous != rank { score += rank > previous ? 1 : -1 }
            lastRank[key] = rank
        }
        return score <= 0
    }

    /// Where an event stands in its lifecycle, for telling the direction of an undated page: a key (one
    /// lifecycle) and a rank that grows with time along it.
    private func progressRank(_ event: LifecycleEvent) -> (String, Int)? {
        switch family {
        case .gameLift: return GameLiftFleetModel.progressRank(of: event)
        case .stack: return CloudFormationModel.progressRank(of: event)
        case .modelArts: return ModelArtsModel.progressRank(of: event)
        }
    }

    /// Drops events repeated across pages; keeps both copies (renamed) when one page repeats an id, since a
    /// page never does that by itself and dropping either would lose a real event.
    private mutating func deduplicate(_ pages: [[LifecycleEvent]]) -> [[LifecycleEvent]] {
        var result: [[LifecycleEvent]] = []
        var byID: [String: (page: Int, index: Int)] = [:]
        var contentPages: [ContentKey: Set<Int>] = [:]
        var conflicts: [String] = []
        var repeated: [String] = []
        for (pageIndex, events) in pages.enumerated() {
            result.append([])
            for var event in events {
                if event.id.isEmpty {
                    // ModelArts events have no id: the same time, type and text on two pages is one event.
                    let key = ContentKey(event)
                    if let seenOn = contentPages[key], !seenOn.contains(pageIndex) { continue }
                    contentPages[key, default: []].insert(pageIndex)
                    result[pageIndex].append(event)
                    continue
                }
                guard let seen = byID[event.id] else {
                    byID[event.id] = (pageIndex, result[pageIndex].count)
                    result[pageIndex].append(event)
                    continue
                }
                if seen.page == pageIndex {
                    var suffix = 2
                    while byID["\(event.id)~\(suffix)"] != nil { suffix += 1 }
                    repeated.append(event.id)
                    event.id = "\(event.id)~\(suffix)"
                    byID[event.id] = (pageIndex, result[pageIndex].count)
                    result[pageIndex].append(event)
                } else if !result[seen.page][seen.index].sameContent(as: event) {
                    conflicts.append(event.id)
                }
            }
        }
        if !conflicts.isEmpty {
            warnings.append(
                LogWarning(
                    code: .conflictingDuplicate,
                    message: "\(conflicts.count) event id(s) appear on more than one page with different content; "
                        + "the first copy was kept: \(PageMerger.list(conflicts))"))
        }
        if !repeated.isEmpty {
            warnings.append(
                LogWarning(
                    code: .duplicateEventID,
                    message: "\(repeated.count) event id(s) are repeated within one page; both copies were kept "
                        + "and the later renamed with a ~2 suffix: \(PageMerger.list(repeated))"))
        }
        return result
    }

    private struct ContentKey: Hashable {
        var time: Instant?
        var unparsed: String?
        var code: String
        var message: String?

        init(_ event: LifecycleEvent) {
            time = event.time
            unparsed = event.unparsedTime
            code = event.code
            message = event.message
        }
    }

    /// A stable sort by time in which an undated event takes the time of the dated event before it, so that it
    /// stays where the service put it.
    private mutating func orderByTime(_ events: [LifecycleEvent]) -> [LifecycleEvent] {
        let firstKnown = events.lazy.compactMap(\.time).first
        var carried = firstKnown
        var keys: [Instant?] = []
        keys.reserveCapacity(events.count)
        var undated: [String] = []
        for event in events {
            if let time = event.time {
                carried = time
            } else {
                undated.append(event.unparsedTime ?? "")
            }
            keys.append(carried)
        }
        if !undated.isEmpty {
            let examples = Array(Set(undated.filter { !$0.isEmpty })).sorted().prefix(3).map { "\"\($0)\"" }
            let example = examples.isEmpty ? "" : " (\(examples.joined(separator: ", ")))"
            warnings.append(
                LogWarning(
                    code: .timestampUnreadable,
                    message: "\(undated.count) of \(events.count) events have no usable timestamp\(example); "
                        + "they keep their place in the log and no durations can be given for them"))
        }
        guard firstKnown != nil else { return events }
        return events.indices.sorted { left, right in
            let (a, b) = (keys[left], keys[right])
            if a != b, let a, let b { return a < b }
            return left < right
        }.map { events[$0] }
    }

    /// ModelArts events get `#1`, `#2`, … in time order, so that findings can cite them.
    private func numberUnnamedEvents(_ events: inout [LifecycleEvent]) {
        var used = Set(events.map(\.id))
        var number = 0
        for index in events.indices where events[index].id.isEmpty {
            repeat { number += 1 } while used.contains("#\(number)")
            events[index].id = "#\(number)"
            used.insert(events[index].id)
        }
    }

    private mutating func warnAboutPaging(eventCount: Int) {
        let withToken = pages.filter { !($0.nextToken ?? "").isEmpty }
        if !withToken.isEmpty && withToken.count == pages.count {
            warnings.append(
                LogWarning(
                    code: .moreEventsFollow,
                    message: "every page carries a next-page token, so at least one page is missing; pass all pages "
                        + "to see the whole log"))
        }
        if let total = pages.compactMap(\.totalCount).max(), total > Int64(eventCount) {
            warnings.append(
                LogWarning(
                    code: .eventsMissing,
                    message: "the service reports \(total) events but \(eventCount) were given; fetch the other "
                        + "pages (offset and limit) to see the whole log"))
        }
    }

    private static func list(_ ids: [String]) -> String {
        let shown = ids.prefix(5).joined(separator: ", ")
        return ids.count > 5 ? shown + ", …" : shown
    }
}
