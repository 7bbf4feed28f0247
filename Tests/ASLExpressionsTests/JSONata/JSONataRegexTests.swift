import ASLExpressions
import RetraceCore
import Testing

/// Regular expressions read as JavaScript reads them, whatever ICU would do with the same text, and matching
/// that cannot run away.
@Suite("JSONata regular expressions")
struct JSONataRegexTests {
    @Test(arguments: [
        // `\d` and `\w` are ASCII in JavaScript; ICU's are Unicode.
        (#"$contains("٣", /\d/)"#, "false"),
        (#"$contains("é", /^\w$/)"#, "false"),
        (#"$contains("abc_9", /^\w+$/)"#, "true"),
        // `$` without `m` is the very end, not before a final line break.
        (#"$contains("abc\n", /c$/)"#, "false"),
        (#"$contains("abc\ndef", /c$/m)"#, "true"),
        // `[^]` is any character; `[` inside a class and a lone `{` are literals.
        (#"$match("a\nb", /a[^]b/).match"#, #""a\nb""#),
        (#"$contains("[]", /^[[]]$/)"#, "true"),
        (#"$contains("a{}", /a{}/)"#, "true"),
        (#"$contains("aaa", /a{2}/)"#, "true"),
        // Flags.
        (#"$contains("ABC", /b/i)"#, "true"),
        (#"$contains("ABC", /b/)"#, "false"),
        // Positions are UTF-16 offsets, as in JavaScript.
        (#"$match("😀x", /x/).index"#, "2"),
        (#"$replace("2024-01-15", /(\d+)-(\d+)-(\d+)/, "$3/$2/$1")"#, #""15/01/2024""#),
        (#"$split("a1b22c", /\d+/)"#, #"["a", "b", "c"]"#),
    ])
    func javaScriptSemantics(expression: String, expected: String) throws {
        #expect(try JSONataHarness().value(expression) == json(expected), "\(expression)")
    }

    @Test func invalidPatternsAreSyntaxErrors() {
        // JSONata's lexer ends the pattern at a `/` outside brackets; what JavaScript then rejects is S0303.
        #expect(JSONataHarness().error("$match('a', /a)(/)")?.code == "S0303")
        #expect(JSONataHarness().error("$match('a', //)")?.code == "S0301")
        #expect(JSONataHarness().error("$match('a', /abc")?.code == "S0302")
    }

    @Test func zeroLengthMatchesAfterTheFirstAreRejected() {
        #expect(JSONataHarness().error(#"$match("abc", /x*/)"#)?.code == "D1004")
    }

    /// Catastrophic backtracking is stopped by the step budget (ICU reports progress during a long match).
    @Test func catastrophicBacktrackingIsStopped() {
        var harness = JSONataHarness()
        harness.limits.maximumSteps = 200_000
        let text = String(repeating: "a", count: 40) + "!"
        let error = harness.error("$match('\(text)', /^(a+)+b/)")
        #expect(error?.code == "U1001")
    }
}
