import ASLExpressions
import RetraceCore
import Testing

/// Strings and keys that are canonically equivalent ("u" + combining diaeresis, and "ü") but hold different code
/// points are different in JSON and JavaScript, so they must stay different in every language a definition holds.
@Suite("Code-point comparison in expressions")
struct CodePointComparisonTests {
    /// The two spellings, as JSON escapes.
    static let decomposed = #"u\u0308"#
    static let composed = #"\u00fc"#
    static let payload = #"{"u\u0308": 1, "\u00fc": 2, "words": ["u\u0308", "\u00fc", "u\u0308"]}"#

    // MARK: JSONPath

    @Test func jsonPathBracketMemberFindsOnlyItsSpelling() throws {
        let input = try environment(Self.payload)
        #expect(try JSONPath("$['\u{FC}']").evaluate(in: input) == .integer(2))
        #expect(try JSONPath("$['u\u{308}']").evaluate(in: input) == .integer(1))
    }

    @Test func jsonPathFilterEqualityComparesCodePoints() throws {
        let input = try environment(#"{"items": [{"k": "u\u0308"}, {"k": "\u00fc"}]}"#)
        let found = try JSONPath("$.items[?(@.k == '\u{FC}')]").evaluate(in: input)
        #expect(found == .array([.object(JSONObject([("k", .string("\u{FC}"))]))]))
    }

    // MARK: Intrinsic functions

    @Test func arrayContainsComparesCodePoints() throws {
        let evaluator = IntrinsicEvaluator()
        let input = try environment(#"{"list": ["u\u0308"], "composed": "\u00fc", "decomposed": "u\u0308"}"#)
        #expect(try evaluator.evaluate("States.ArrayContains($.list, $.composed)", in: input) == .bool(false))
        #expect(try evaluator.evaluate("States.ArrayContains($.list, $.decomposed)", in: input) == .bool(true))
    }

    @Test func arrayUniqueKeepsBothSpellings() throws {
        let unique = try IntrinsicEvaluator().evaluate("States.ArrayUnique($.words)", in: environment(Self.payload))
        #expect(unique == .array([.string("u\u{308}"), .string("\u{FC}")]))
    }

    @Test func stringSplitSplitsOnCodePointsOnly() throws {
        let input = try environment(#"{"text": "au\u0308b\u00fcc", "delimiter": "\u00fc"}"#)
        let parts = try IntrinsicEvaluator().evaluate("States.StringSplit($.text, $.delimiter)", in: input)
        #expect(parts == .array([.string("au\u{308}b"), .string("c")]))
    }

    // MARK: JSONata

    @Test func jsonataEqualityAndInCompareCodePoints() throws {
        let harness = try JSONataHarness.context(Self.payload)
        #expect(try harness.value(#""u\u0308" = "\u00fc""#) == .bool(false))
        #expect(try harness.value(#""u\u0308" != "\u00fc""#) == .bool(true))
        #expect(try harness.value(#""\u00fc" = "\u00fc""#) == .bool(true))
        #expect(try harness.value(#""\u00fc" in ["u\u0308"]"#) == .bool(false))
        #expect(try harness.value(#"words[$ = "\u00fc"]"#) == .string("\u{FC}"))
    }

    @Test func jsonataDistinctKeepsBothSpellings() throws {
        let harness = try JSONataHarness.context(Self.payload)
        #expect(try harness.value("$distinct(words)") == .array([.string("u\u{308}"), .string("\u{FC}")]))
        #expect(
            try harness.value(#"$distinct([{"u\u0308": 1}, {"\u00fc": 1}]) ~> $count()"#) == .integer(2))
    }

    @Test func jsonataObjectKeysStayTwoMembers() throws {
        let harness = try JSONataHarness.context(Self.payload)
        #expect(try harness.value(#"{"u\u0308": 1, "\u00fc": 2} ~> $keys() ~> $count()"#) == .integer(2))
        #expect(try harness.value(#"$lookup($, "\u00fc")"#) == .integer(2))
        #expect(try harness.value(#"`u\u0308`"#) == nil, "a backtick name is not unescaped")
        #expect(try harness.value("$keys($) ~> $count()") == .integer(3))
        // Grouping by key: each spelling is its own group.
        #expect(
            try harness.value("words{$: $count($)}")
                == .object(JSONObject([("u\u{308}", .integer(2)), ("\u{FC}", .integer(1))])))
        #expect(try harness.value(#"$merge([{"u\u0308": 1}, {"\u00fc": 2}]) ~> $keys() ~> $count()"#) == .integer(2))
    }

    @Test func jsonataSortOrdersByUTF16CodeUnits() throws {
        let harness = try JSONataHarness.context(Self.payload)
        // U+0075 'u' sorts before U+00FC 'ü'; JavaScript compares UTF-16 code units, so U+FF5E precedes U+1F600.
        #expect(
            try harness.value(#"$sort(["\u00fc", "u\u0308"])"#) == .array([.string("u\u{308}"), .string("\u{FC}")]))
        #expect(
            try harness.value(#"$sort(["\ud83d\ude00", "\uff5e"])"#)
                == .array([.string("\u{1F600}"), .string("\u{FF5E}")]))
        #expect(try harness.value(#""\ud83d\ude00" < "\uff5e""#) == .bool(true))
    }
}
