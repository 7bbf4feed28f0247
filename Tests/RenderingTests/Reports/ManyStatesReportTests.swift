import Foundation
import RetraceCore
import StepFunctions
import Testing

@testable import Rendering

/// Histories of many distinct states: reports for people fold the per-state table (keeping the states that failed
/// and the heaviest), and the event budget is said right on either side of the 25,000-event limit.
@Suite("Reports of many states")
struct ManyStatesReportTests {
    /// `count` Pass states one after the other, then `Heavy`, a Task that failed twice before it succeeded.
    static func history(passes count: Int) -> TestHistory {
        var history = TestHistory()
        var last = history.start()
        for index in 0..<count { last = history.pass("P\(index)", after: last) }
        last = history.task("Heavy", after: last, failures: [("Boom", "once"), ("Boom", "twice")])
        history.succeed(after: last)
        return history
    }

    @Test func thePerStateTableFoldsBeyondForty() throws {
        let (tree, diagnosis) = try Self.history(passes: 100).analysed()
        let text = ExecutionTextReport(tree: tree, diagnosis: diagnosis, style: .plain).render()
        let table = try #require(
            text.components(separatedBy: "Per state\n").last?.components(separatedBy: "\n\n").first)
        let rows = table.split(separator: "\n").dropFirst()  // the header
        #expect(rows.count == StateSummaryShown.kept + 1, "\(table)")
        #expect(rows.contains { $0.contains("Heavy") && $0.contains("3, 2 failed") }, "the failed attempts are kept")
        let folded = try #require(rows.last)
        #expect(folded.contains("… 71 more states"), "\(folded)")
        #expect(folded.hasSuffix("142"), "71 Pass states of 2 events each: \(folded)")
        let markdown = ExecutionMarkdownReport(tree: tree, diagnosis: diagnosis).render()
        #expect(markdown.contains("| … 71 more states | | 71 | 0 | | | | |"))
        #expect(markdown.contains("| Heavy | Task |"))
        // The JSON report keeps every state.
        let json = ExecutionJSONReport(tree: tree, diagnosis: diagnosis).render()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["stateSummary"] as? [Any])?.count == 101)
    }

    @Test func fortyStatesAreListedInFull() throws {
        let (tree, diagnosis) = try Self.history(passes: 39).analysed()
        let text = ExecutionTextReport(tree: tree, diagnosis: diagnosis, style: .plain).render()
        #expect(text.contains("P38 "))
        #expect(!text.contains("more states"))
    }

    @Test func theEventBudgetIsSaidOnEitherSideOfTheLimit() throws {
        func budget(_ passes: Int) throws -> Finding? {
            try Self.history(passes: passes).analysed().diagnosis.findings.first { $0.code == .historyBudget }
        }
        // Two events a Pass state; eleven for Heavy (entered, three attempts of three, exited); two for the run.
        let under = try #require(try budget(10_500))
        #expect(under.title == "The history used 21013 of the 25,000 events it may hold")
        #expect(under.explanation.contains("came within 3987."), "\(under.explanation)")
        let over = try #require(try budget(13_000))
        #expect(over.title == "The history holds 26013 events, more than the 25,000 a Standard execution may hold")
        #expect(over.explanation.contains("this history has 1013 more."), "\(over.explanation)")
        #expect(over.explanation.contains("Heavy 11 events in 1 visit;"), "\(over.explanation)")
        #expect(!over.explanation.contains("-"))
    }
}
