import RetraceCore
import Testing

/// JSON strings compare by code point: canonically equivalent spellings are different values.
@Suite("Code-point strings")
struct CodePointStringTests {
    @Test func canonicallyEquivalentStringsDiffer() {
        #expect("u\u{308}" == "\u{FC}", "Swift's String == treats the spellings as equal")
        #expect(!CodePointString.same("u\u{308}", "\u{FC}"))
        #expect(CodePointString.same("\u{FC}", "\u{FC}"))
        #expect(CodePointString("u\u{308}") != CodePointString("\u{FC}"))
        #expect(Set([CodePointString("u\u{308}"), CodePointString("\u{FC}"), CodePointString("\u{FC}")]).count == 2)
    }

    @Test func jsonValuesCompareAndHashByCodePoint() throws {
        let decomposed = JSONValue.string("u\u{308}")
        let composed = JSONValue.string("\u{FC}")
        #expect(decomposed != composed)
        #expect(Set([decomposed, composed, .string("\u{FC}")]).count == 2)
        #expect(JSONValue.array([decomposed]) != .array([composed]))
        let parsed = try JSONValue.parse(#"["u\u0308", "\u00fc"]"#)
        #expect(parsed == .array([decomposed, composed]))
        #expect(parsed != .array([composed, composed]))
    }

    @Test func adjacentStringsHashApart() {
        let split = JSONValue.array([.string("ab"), .string("c")])
        let other = JSONValue.array([.string("a"), .string("bc")])
        #expect(split != other)
        #expect(split.hashValue != other.hashValue)
    }

    @Test func stringsThatAreNotContiguousCompareAlike() {
        // A bridged or lazily built string may not expose contiguous UTF-8; the result must not depend on it.
        let built = String(decoding: Array("u\u{308}x".utf8), as: UTF8.self)
        #expect(CodePointString.same(built, "u\u{308}x"))
        #expect(!CodePointString.same(built, "\u{FC}x"))
    }
}
