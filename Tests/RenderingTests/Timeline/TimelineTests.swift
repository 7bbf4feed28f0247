import Foundation
import RetraceCore
import StepFunctions
import Testing

@testable import Rendering

/// What the timeline says: rows for visits, attempts and backoff as bars, groups for branches and
/// iterations, merged rows where there would be thousands, and honesty about unreadable timestamps.
@Suite("Timeline: rows and bars")
struct TimelineTests {
    static func row(_ timeline: Timeline, _ label: String) throws -> TimelineRow {
        try #require(timeline.rows.first { $0.label == label })
    }

    @Test func retriesShowEachAttemptAndTheBackoffBetween() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/retry-then-catch.json")
        let timeline = Timeline(tree: tree, diagnosis: diagnosis)
        #expect(timeline.timesKnown)
        let authorize = try Self.row(timeline, "AuthorizePayment")
        #expect(authorize.status == .caught)
        let attempts = authorize.bars.filter { $0.kind == .attempt }
        let backoffs = authorize.bars.filter { $0.kind == .backoff }
        #expect(attempts.count == 4)
        #expect(attempts.allSatisfy { $0.status == .failed })
        #expect(backoffs.count == 3)
        // Each backoff runs from one attempt's end to the next one's start.
        for (index, backoff) in backoffs.enumerated() {
            #expect(backoff.startOffset == attempts[index].endOffset)
            #expect(backoff.endOffset == attempts[index + 1].startOffset)
            #expect(backoff.endOffset > backoff.startOffset)
        }
        #expect(authorize.detail == "Task · 4 attempts · caught")
        let visit = try #require(authorize.bars.first { $0.kind == .visit })
        #expect(attempts.allSatisfy { $0.startOffset >= visit.startOffset && $0.endOffset <= visit.endOffset })
        #expect(timeline.spanMilliseconds == tree.durationMilliseconds)
    }

    @Test func branchesAndIterationsAreGroupedRows() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/order-success.json")
        let timeline = Timeline(tree: tree, diagnosis: diagnosis)
        let summary = timeline.rows.map { "\(String(repeating: " ", count: $0.depth))\($0.label)" }
        #expect(
            summary == [
                "ValidateOrder", "ChargeAndReserve", " branch 1", "  ChargeCard", " branch 2", "  ReserveStock",
                "PackItems", " iteration 0", "  PackItem", " iteration 1", "  PackItem", " iteration 2", "  PackItem",
                "NotifyShipping",
            ])
        let branch = try Self.row(timeline, "branch 1")
        #expect(branch.kind == .group)
        #expect(branch.bars.map(\.kind) == [.span])
        #expect(timeline.rows.allSatisfy { !$0.isRootCause })
    }

    @Test func largeMapMergesIntoRowsPerStateAndKeepsFailuresApart() throws {
        let failing: Set<Int> = [3, 500, 501, 502, 503, 504, 505, 999]
        let (tree, diagnosis) = try TestHistory.largeMap(iterations: 1000, failing: failing).analysed()
        let timeline = Timeline(tree: tree, diagnosis: diagnosis)
        #expect(timeline.rows.count < 40)
        let header = try Self.row(timeline, "1000 iterations")
        #expect(header.detail == "992 succeeded, 8 failed")
        let merged = timeline.rows.filter { if case .merged = $0.kind { return true } else { return false } }
        #expect(merged.map(\.label) == ["Prepare", "Work"])
        #expect(merged.first?.kind == .merged(visits: 994))
        let apart = timeline.rows.filter { $0.label.hasPrefix("iteration ") }.map(\.label)
        #expect(apart.count == 1 + TimelineOptions().failedIterationsShown)
        #expect(timeline.rows.contains { $0.isRootCause })
        // Merged bars are unions, in order and apart from each other: at most one per visit.
        let work = try #require(merged.last?.bars.filter { $0.status == .succeeded })
        #expect(work.count <= 992)
        #expect(zip(work, work.dropFirst()).allSatisfy { $0.endOffset < $1.startOffset })
        // At a coarser resolution the short gaps between iterations close: a handful of bars.
        let coarse = Timeline(tree: tree, diagnosis: diagnosis, options: TimelineOptions(resolution: 50))
        let coarseWork = try #require(coarse.rows.last { $0.label == "Work" && $0.kind == .merged(visits: 994) })
        #expect(coarseWork.bars.filter { $0.status == .succeeded }.count < 10)
        #expect(timeline.notes.contains { $0.hasPrefix("Items: 1000 iterations; 994 merged into one row per state") })
    }

    @Test func longLoopsMergePerState() throws {
        let (tree, diagnosis) = try TestHistory.loop(rounds: 500).analysed()
        let timeline = Timeline(tree: tree, diagnosis: diagnosis)
        #expect(timeline.rows.map(\.label) == ["CheckStatus", "Poll", "Done"])
        #expect(try Self.row(timeline, "Poll").kind == .merged(visits: 500))
        #expect(timeline.notes.first?.hasPrefix("1002 visits in one thread (a loop) merged") ?? false)
    }

    @Test func rowBudgetIsKeptAndTheRestCounted() throws {
        var history = TestHistory()
        var last = history.start()
        for index in 0..<60 { last = history.pass("Step \(index)", after: last) }
        history.succeed(after: last)
        let (tree, diagnosis) = try history.analysed()
        let timeline = Timeline(tree: tree, diagnosis: diagnosis, options: TimelineOptions(rowBudget: 20))
        #expect(timeline.rows.count == 21)
        #expect(timeline.rows.last?.kind == .omitted(rows: 40))
        #expect(timeline.notes.contains("row budget (20) reached: 40 rows not drawn"))
    }

    @Test func unreadableTimestampsAreSaidNotDrawn() throws {
        var history = TestHistory()
        history.placeholderTimestamps = true
        var last = history.start()
        last = history.task("Work", after: last, failures: [("Oops", "it broke")])
        history.succeed(after: last)
        let (tree, diagnosis) = try history.analysed()
        let timeline = Timeline(tree: tree, diagnosis: diagnosis)
        #expect(!timeline.timesKnown)
        #expect(timeline.rows.map(\.label) == ["Work"])
        #expect(timeline.rows.allSatisfy { $0.bars.isEmpty })
        let structure = SVGStructure(parsing: timeline.svg())
        #expect(structure.isWellFormed)
        #expect(structure.texts.contains { $0.hasPrefix("Timestamps are unknown in this history") })
        #expect(!structure.elementNames.contains("rect") || structure.groups(ofClass: "axis").isEmpty)
        #expect(structure.groups(ofClass: "axis").isEmpty, "no time axis without times")
    }

    static let axisCases: [(span: Int64, step: Int64)] = [
        (0, 1), (1, 1), (9, 1), (10, 1), (11, 2), (999, 100), (1_000, 100), (2_300, 500),
        (14_640, 2_000), (59_000, 10_000), (3_600_000, 600_000), (86_400_000 * 3, 43_200_000),
    ]

    @Test func axisStepsAreRound() {
        for (span, step) in Self.axisCases {
            #expect(TimelineAxis.step(forSpan: span) == step, "span \(span)")
        }
        let huge = TimelineAxis.step(forSpan: Int64.max)
        #expect(huge >= 31_536_000_000)
        #expect(Int64.max / huge <= 10)
    }
}
