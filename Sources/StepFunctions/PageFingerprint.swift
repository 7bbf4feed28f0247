import RetraceCore

/// What the loader needs to know of a page to tell whose it is, without keeping its events: ids with a hash of
/// each event, the `ExecutionStarted` event, the ARNs beside the events, `nextToken`, and the Map Runs it starts.
///
/// Small enough to keep for thousands of pages while their events are dropped and read again per execution.
public struct PageFingerprint: Sendable {
    /// A distributed Map's run as the parent's page records it: its ARN and the time window its children ran in.
    public struct MapRunWindow: Sendable, Hashable {
        /// The Map Run ARN.
        public var arn: String?
        /// The `MapRunStarted` event.
        public var startedEventID: Int64
        /// When it started.
        public var start: Instant?
        /// When it ended (`MapRunSucceeded`, `MapRunFailed`, `MapRunAborted`), when the page holds that.
        public var end: Instant?

        /// Creates a window.
        public init(arn: String?, startedEventID: Int64, start: Instant?, end: Instant?) {
            self.arn = arn
            self.startedEventID = startedEventID
            self.start = start
            self.end = end
        }
    }

    /// Where the page came from.
    public var origin: PageOrigin
    /// The numbered events' ids, ascending.
    var ids: [Int64] = []
    /// A hash of each event's content, parallel to `ids`; empty when the events were not hashed (then overlaps
    /// with other pages cannot be checked event by event, and are merged and checked when decoded together).
    var hashes: [Int] = []
    /// A hash of the whole page: equal for copies of one page.
    var contentHash = 0
    /// Number of events, numbered or not.
    public var eventCount = 0
    /// `executionArn` beside the events.
    public var executionArn: String?
    /// `mapRunArn` beside the events.
    public var mapRunArn: String?
    /// Whether the page carries `nextToken`.
    public var hasNextToken = false
    /// Hash of the `ExecutionStarted` event, when the page holds it.
    var startedHash: Int?
    /// When the execution started, when the page holds `ExecutionStarted`.
    public var start: Instant?
    /// The last event that ends the execution in this page, with its time.
    var lastTerminal: (id: Int64, type: EventType, time: Instant?)?
    /// Whether the page's last event by id ends the execution.
    var endsWithTerminal = false
    /// Time of the page's first and last events by id.
    var firstTime: Instant?
    var lastTime: Instant?
    /// The type of the page's first event by id.
    var firstType: EventType?
    /// The Map Runs started in the page (their ends may be in another page).
    public var mapRuns: [MapRunWindow] = []
    /// When Map Runs ended, by the `MapRunStarted` id their end event follows.
    var mapRunEnds: [Int64: Instant] = [:]

    /// Fingerprints a decoded page.
    ///
    /// - Parameters:
    ///   - hashingEvents: whether to hash every event, which only comparing pages by content needs. A page read
    ///     alone, or one that carries its `executionArn` (its identity), is not hashed event by event: hashing is a
    ///     tenth of the cost of analysing a folder of such histories.
    ///   - bytesDigest: a digest of the page's bytes as given, which then stands for its content (copies of one
    ///     file are told by it); `nil` to derive the content hash from the events.
    public init(_ page: HistoryPage, hashingEvents: Bool = true, bytesDigest: UInt64? = nil) {
        origin = page.origin
        executionArn = page.executionArn
        mapRunArn = page.mapRunArn
        hasNextToken = page.hasNextToken
        eventCount = page.events.count
        var hasher = Hasher()
        // Positions of the numbered events, oldest first: events are large, so they are not copied.
        var numbered: [(id: Int64, hash: Int, position: Int)] = []
        numbered.reserveCapacity(page.events.count)
        for position in page.events.indices {
            let hash = hashingEvents ? page.events[position].hashValue : 0
            hasher.combine(hash)
            let id = page.events[position].id
            if id > 0 { numbered.append((id, hash, position)) }
        }
        contentHash = bytesDigest.map { Int(truncatingIfNeeded: $0) } ?? hasher.finalize()
        if page.isNewestFirst == true { numbered.reverse() }
        if !numbered.indices.dropFirst().allSatisfy({ numbered[$0 - 1].id <= numbered[$0].id }) {
            numbered.sort { $0.id < $1.id }
        }
        ids = numbered.map(\.id)
        hashes = hashingEvents ? numbered.map(\.hash) : []
        let first = numbered.first.map { page.events[$0.position] }
        let last = numbered.last.map { page.events[$0.position] }
        firstTime = first?.timestamp
        lastTime = last?.timestamp
        firstType = first?.type
        endsWithTerminal = last?.type.isExecutionTerminal ?? false
        // Read through the buffer: a 448-byte event is not copied to look at its type.
        page.events.withUnsafeBufferPointer { events in
            for (id, hash, position) in numbered {
                switch events[position].type {
                case .executionStarted:
                    startedHash = hashingEvents ? hash : events[position].hashValue
                    start = events[position].timestamp
                case .executionSucceeded, .executionFailed, .executionAborted, .executionTimedOut:
                    lastTerminal = (id, events[position].type, events[position].timestamp)
                case .mapRunStarted:
                    mapRuns.append(
                        MapRunWindow(
                            arn: events[position].details.mapRunArn, startedEventID: id,
                            start: events[position].timestamp, end: nil))
                case .mapRunSucceeded, .mapRunFailed, .mapRunAborted:
                    if let time = events[position].timestamp { mapRunEnds[events[position].previousEventID] = time }
                default:
                    break
                }
            }
        }
    }

    /// Whether the page holds a whole execution: ids from 1 without a gap, from `ExecutionStarted` to an event
    /// that ends it, with nothing after.
    public var isWholeExecution: Bool {
        guard startedHash != nil, endsWithTerminal, ids.first == 1, let last = ids.last else { return false }
        return Int64(ids.count) == last
    }

    /// The smallest and largest ids.
    var idRange: ClosedRange<Int64>? { ids.first.flatMap { first in ids.last.map { first...$0 } } }
}
