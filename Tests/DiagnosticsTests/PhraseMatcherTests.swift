import Testing

@testable import Diagnostics

struct PhraseMatcherTests {
    private func found(_ phrases: [String], in text: String) -> [Bool] {
        var text = text
        return text.withUTF8 { PhraseMatcher(phrases).occurrences(in: $0) }
    }

    @Test func phrasesAreFoundWhateverTheirCase() {
        #expect(found(["rate exceeded", "256 KiB"], in: "Rate Exceeded for a 256 kib payload") == [true, true])
        #expect(found(["throttl"], in: "THROTTLING") == [true])
    }

    @Test func phrasesSharingTheirStartAreEachFound() {
        let phrases = ["not found", "no such", "not allowed"]
        #expect(found(phrases, in: "the key was not found") == [true, false, false])
        #expect(found(phrases, in: "no such bucket; not allowed") == [false, true, true])
        #expect(found(phrases, in: "nonot foun") == [false, false, false])
    }

    @Test func phrasesAtEitherEndAndCutShortAreTold() {
        #expect(found(["abc"], in: "abc") == [true])
        #expect(found(["abc"], in: "xxabc") == [true])
        #expect(found(["abc"], in: "xxab") == [false])
        #expect(found(["abc"], in: "") == [false])
        #expect(found(["abc"], in: "ABX ab abc") == [true])
    }

    @Test func nonASCIITextIsReadAsBytes() {
        #expect(found(["rate exceeded"], in: "Ünïcödé: rate exceeded ✓") == [true])
        #expect(found(["über"], in: "ÜBER") == [false])  // only ASCII letters fold
    }
}
