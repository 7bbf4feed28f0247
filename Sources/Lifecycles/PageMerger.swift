import RetraceCore

/// Merges pages into one log, oldest first: each page's direction is decided (the services return newest
/// first by default, but users sort and tools differ), duplicates across pages are dropped, conflicting ones
/// are reported, and events are ordered by time with ties kept in recorded order.
struct PageMerger {
    private(set) var pages: [LifecyclePage]
    /// The service of the pages, resolved once for the whole log.
    let service: any LifecycleService.Type
    private(set) var warnings: [LogWarning] = []

    init(pages: [LifecyclePage], service: any LifecycleService.Type) {
        self.pages = pages
        self.service = service
    }

    mutating func merge() -> [LifecycleEvent] {
        // Duplicates are resolved in the order the user gave the pages, so "the first copy" means what it says.
        let newestFirst = pages.map { isNewestFirst($0.events) }
        var unique = deduplicate(pages.map(\.events))
        // The pages' own copies are not needed any more.
        for index in pages.indices { pages[index].events = [] }
        var pageOrder = Array(pages.indices)
        // Pages of a newest-first listing come newest page first; without timestamps, their order is all we have.
        if newestFirst.filter({ $0 }).count * 2 > pages.count { pageOrder.reverse() }
        // Each page is turned around in place and the first taken as it is: a log of one page (the usual
        // million-event file) is not copied at all, and others are copied once.
        let total = unique.reduce(0) { $0 + $1.count }
        var all: [LifecycleEvent] = []
        for page in pageOrder {
            // Swapped out, not copied: the page's array stays the only reference to its buffer, so that turning
            // it around, and growing the first into the whole log, copy nothing.
            var events: [LifecycleEvent] = []
            swap(&events, &unique[page])
            if newestFirst[page] { events.reverse() }
            if all.isEmpty {
                swap(&all, &events)
                all.reserveCapacity(total)
            } else {
                all.append(contentsOf: events)
            }
        }
        // Handed over (`consume`), so that numbering the unnamed events writes into the one copy.
        var ordered = orderByTime(consume all)
        numberUnnamedEvents(&ordered)
        warnAboutPaging(eventCount: ordered.count)
        return ordered
    }

    /// Whether a page lists its events newest first: by its timestamps when they differ, else by how the
    /// lifecycles progress through it, else as the APIs do by default (newest first).
    func isNewestFirst(_ events: [LifecycleEvent]) -> Bool {
        let first = events.lazy.compactMap(\.time).first
        let last = events.reversed().lazy.compactMap(\.time).first
        if let first, let last, first != last { return first > last }
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
        service.progressRank(of: event)
    }

    /// Drops events repeated across pages; keeps both copies (renamed) when one page repeats an id, since a
    /// page never does that by itself and dropping either would lose a real event.
    private mutating func deduplicate(_ pages: [[LifecycleEvent]]) -> [[LifecycleEvent]] {
        // Most logs repeat nothing: one look at the ids says so, and the pages are kept as they are (a million
        // events are not copied for nothing).
        if !repeatsAnID(pages) { return pages }
        var result: [[LifecycleEvent]] = []
        var byID: [String: (page: Int, index: Int)] = [:]
        byID.reserveCapacity(pages.reduce(0) { $0 + $1.count })
        // The first page an unnamed event was seen on; with one page there is nothing to compare.
        var contentPages: [ContentKey: Int] = [:]
        let comparesContent = pages.count > 1
        var conflicts: [String] = []
        var repeated: [String] = []
        for (pageIndex, events) in pages.enumerated() {
            result.append([])
            result[pageIndex].reserveCapacity(events.count)
            for var event in events {
                if event.id.isEmpty {
                    // ModelArts events have no id: the same time, type and text on two pages is one event.
                    if comparesContent {
                        let key = ContentKey(event)
                        if let seenOn = contentPages[key], seenOn != pageIndex { continue }
                        contentPages[key] = pageIndex
                    }
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
                    message: "\(Noun("event id").counted(conflicts.count)) "
                        + "\(conflicts.count == 1 ? "appears" : "appear") on more than one page with different content; "
                        + "the first copy was kept: \(PageMerger.list(conflicts))"))
        }
        if !repeated.isEmpty {
            warnings.append(
                LogWarning(
                    code: .duplicateEventID,
                    message:
                        "\(Noun("event id").counted(repeated.count)) \(Noun.isVerb.form(for: repeated.count)) repeated "
                        + "within one page; both copies were kept "
                        + "and the later renamed with a ~2 suffix: \(PageMerger.list(repeated))"))
        }
        return result
    }

    /// Whether any id appears twice (an unnamed event counts as a repeat when there are several pages, which
    /// are then compared by content).
    private func repeatsAnID(_ pages: [[LifecycleEvent]]) -> Bool {
        let hasUnnamed = pages.contains { $0.contains { $0.id.isEmpty } }
        // An unnamed event on one of several pages is compared by content.
        if hasUnnamed, pages.count > 1 { return true }
        // One page (the usual large file) is read in place; several, through their ids laid end to end.
        if pages.count == 1, !hasUnnamed {
            let events = pages[0]
            return EventIDIndex.build(count: events.count) { events[$0].id }.repeats
        }
        // Unnamed events on one page are numbered later, each its own: only the named ones can repeat. Read by
        // position: a key path mapped over a million events copied each.
        var ids: [String] = []
        for page in pages {
            for index in page.indices where !page[index].id.isEmpty { ids.append(page[index].id) }
        }
        return EventIDIndex.build(count: ids.count) { ids[$0] }.repeats
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
    private mutating func orderByTime(_ events: consuming [LifecycleEvent]) -> [LifecycleEvent] {
        let firstKnown = events.lazy.compactMap(\.time).first
        var carried = firstKnown
        var keys: [Instant?] = []
        keys.reserveCapacity(events.count)
        var undated: [String] = []
        for index in events.indices {
            if let time = events[index].time {
                carried = time
            } else {
                undated.append(events[index].unparsedTime ?? "")
            }
            keys.append(carried)
        }
        if !undated.isEmpty {
            let examples = Array(Set(undated.filter { !$0.isEmpty })).sorted().prefix(3).map { "\"\($0)\"" }
            let example = examples.isEmpty ? "" : " (\(examples.joined(separator: ", ")))"
            warnings.append(
                LogWarning(
                    code: .timestampUnreadable,
                    message: "\(undated.count) of \(Noun("event").counted(events.count)) "
                        + "\(undated.count == 1 ? "has" : "have") no usable timestamp\(example); "
                        + "\(undated.count == 1 ? "it keeps its" : "they keep their") place in the log and no "
                        + "durations can be given for \(undated.count == 1 ? "it" : "them")"))
        }
        guard firstKnown != nil else { return events }
        // Most logs are in order once each page is oriented: a straight check is cheaper than a sort.
        var inOrder = true
        var previous: Instant?
        for key in keys {
            if let key, let last = previous, key < last {
                inOrder = false
                break
            }
            if key != nil { previous = key }
        }
        if inOrder { return events }
        return events.indices.sorted { left, right in
            let (a, b) = (keys[left], keys[right])
            if a != b, let a, let b { return a < b }
            return left < right
        }.map { events[$0] }
    }

    /// ModelArts events get `#1`, `#2`, … in time order, so that findings can cite them.
    private func numberUnnamedEvents(_ events: inout [LifecycleEvent]) {
        guard events.contains(where: { $0.id.isEmpty }) else { return }
        // Only ids the log already has can collide (a log mixing named and unnamed events).
        let used = Set(events.lazy.map(\.id).filter { !$0.isEmpty })
        var number = EventNumber()
        for index in events.indices where events[index].id.isEmpty {
            repeat { number.advance() } while !used.isEmpty && used.contains(number.text)
            events[index].id = number.text
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

    static func list(_ ids: [String]) -> String {
        let shown = ids.prefix(5).joined(separator: ", ")
        return ids.count > 5 ? shown + ", …" : shown
    }
}
