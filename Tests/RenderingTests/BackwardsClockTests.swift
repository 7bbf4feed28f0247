import Foundation
import RetraceCore
import StepFunctions
import Testing

@testable import Rendering

/// A history whose clock runs backwards (the last event 6 d 20 h before the start) is warned about and shows no
/// negative time in any report.
@Suite("A clock running backwards gives no negative time")
struct BackwardsClockTests {
    static let file = "Tests/StepFunctionsTests/Fixtures/clock_backwards.json"

    @Test func textReportWarnsAndSaysNoNegativeDuration() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: Self.file)
        let text = ExecutionTextReport(tree: tree, diagnosis: diagnosis, style: .plain).render()
        #expect(text.contains("running for 0 ms"))
        #expect(text.contains("#18 before #17"))
        #expect(text.firstMatch(of: /-\d+ ?(ms|s|min|h|d)\b/) == nil, "a negative duration in:\n\(text)")
    }

    @Test func jsonReportHasNoNegativeDuration() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: Self.file)
        let json = ExecutionJSONReport(tree: tree, diagnosis: diagnosis).render()
        #expect(json.contains("\"timestamp-backwards\""))
        #expect(json.firstMatch(of: /Ms":\s*-/) == nil)
    }

    @Test func timelineHasNoNegativeBarOrTooltip() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: Self.file)
        let timeline = Timeline(tree: tree, diagnosis: diagnosis)
        let bars = timeline.rows.flatMap(\.bars)
        #expect(!bars.isEmpty)
        #expect(bars.allSatisfy { $0.startOffset >= 0 && $0.endOffset >= $0.startOffset })
        #expect(bars.allSatisfy { $0.tooltip.firstMatch(of: /-\d/) == nil })
        #expect(timeline.spanMilliseconds >= 1)
    }
}

/// A Map of thousands of iterations is written on every core, a batch at a time: the report keeps every iteration,
/// in order, each with its own states, and reads the same streamed in chunks as rendered whole.
@Suite("A large Map's JSON report")
struct LargeMapJSONTests {
    @Test func iterationsWrittenApartKeepTheirOrder() throws {
        let failing: Set<Int> = [5, 1_500, 2_999]
        let (tree, diagnosis) = try TestHistory.largeMap(iterations: 3_000, failing: failing).analysed()
        let report = ExecutionJSONReport(tree: tree, diagnosis: diagnosis)
        let text = report.render()
        var streamed: [UInt8] = []
        report.write { streamed.append(contentsOf: $0) }
        #expect(String(decoding: streamed, as: UTF8.self) == text)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let map = try #require((object["states"] as? [[String: Any]])?.first { $0["name"] as? String == "Items" })
        let iterations = try #require(map["iterations"] as? [[String: Any]])
        #expect(iterations.compactMap { $0["index"] as? Int } == Array(0..<3_000))
        let failed = iterations.filter { $0["status"] as? String == "failed" }.compactMap { $0["index"] as? Int }
        #expect(Set(failed) == failing)
        let names = iterations.map { ($0["states"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? [] }
        #expect(names.allSatisfy { $0 == ["Prepare", "Work"] })
    }
}
