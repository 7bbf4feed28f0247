import RetraceCore

/// One page of a history as the user gave it: a `GetExecutionHistory` response, a bare event array, or the
/// single-event lines of a JSON Lines file, with what the page says about whose it is.
///
/// Pages, not files, are what the loader sorts into executions: one file may hold pages of several executions,
/// and one execution may be spread over several files in any order.
public struct HistoryPage: Sendable {
    /// Where the page came from.
    public var origin: PageOrigin
    /// The events, in the order the page lists them.
    public var events: [HistoryEvent]
    /// `executionArn` beside `events`, when the page carries one (boto3 dumps, fetched bundles).
    public var executionArn: String?
    /// `mapRunArn` beside `events`: the page belongs to a distributed Map's child execution.
    public var mapRunArn: String?
    /// Whether the page carries `nextToken`: the API had more events to give.
    public var hasNextToken: Bool
    /// Events whose timestamp could not be read, with the text found.
    var unreadableTimestamps: [(id: Int64, text: String)] = []

    /// The ids of the page's numbered events, smallest first.
    public var idRange: ClosedRange<Int64>? {
        var low = Int64.max
        var high = Int64.min
        // By index: iterating would copy every event (and retain what it holds) just to read its id.
        for index in events.indices where events[index].id > 0 {
            low = min(low, events[index].id)
            high = max(high, events[index].id)
        }
        return low <= high ? low...high : nil
    }

    /// Whether the page lists its events newest first (`reverseOrder`); `nil` when it cannot tell (fewer than
    /// two numbered events).
    public var isNewestFirst: Bool? {
        var previous: Int64?
        var descending = 0
        var ascending = 0
        for index in events.indices where events[index].id > 0 {
            let id = events[index].id
            if let previous {
                if id < previous { descending += 1 } else if id > previous { ascending += 1 }
            }
            previous = id
        }
        if descending == 0 && ascending == 0 { return nil }
        return descending > ascending
    }
}

/// Where a page was read: which input, and which page of it.
public struct PageOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The input's name as the user gave it (a path, or `<stdin>`).
    public var input: String
    /// The input's position among all inputs read.
    public var inputIndex: Int
    /// The page's position in its input, from 0.
    public var ordinal: Int
    /// The byte offset where the page starts in its input.
    public var offset: Int

    /// Creates an origin.
    public init(input: String, inputIndex: Int = 0, ordinal: Int = 0, offset: Int = 0) {
        self.input = input
        self.inputIndex = inputIndex
        self.ordinal = ordinal
        self.offset = offset
    }

    /// `file.json`, or `file.json (page 2)` when the input holds several pages.
    public var description: String { ordinal == 0 ? input : "\(input) (page \(ordinal + 1))" }
}

extension HistoryPage {
    /// One execution's history read from both ends at once — pages oldest first and pages newest first
    /// (`reverseOrder`), each in the order read, until the two readings met — as one page, oldest first, each event
    /// once: what a bundle's `events` holds, and what the loader reads fastest (one page in order is not re-sorted).
    ///
    /// The newest-first pages are read from their far end; of them only the events past the oldest-first reading's
    /// newest are kept (and events without an id, which cannot be placed by it). The events are written into
    /// `storage`, emptied first: an array whose room the caller made ahead.
    public static func joining(
        oldestFirst: [HistoryPage], newestFirst: [HistoryPage], origin: PageOrigin,
        into storage: consuming [HistoryEvent] = []
    ) -> HistoryPage {
        var joined = HistoryPage(origin: origin, events: [], hasNextToken: false)
        // Taken over, not copied, so that it is this page's alone and keeps its room.
        joined.events = consume storage
        joined.events.removeAll(keepingCapacity: true)
        let all = oldestFirst + newestFirst
        joined.executionArn = all.lazy.compactMap(\.executionArn).first
        joined.mapRunArn = all.lazy.compactMap(\.mapRunArn).first
        joined.events.reserveCapacity(all.reduce(0) { $0 + $1.events.count })
        var newest: Int64 = 0
        for page in oldestFirst {
            joined.events += page.events
            for index in page.events.indices { newest = max(newest, page.events[index].id) }
        }
        for page in newestFirst.reversed() {
            for index in page.events.indices.reversed()
            where page.events[index].id > newest || page.events[index].id == 0 {
                joined.events.append(page.events[index])
            }
        }
        var seen: Set<Int64> = []
        for page in all {
            for unreadable in page.unreadableTimestamps where seen.insert(unreadable.id).inserted {
                joined.unreadableTimestamps.append(unreadable)
            }
        }
        return joined
    }
}
