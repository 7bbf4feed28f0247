import Dispatch
import Foundation
import RetraceCore
import StepFunctions

/// Histories read page by page while they arrive (a live fetch): each page is decoded at once, on another thread,
/// while the request for the next one is on its way, so that when the last page arrives only joining the pages,
/// reconstruction, diagnosis and the report remain. The loader takes what it made as inputs already decoded (`LogSet.load(_:decoded:source:)`), one per
/// execution, as it would take a file holding that execution's pages.
public final class PageStream: @unchecked Sendable {
    private let lock = NSLock()
    private let group = DispatchGroup()
    /// One page decoded at a time: the fetch's other threads (and, on a small machine, the server beside it) keep a
    /// core for the network, so decoding never delays the next request. Two decodes at once on two cores made
    /// every round trip 10–15 ms slower than the page's own cost.
    private let decoding = DispatchQueue(label: "retrace.page-stream")
    private var arrived: [Arrived] = []

    /// One page, decoded (or the error that stopped it), with where it belongs.
    private struct Arrived {
        var executionArn: String
        var newestFirst: Bool
        var sequence: Int
        var pages: Result<[HistoryPage], any Error>
    }

    /// Creates an empty stream.
    public init() {}

    /// Decodes `body`, a `GetExecutionHistory` answer: page `sequence` of `executionArn`'s history as read oldest
    /// first or newest first, for a distributed Map's child the page of its Map Run `mapRunArn`. Returns at once.
    public func add(_ body: Data, executionArn: String, mapRunArn: String?, newestFirst: Bool, sequence: Int) {
        decoding.async(group: group) { [self] in
            let pages = Result {
                var pages = try HistoryDecoder().pages(of: InputBuffer(name: executionArn, bytes: body))
                // The API's answer does not say whose it is: the request did.
                for index in pages.indices {
                    pages[index].executionArn = executionArn
                    pages[index].mapRunArn = mapRunArn
                }
                return pages
            }
            let page = Arrived(executionArn: executionArn, newestFirst: newestFirst, sequence: sequence, pages: pages)
            lock.withLock { arrived.append(page) }
        }
    }

    /// Waits until every page added is decoded; one input per execution (named by its ARN, in the order their first
    /// pages arrived), holding one page: its pages read oldest first and newest first joined where they met, each
    /// event once (`HistoryPage.joining`), as a bundle holds them.
    ///
    /// - Throws: the first page's error, pages read oldest first before those read newest first, each in the order
    ///   read.
    public func inputs() throws -> [DecodedInput] {
        group.wait()
        var executions: [String] = []
        var byExecution: [String: [Arrived]] = [:]
        for page in lock.withLock({ arrived }) {
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
            let joined = HistoryPage.joining(
                oldestFirst: oldest, newestFirst: try read(newestFirst: true), origin: PageOrigin(input: arn))
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
