import Foundation
import RetraceCore
import Testing

@testable import Rendering

/// Causes longer than Step Functions can record are clipped in the reports, before redaction, so that a crafted
/// cause costs the reports no more than its share of the history.
@Suite("Reported causes")
struct ReportedCauseTests {
    @Test func shortCausesAreUntouched() {
        let cause = "Lambda timed out after 3 s"
        #expect(ReportedCause.clipped(cause) == cause)
        #expect(ReportedCause.clipped(String(repeating: "x", count: 32_768)).count == 32_768)
    }

    @Test func longCausesStopAtWhatStepFunctionsRecords() {
        let clipped = ReportedCause.clipped(String(repeating: "é", count: 100_000))
        #expect(clipped.count == 32_769)
        #expect(clipped.hasSuffix("é…"))
    }

    /// Counted in Unicode scalars, so that one cluster of 100,000 combining marks is clipped like any text.
    @Test func combiningMarksCountOneByOne() {
        let marks = "e" + String(repeating: "\u{301}", count: 100_000)
        let clipped = ReportedCause.clipped(marks)
        #expect(clipped.unicodeScalars.count == 32_769)
        #expect(clipped.hasSuffix("…"))
        let accents = ReportedCause.clipped(String(repeating: "e\u{301}", count: 20_000))
        #expect(accents.unicodeScalars.count == 32_769)
    }

    /// A secret cut by the clip is still redacted: its name comes before what is left of its value.
    @Test func clippingNeverUncoversASecret() {
        let cause = String(repeating: "a", count: 32_740) + " X-Amz-Signature=0123456789abcdef0123456789abcdef"
        let reported = ReportedCause.redacted(cause)
        #expect(reported.hasSuffix("X-Amz-Signature=REDACTED…") || reported.hasSuffix("X-Amz-Signature=REDACTED"))
        #expect(!reported.contains("0123456789"))
    }

    @Test func theJSONReportGivesEachLongCauseClipped() throws {
        var history = TestHistory()
        let start = history.start()
        history.fail(after: start, error: "Huge", cause: String(repeating: "y", count: 200_000))
        let (tree, diagnosis) = try history.analysed()
        let report = ExecutionJSONReport(tree: tree, diagnosis: diagnosis).render()
        var causes: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let object):
                for (key, member) in object {
                    if key == "cause", let text = member.stringValue { causes.append(text) } else { collect(member) }
                }
            case .array(let elements): elements.forEach(collect)
            default: break
            }
        }
        collect(try JSONValue.parse(report))
        #expect(!causes.isEmpty)
        #expect(causes.allSatisfy { $0.count == 32_769 && $0.hasSuffix("y…") })
        #expect(report.utf8.count < (causes.count + 1) * 32_769)
    }
}
