import ASLExpressions
import Testing

@Suite("StringMatches patterns")
struct StringMatchPatternTests {
    @Test(
        "matches",
        arguments: [
            ("foo*.log", "foo23.log", true), ("*.log", "zebra.log", true), ("foo*.*", "foobar.zebra", true),
            ("foo*.log", "foo.log", true), ("foo*.log", "foo.txt", false), ("*", "", true), ("*", "anything", true),
            ("", "", true), ("", "a", false), ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXcYYb", false),
            ("log-\\*.txt", "log-*.txt", true), ("log-\\*.txt", "log-1.txt", false), ("a\\\\b", "a\\b", true),
            ("a\\\\*", "a\\anything", true), ("**a", "xa", true), ("a?c", "abc", false), ("a?c", "a?c", true),
            ("[ab]", "a", false), ("*x*", "abc", false), ("ab", "abab", false), ("*ab", "abab", true),
            ("trailing\\", "trailing\\", true),
        ])
    func matches(pattern: String, text: String, expected: Bool) {
        #expect(StringMatchPattern(pattern).matches(text) == expected)
    }

    @Test("a long pathological pattern finishes quickly")
    func pathological() {
        let text = String(repeating: "a", count: 2000)
        let pattern = String(repeating: "*a", count: 50) + "b"
        #expect(!StringMatchPattern(pattern).matches(text))
    }
}
