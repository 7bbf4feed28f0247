import Foundation
import Replay
import RetraceCore
import Testing

@testable import Rendering

/// State names, payloads and error texts in a replay report come from the history and the definition: in
/// Markdown they must stay inside their table cell, in JSON stay strings, on a terminal stay text, and a
/// pre-signed URL's secret must not reach any of them.
@Suite("Replay reports escape what the history holds")
struct ReplayReportEscapingTests {
    static let secret = "wJalrXUtnFEMI"
    static let report = ReplayReport(
        divergences: [
            Divergence(
                eventID: 7, location: [.state("Fan|out"), .iteration(2)], state: "<b>Charge</b>",
                kind: .stateOutput,
                expected: "\"https://b.s3.amazonaws.com/k?X-Amz-Signature=\(secret)\" | # *not* [a](link)",
                recorded: "line one\nline two\u{1B}[31m red")
        ],
        notCompared: [
            NotCompared(
                category: .placeholder, eventID: 3, location: [.state("a`b")], detail: "the placeholder '<uuid:1>'")
        ],
        agreements: 2, statesReplayed: 3, visitsRecorded: 5)
    static let execution = ReplayedExecution(name: "run|1 <x>", arn: nil, report: report)

    @Test func markdownKeepsEveryValueInItsCell() {
        let text = ReplayMarkdownReport(definition: "m.asl.json", executions: [Self.execution]).render()
        let row = text.split(separator: "\n").first { $0.hasPrefix("| #7 ") }.map(String.init) ?? ""
        // Five cells: only the separators are unescaped bars.
        #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 6, "\(row)")
        #expect(row.contains("Fan\\|out › iteration 2 › &lt;b&gt;Charge&lt;/b&gt;"))
        #expect(row.contains("\\# \\*not\\* \\[a\\](link)"))
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains(Self.secret))
        #expect(text.contains("### ✗ run\\|1 &lt;x&gt;"))
        #expect(text.contains("3 state visits compared, 2 not compared, 2 comparisons agreed."))
    }

    @Test func jsonHoldsTheTextAsStrings() throws {
        let text = ReplayJSONReport(definition: "m.asl.json", executions: [Self.execution]).render()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let execution = try #require((document["executions"] as? [[String: Any]])?.first)
        let divergence = try #require((execution["divergences"] as? [[String: Any]])?.first)
        #expect(divergence["path"] as? [String] == ["Fan|out", "iteration 2", "<b>Charge</b>"])
        #expect(divergence["recorded"] as? String == "line one\nline two\u{1B}[31m red")
        #expect((divergence["expected"] as? String)?.contains(Self.secret) == false)
        #expect(execution["visits"] as? [String: Int] == ["recorded": 5, "compared": 3, "notCompared": 2])
    }

    @Test func terminalTextShowsControlCharactersAsText() {
        let text = ReplayReportText(report: Self.report, all: true).render()
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains(Self.secret))
        #expect(text.hasPrefix("✗ 1 divergence between the definition and the history (3 state visits compared"))
    }
}
