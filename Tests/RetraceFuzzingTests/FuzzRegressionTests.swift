import Foundation
import RetraceTestSupport
import Testing

@testable import RetraceFuzzing

/// Every input the fuzzer ever broke Retrace with (`Fuzz/Regressions/<target>/`), and the hand-made seeds, run
/// through the same pipelines the fuzzer drives: each must end without a trap and with every output promise
/// kept. A crasher is added here once its cause is fixed, with a focused test where the fix lives.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// One kept input and the target that found it.
    struct Input: CustomTestStringConvertible, Sendable {
        var target: FuzzTarget
        var file: URL
        var testDescription: String { "\(target.rawValue)/\(file.lastPathComponent)" }
    }

    static let inputs: [Input] = FuzzTarget.allCases.flatMap { target in
        ["Regressions", "Seeds"].flatMap { kind in
            let folder = PackagePaths.root.appendingPathComponent("Fuzz/\(kind)/\(target.rawValue)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.sorted().filter { !$0.hasPrefix(".") }.map {
                Input(target: target, file: folder.appendingPathComponent($0))
            }
        }
    }

    @Test("Kept inputs run clean", arguments: inputs)
    func keptInputRunsClean(_ input: Input) throws {
        let bytes = try [UInt8](Data(contentsOf: input.file))
        #expect(input.target.run(bytes) == [])
    }

    @Test func everyTargetHasSeeds() {
        for target in FuzzTarget.allCases {
            #expect(Self.inputs.contains { $0.target == target }, "no seed for \(target.rawValue)")
        }
    }

    /// The checker itself must be able to fail: text for people that lets an escape or a CR through, JSON that
    /// does not parse, and SVG or DOT holding what XML forbids are caught.
    @Test func brokenPromisesAreCaught() {
        var checker = OutputChecker()
        checker.human("text", "fine\tand\nfine")
        #expect(checker.violations == [])
        checker.human("text", "title\u{1B}]0;owned\u{7}")
        checker.human("Markdown", "over\rwritten")
        checker.json("JSON", "{\"a\": 1")
        checker.inert("SVG", "<text>line\r\nbreak</text>")
        checker.inert("SVG", "<text>bell\u{7}</text>")
        #expect(
            checker.violations == [
                "text holds the control character U+001B", "Markdown holds the control character U+000D",
                "JSON is not valid JSON", "SVG holds the character U+0007, which XML forbids",
            ])
    }

    /// A hostile history keeps every promise: reports show its escapes and carriage returns as visible text.
    @Test func hostileHistoryKeepsPromises() {
        let history = """
            {"events":[{"id":1,"type":"ExecutionStarted","timestamp":"2024-01-01T00:00:00Z",
            "executionStartedEventDetails":{"input":"{}"}},
            {"id":2,"type":"ExecutionFailed","timestamp":"2024-01-01T00:00:01Z",
            "executionFailedEventDetails":{"error":"E\\u001b]0;owned\\u0007","cause":"line\\rover"}}]}
            """
        // Reports show the escape as visible text, so the promises hold for this hostile history.
        #expect(FuzzTarget.history.run(Array(history.utf8)) == [])
    }
}
