import Testing

@testable import RetraceCore

/// `firstRange(ofBytes:)` searches short texts with memchr and long ones with Horspool's skip: both must find
/// exactly what a naive search finds, wherever the needle sits and however its bytes repeat.
@Suite("Byte search")
struct ByteSearchTests {
    /// The first offset of `needle` in `text`, one position after the other.
    private func naive(_ needle: String, in text: String) -> Int? {
        let haystack = Array(text.utf8)
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, haystack.count >= pattern.count else { return nil }
        return (0...(haystack.count - pattern.count)).first { Array(haystack[$0..<($0 + pattern.count)]) == pattern }
    }

    private func found(_ needle: String, in text: String) -> Int? {
        text.firstRange(ofBytes: needle).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
    }

    @Test(arguments: [8, 600, 5_000])
    func agreesWithANaiveSearch(length: Int) {
        var generator = SplitMix64(seed: UInt64(length))
        // A small alphabet, so that partial matches and repeated bytes are everywhere.
        let alphabet = Array("aab ba\u{e9}")
        let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        for needle in ["a", "ab", "aab", "ba ", "b ab", "\u{e9}a", "aabaab", "zzz", "a b\u{e9}", "baba"] {
            #expect(found(needle, in: text) == naive(needle, in: text), "\(needle) in \(length)")
        }
    }

    @Test func findsANeedleAtEitherEndOfALongText() {
        let filler = String(repeating: "the cause goes on ", count: 100)
        #expect(found("timed out", in: "timed out" + filler) == 0)
        #expect(found("timed out", in: filler + "timed out") == filler.utf8.count)
        #expect(found("timed out", in: filler + "timed ou") == nil)
        #expect(found("", in: filler) == nil)
        #expect((filler + "Task timed out").contains(bytes: "timed out"))
    }
}
