import ASLExpressions
import Foundation
import RetraceCore
import RetraceTestSupport
import Testing

/// Runs every case of the official JSONata 2.0.6 test suite but the `$eval` group, strictly: the value must be
/// equal, an undefined result undefined, and an expected error raised with the same code. There is no list of
/// expected failures: every case passes, so any case that fails fails the test (printed with why), and the suite
/// must hold at least the cases counted (`passing`), so that a reader that lost cases cannot pass either.
@Suite(
    "JSONata official test suite",
    .enabled(if: JSONataSuite.isAvailable, Comment(rawValue: Conformance.missingMessage)))
struct JSONataSuiteTests {
    /// The cases of v2.0.6 besides the 12 of `$eval`, all of which pass.
    static let passing = 1_613

    @Test func everyCasePasses() throws {
        let cases = try JSONataSuite.cases()
        #expect(cases.count >= 1_600, "the suite held \(cases.count) cases; v2.0.6 has 1,613 besides $eval")
        var failures: [String] = []
        for suiteCase in cases {
            if let failure = Self.failure(of: suiteCase) {
                failures.append("\(suiteCase.name): \(suiteCase.expression)\n    \(failure)")
            }
        }
        let passed = cases.count - failures.count
        let failing = failures.joined(separator: "\n")
        print(
            "JSONata suite: \(passed) of \(cases.count) cases pass" + (failures.isEmpty ? "" : "; failing:\n\(failing)")
        )
        #expect(passed >= Self.passing, "\(passed) cases pass, fewer than \(Self.passing):\n\(failing)")
        #expect(failures.isEmpty, "\(failures.count) cases fail:\n\(failing)")
    }

    /// Why `suiteCase` fails, or `nil` when it passes.
    static func failure(of suiteCase: JSONataSuite.Case) -> String? {
        var harness = JSONataHarness()
        harness.variables = suiteCase.bindings
        harness.context = suiteCase.input
        if let depth = suiteCase.depth { harness.limits.maximumDepth = depth }
        let outcome = Result { () throws(JSONataError) in try harness.value(suiteCase.expression) }
        switch (suiteCase.expectation, outcome) {
        case (.value(let expected, let unordered), .success(let value)):
            guard let value else { return "expected \(expected.serialized()), got undefined" }
            if unordered ? sameMembers(expected, value) : expected == value { return nil }
            return "expected \(expected.serialized()), got \(value.serialized())"
        case (.undefined, .success(let value)):
            guard let value else { return nil }
            return "expected undefined, got \(value.serialized())"
        case (.error(let code), .success(let value)):
            return "expected error \(code), got \(value?.serialized() ?? "undefined")"
        case (.error(let code), .failure(let error)):
            return error.code == code ? nil : "expected error \(code), got \(error)"
        case (_, .failure(let error)):
            return "failed: \(error)"
        }
    }

    /// Arrays holding the same items in any order.
    private static func sameMembers(_ expected: JSONValue, _ value: JSONValue) -> Bool {
        guard let left = expected.arrayValue, var right = value.arrayValue, left.count == right.count else {
            return expected == value
        }
        for item in left {
            guard let index = right.firstIndex(of: item) else { return false }
            right.remove(at: index)
        }
        return true
    }

    /// The suite's reader and comparison themselves: a wrong answer, a missing error and a wrong error code are
    /// each reported, so a broken engine cannot pass by accident.
    @Test func failuresAreReported() {
        func make(_ expression: String, _ expectation: JSONataSuite.Expectation) -> JSONataSuite.Case {
            JSONataSuite.Case(
                name: "self-check", expression: expression, input: nil, bindings: [:], expectation: expectation)
        }
        #expect(Self.failure(of: make("1 + 1", .value(.integer(2), unordered: false))) == nil)
        #expect(Self.failure(of: make("1 + 1", .value(.integer(3), unordered: false))) != nil)
        #expect(Self.failure(of: make("[1, 2]", .value(.array([.integer(2), .integer(1)]), unordered: true))) == nil)
        #expect(Self.failure(of: make("[1, 2]", .value(.array([.integer(2), .integer(1)]), unordered: false))) != nil)
        #expect(Self.failure(of: make("nothing", .undefined)) == nil)
        #expect(Self.failure(of: make("1", .undefined)) != nil)
        #expect(Self.failure(of: make("1 + 'a'", .error(code: "T2002"))) == nil)
        #expect(Self.failure(of: make("1 + 'a'", .error(code: "T2001"))) != nil)
        #expect(Self.failure(of: make("1 + 1", .error(code: "T2001"))) != nil)
    }
}
