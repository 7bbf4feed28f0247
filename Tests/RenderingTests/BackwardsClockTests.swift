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
