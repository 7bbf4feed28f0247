import Foundation
import RetraceCore

/// Fetches one Step Functions execution as a bundle: every page of its history as AWS sent it, its description, the
/// definition it ran with, and for a distributed Map its Map Runs and child executions (by `children`).
public struct StepFunctionsFetcher: Sendable {
    /// Which distributed-Map child executions are fetched with their parent.
    public enum Children: String, Sendable, CaseIterable {
        /// Those that failed, timed out or were aborted (the default: they explain a failed Map Run).
        case failed
        /// Every child.
        case all
        /// None.
        case none
    }

    /// The Step Functions client.
    public var client: AWSJSONClient
    /// Which children to fetch.
    public var children: Children
    /// How many children are fetched at once.
    public var concurrency: Int
    /// Events per history page asked for (the API allows 1,000 at most).
    public var pageSize = 1_000
    /// When set, each history page is handed here as it arrives, as AWS sent it, and the bundles returned keep no
    /// events (`events` is empty): for a caller that reads the pages itself while the next ones are on their way,
    /// instead of waiting for the whole history and reading it again.
    public var pageHandler: (@Sendable (ArrivedPage) -> Void)?

    /// One `GetExecutionHistory` answer as it arrived, with whose it is and where it belongs.
    public struct ArrivedPage: Sendable {
        /// The answer's bytes, as AWS sent them, named by the execution's ARN (what a reader of them reports errors
        /// in): the buffer the fetcher read the page from, handed on rather than copied again.
        public var body: InputBuffer
        /// The execution whose history it is.
        public var executionArn: String
        /// The Map Run a child execution belongs to (`nil` for the execution asked for).
        public var mapRunArn: String?
        /// Whether it was read newest first (`reverseOrder`).
        public var newestFirst: Bool
        /// Its place among the pages read in its direction, from 0.
        public var sequence: Int
    }

    /// Creates a fetcher.
    public init(client: AWSJSONClient, children: Children = .failed, concurrency: Int = 8) {
        self.client = client
        self.children = children
        self.concurrency = max(1, concurrency)
    }

    /// The bundle of `executionArn`.
    public func fetch(_ executionArn: String, progress: (@Sendable (FetchProgress) -> Void)? = nil) async throws
        -> ExecutionBundle
    {
        let tally = ProgressTally(report: progress)
        var (bundle, mapRunArns) = try await fetchOne(executionArn, mapRunArn: nil, tally: tally)
        guard children != .none else { return bundle }
        for mapRunArn in mapRunArns {
            bundle.mapRuns.append(
                try await client.call(
                    "DescribeMapRun", .object(JSONObject([("mapRunArn", .string(mapRunArn))])), resource: mapRunArn))
            let arns = try await childArns(of: mapRunArn)
            bundle.children += try await fetchConcurrently(arns, mapRunArn: mapRunArn, tally: tally)
        }
        return bundle
    }

    /// One execution's bundle, and the Map Runs its history started.
    private func fetchOne(_ arn: String, mapRunArn: String?, tally: ProgressTally) async throws
        -> (ExecutionBundle, mapRunArns: [String])
    {
        // The history's first pages are asked for first: they start the longest chain of calls, and the two
        // descriptions, asked for a moment later, still arrive long before the history is whole.
        async let history = history(of: arn, mapRunArn: mapRunArn, tally: tally)
        await Task.yield()
        async let description = client.call(
            "DescribeExecution", .object(JSONObject([("executionArn", .string(arn))])), resource: arn)
        async let definition = client.call(
            "DescribeStateMachineForExecution", .object(JSONObject([("executionArn", .string(arn))])), resource: arn)
        let (events, mapRunArns) = try await history
        let bundle = ExecutionBundle(
            executionArn: arn, execution: try await description, stateMachine: try await definition, events: events)
        return (bundle, mapRunArns)
    }

    /// Every event, oldest first (none when a `pageHandler` takes the pages), and the Map Runs they started. The
    /// oldest pages and the newest (`reverseOrder`) are read at the same time, each following its own `nextToken`,
    /// until they meet: a 25,000-event history takes about half the round trips' time of reading it front to back.
    func history(of arn: String, mapRunArn: String? = nil, tally: ProgressTally) async throws
        -> (events: [ExecutionBundle.Event], mapRunArns: [String])
    {
        let meeting = Meeting()
        async let forward = pages(of: arn, mapRunArn: mapRunArn, newestFirst: false, meeting: meeting, tally: tally)
        async let backward = pages(of: arn, mapRunArn: mapRunArn, newestFirst: true, meeting: meeting, tally: tally)
        let (oldest, newest) = try await (forward, backward)
        var mapRunArns: [String] = []
        for arn in oldest.mapRunArns + newest.mapRunArns.reversed() where !mapRunArns.contains(arn) {
            mapRunArns.append(arn)
        }
        // Where they overlap, each event is kept once; ids order them.
        var byID: [Int64: ExecutionBundle.Event] = [:]
        var unnumbered: [ExecutionBundle.Event] = []
        for event in oldest.events + newest.events.reversed() {
            if let id = event.id { byID[id] = byID[id] ?? event } else { unnumbered.append(event) }
        }
        return (byID.keys.sorted().compactMap { byID[$0] } + unnumbered, mapRunArns)
    }

    /// One direction's pages, until the history ends or the other direction's events are reached: their events
    /// (unless a `pageHandler` takes them) and the Map Runs they started.
    ///
    /// While the two directions are still far apart (`Meeting.mayAskAhead`), the request for the next page leaves
    /// as soon as a page's token is read from its last bytes (`HistoryPage.trailingNextToken`), before the page
    /// itself is read: reading a page of 1,000 events takes a few milliseconds, which would otherwise fall between
    /// every round trip. Near the meeting point each page is read first, so that no request is sent for a page
    /// the other direction brings (the first pages excepted: `Meeting.mayAskAhead` says why).
    private func pages(
        of arn: String, mapRunArn: String?, newestFirst: Bool, meeting: Meeting, tally: ProgressTally
    ) async throws -> (events: [ExecutionBundle.Event], mapRunArns: [String]) {
        var events: [ExecutionBundle.Event] = []
        var mapRunArns: [String] = []
        var sequence = 0
        let reader = JSONReader()
        let client = client
        let pageSize = pageSize
        func request(after token: String?) -> Task<Data, any Error> {
            var request: [(String, JSONValue)] = [
                ("executionArn", .string(arn)), ("maxResults", .integer(Int64(pageSize))),
                ("includeExecutionData", .bool(true)),
            ]
            if newestFirst { request.append(("reverseOrder", .bool(true))) }
            if let token { request.append(("nextToken", .string(token))) }
            let body = JSONValue.object(JSONObject(request))
            return Task { try await client.callForBytes("GetExecutionHistory", body, resource: arn) }
        }
        var pending = request(after: nil)
        while true {
            meeting.awaiting(pending, newestFirst: newestFirst)
            let body: Data
            do {
                body = try await pending.value
            } catch is CancellationError where meeting.isMet {
                // The other direction brought what this request was for.
                break
            }
            var ahead: (token: String, request: Task<Data, any Error>)?
            if meeting.mayAskAhead(pageSize: pageSize), let token = HistoryPage.trailingNextToken(in: body) {
                ahead = (token, request(after: token))
                // The request's task goes first: on a machine with few cores both directions' pages are read at
                // once, and the request would otherwise wait for a thread until a page was read.
                await Task.yield()
            }
            // One padded copy for simdjson, read here and by the handler. Handed on before it is read here: the
            // handler's own reading of the last pages is what the caller waits for once the history is whole.
            let buffer = InputBuffer(name: arn, bytes: body)
            pageHandler?(
                ArrivedPage(
                    body: buffer, executionArn: arn, mapRunArn: mapRunArn, newestFirst: newestFirst,
                    sequence: sequence))
            let page: HistoryPage
            do {
                page = try HistoryPage(buffer, keepingEvents: pageHandler == nil, reader: reader)
            } catch let error as InputError {
                ahead?.request.cancel()
                throw AWSError.invalidResponse(action: "states:GetExecutionHistory", reason: error.description)
            }
            sequence += 1
            events += page.events
            mapRunArns += page.mapRunArns
            tally.add(pages: 1, events: page.ids.count)
            let met = meeting.reached(newestFirst: newestFirst, ids: page.ids)
            guard !met, let token = page.nextToken else {
                ahead?.request.cancel()
                break
            }
            if let ahead, ahead.token == token {
                pending = ahead.request
            } else {
                ahead?.request.cancel()
                pending = request(after: token)
            }
        }
        return (events, mapRunArns)
    }

    /// The child executions of a Map Run that `children` asks for.
    private func childArns(of mapRunArn: String) async throws -> [String] {
        let filters: [String?] = children == .all ? [nil] : ["FAILED", "TIMED_OUT", "ABORTED"]
        var arns: [String] = []
        for filter in filters {
            var token: String?
            repeat {
                var request: [(String, JSONValue)] = [
                    ("mapRunArn", .string(mapRunArn)), ("maxResults", .integer(1_000)),
                ]
                if let filter { request.append(("statusFilter", .string(filter))) }
                if let token { request.append(("nextToken", .string(token))) }
                let page = try await client.call("ListExecutions", .object(JSONObject(request)), resource: mapRunArn)
                arns += (page["executions"]?.arrayValue ?? []).compactMap { $0["executionArn"]?.stringValue }
                token = page["nextToken"]?.stringValue
            } while token != nil
        }
        return arns
    }

    /// Fetches `arns` with at most `concurrency` at once, in the order given.
    private func fetchConcurrently(_ arns: [String], mapRunArn: String, tally: ProgressTally) async throws
        -> [ExecutionBundle]
    {
        var results = [ExecutionBundle?](repeating: nil, count: arns.count)
        try await withThrowingTaskGroup(of: (Int, ExecutionBundle).self) { group in
            var next = 0
            func start() {
                guard next < arns.count else { return }
                let index = next
                let arn = arns[index]
                next += 1
                group.addTask {
                    var (child, _) = try await fetchOne(arn, mapRunArn: mapRunArn, tally: tally)
                    child.stateMachine = nil  // the parent's Map defines it; the bundle keeps one copy
                    return (index, child)
                }
            }
            for _ in 0..<concurrency { start() }
            while let (index, child) = try await group.next() {
                results[index] = child
                tally.add(children: 1)
                start()
            }
        }
        return results.compactMap { $0 }
    }
}

/// Where the oldest-first and newest-first readings of one history have got to: they stop once they meet.
///
/// Near the middle both directions ask for the same last page (each reads its page before asking for the next, and
/// neither knows whether the other's will arrive first): once either answer completes the history, the request
/// still waiting in the other direction is cancelled, so that the fetch ends with the first of the two answers,
/// not the second.
final class Meeting: @unchecked Sendable {
    private let lock = NSLock()
    private var highestOldest: Int64 = 0
    private var lowestNewest: Int64 = .max
    /// Each direction's request in flight, by `newestFirst`.
    private var inFlight: [Bool: Task<Data, any Error>] = [:]

    /// Whether the two readings cover the history between them (under the lock).
    private var covers: Bool { lowestNewest != .max && highestOldest >= lowestNewest - 1 }

    /// Whether the two readings cover the history between them.
    var isMet: Bool { lock.withLock { covers } }

    /// Records the ids of a page just read; whether the two readings now cover the history between them. When they
    /// do, the other direction's request in flight is cancelled.
    func reached(newestFirst: Bool, ids: [Int64]) -> Bool {
        let (met, moot): (Bool, Task<Data, any Error>?) = lock.withLock {
            if newestFirst {
                lowestNewest = min(lowestNewest, ids.min() ?? lowestNewest)
            } else {
                highestOldest = max(highestOldest, ids.max() ?? highestOldest)
            }
            return covers ? (true, inFlight[!newestFirst]) : (false, nil)
        }
        moot?.cancel()
        return met
    }

    /// Records the request a direction now waits for; cancelled at once when the readings have met already.
    func awaiting(_ request: Task<Data, any Error>, newestFirst: Bool) {
        let moot = lock.withLock {
            inFlight[newestFirst] = request
            return covers
        }
        if moot { request.cancel() }
    }

    /// Whether the next page in either direction may be asked for before the page in hand is read: each direction
    /// may have a page read but not yet recorded and a request ahead of it, so the events between the two must be
    /// more than three pages' worth. True while either direction has recorded nothing: the first pages of both
    /// arrive together, and waiting for the other's to be read held the second round back by 2–6 ms; for a
    /// history of two to four pages this may ask for a page or two that the other direction brings, which is
    /// dropped.
    func mayAskAhead(pageSize: Int) -> Bool {
        lock.withLock {
            lowestNewest == .max || highestOldest == 0 || lowestNewest - highestOldest - 1 > 3 * Int64(pageSize)
        }
    }
}
