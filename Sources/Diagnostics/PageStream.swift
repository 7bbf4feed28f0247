import Foundation
import RetraceCore
import StepFunctions

/// Histories read page by page while they arrive (a live fetch): each page is decoded at once, on another thread,
/// while the request for the next one is on its way, so that when the last page arrives only joining the pages,
/// reconstruction, diagnosis and the report remain. The loader takes what it made as inputs already decoded (`LogSet.load(_:decoded:source:)`), one per
/// execution, as it would take a file holding that execution's pages.
public final class PageStream: @unchecked Sendable {
    /// Guards everything below, and wakes the decoding thread.
    private let condition = NSCondition()
    /// Pages are decoded on one thread of their own, at a lower priority than the fetch's: a page arrives at the
    /// moment the request for the next one should leave, and on a small machine (two cores, the server beside it)
    /// a decode at equal priority held that request's thread off a core for 2–5 ms a round. One thread, not one
    /// per page: two decodes at once made every round trip 10–15 ms slower.
    private var decoder: Thread?
    private var waiting: [Waiting] = []
    private var decodingNow = 0
    private var finished = false
    private var arrived: [Arrived] = []
    /// For each execution whose newest page has arrived, an empty array with room for all its events, its memory
    /// already touched (`faultedIn(capacity:)`): what its pages are joined into.
    private var joinedStorage: [String: [HistoryEvent]] = [:]

    /// How much lower the decoding thread runs than the rest (a nice increment: it yields a core at once to a
    /// request's thread, and still has every idle cycle).
    static let decoderNiceness: Int32 = 10

    /// One page, decoded (or the error that stopped it), with where it belongs.
    private struct Arrived {
        var executionArn: String
        var newestFirst: Bool
        var sequence: Int
        var pages: Result<[HistoryPage], any Error>
    }

    /// One page as it arrived, not yet decoded.
    private struct Waiting {
        var body: InputBuffer
        var executionArn: String
        var mapRunArn: String?
        var newestFirst: Bool
        var sequence: Int
    }

    /// Creates an empty stream.
    public init() {}

    /// Decodes `body`, a `GetExecutionHistory` answer: page `sequence` of `executionArn`'s history as read oldest
    /// first or newest first, for a distributed Map's child the page of its Map Run `mapRunArn`. Returns at once.
    public func add(_ body: InputBuffer, executionArn: String, mapRunArn: String?, newestFirst: Bool, sequence: Int) {
        let page = Waiting(
            body: body, executionArn: executionArn, mapRunArn: mapRunArn, newestFirst: newestFirst, sequence: sequence)
        condition.withLock {
            waiting.append(page)
            if decoder == nil {
                let thread = Thread { [self] in
                    // On Linux a nice value belongs to a thread: `0` names the calling one, not the process.
                    setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.decoderNiceness)
                    let reader = JSONReader()
                    while decodeNext(waiting: true, reader: reader) {}
                }
                thread.name = "retrace.page-stream"
                thread.start()
                decoder = thread
            }
            condition.signal()
        }
    }

    /// Decodes the oldest page waiting with `reader` (one per thread, reused: its parser's tape and indexes are
    /// faulted in once, not for every page); whether there was one. With `waiting`, waits for a page until the
    /// stream is finished.
    private func decodeNext(waiting wait: Bool, reader: JSONReader) -> Bool {
        condition.lock()
        while wait, waiting.isEmpty, !finished { condition.wait() }
        guard !waiting.isEmpty else {
            condition.unlock()
            return false
        }
        let next = waiting.removeFirst()
        decodingNow += 1
        condition.unlock()
        let pages = Result {
            var pages = try HistoryDecoder().pages(of: next.body, reader: reader)
            // The API's answer does not say whose it is: the request did.
            for index in pages.indices {
                pages[index].executionArn = next.executionArn
                pages[index].mapRunArn = next.mapRunArn
            }
            return pages
        }
        let page = Arrived(
            executionArn: next.executionArn, newestFirst: next.newestFirst, sequence: next.sequence, pages: pages)
        // The newest page's newest event says how many events the history has: room for them is made now, while
        // the fetch waits on the network, rather than once the last page is in.
        var storage: [HistoryEvent]?
        if next.newestFirst, next.sequence == 0, let newest = try? pages.get().first?.events.first?.id,
            newest > 0, newest <= Self.preparedEventLimit
        {
            // The joining reserves room for every page's events, overlap included: the last page of each direction
            // may repeat the other's, and the API's pages hold 1,000 events at most.
            storage = Self.faultedIn(capacity: Int(newest) + 2_000)
        }
        condition.withLock {
            arrived.append(page)
            if let storage { joinedStorage[next.executionArn] = storage }
            decodingNow -= 1
            condition.broadcast()
        }
        return true
    }

    /// The most events room is made for ahead: a Standard execution's history ends at 25,000, and an id in a page
    /// says nothing certain (a page may come from anywhere).
    static let preparedEventLimit: Int64 = 100_000

    /// An empty array with room for `capacity` events whose memory is already written once: a page of fresh memory
    /// costs about 2 µs on its first touch (a 25,000-event history's 6 MB, 3 ms), paid here off the critical path.
    private static func faultedIn(capacity: Int) -> [HistoryEvent] {
        [HistoryEvent](unsafeUninitializedCapacity: capacity) { buffer, count in
            if let base = buffer.baseAddress { memset(base, 0, capacity * MemoryLayout<HistoryEvent>.stride) }
            count = 0
        }
    }

    /// Waits until every page added is decoded; one input per execution (named by its ARN, in the order their first
    /// pages arrived), holding one page: its pages read oldest first and newest first joined where they met, each
    /// event once (`HistoryPage.joining`), as a bundle holds them.
    ///
    /// - Throws: the first page's error, pages read oldest first before those read newest first, each in the order
    ///   read.
    public func inputs() throws -> [DecodedInput] {
        // The fetch is over, so no request waits for a core: the pages still waiting (the last round's, usually)
        // are decoded here too, beside the decoding thread, at full priority.
        condition.withLock {
            finished = true
            condition.broadcast()
        }
        let reader = JSONReader()
        while decodeNext(waiting: false, reader: reader) {}
        let decoded = condition.withLock {
            while decodingNow > 0 || !waiting.isEmpty { condition.wait() }
            return arrived
        }
        var executions: [String] = []
        var byExecution: [String: [Arrived]] = [:]
        for page in decoded {
            if byExecution[page.executionArn] == nil { executions.append(page.executionArn) }
            byExecution[page.executionArn, default: []].append(page)
        }
        return try executions.map { arn in
            let pages = byExecution[arn] ?? []
            func read(newestFirst: Bool) throws -> [HistoryPage] {
                try pages.filter { $0.newestFirst == newestFirst }.sorted { $0.sequence < $1.sequence }
                    .flatMap { try $0.pages.get() }
            }
            let oldest = try read(newestFirst: false)
            let storage = condition.withLock { joinedStorage.removeValue(forKey: arn) } ?? []
            let joined = HistoryPage.joining(
                oldestFirst: oldest, newestFirst: try read(newestFirst: true), origin: PageOrigin(input: arn),
                into: storage)
            var input = DecodedInput(name: arn, pages: [joined])
            // Identified by its ARN: its events need no hashing to tell it from other executions.
            input.fingerprints = [PageFingerprint(joined, hashingEvents: false)]
            return input
        }
    }
}

/// An input whose pages were decoded before the loader saw them (a live fetch's, from `PageStream`): read by
/// `LogSet` beside files, as a file holding those pages would be.
public struct DecodedInput: Sendable {
    /// What the user calls it: the execution's ARN.
    public var name: String
    /// Its pages, in order.
    public var pages: [HistoryPage]
    /// Their fingerprints, made by `PageStream`; made by the loader when empty.
    var fingerprints: [PageFingerprint] = []

    /// Creates an input of `pages` called `name`.
    public init(name: String, pages: [HistoryPage]) {
        self.name = name
        self.pages = pages
    }
}
