/// Which of a fixed set of ASCII phrases occur in a text, ignoring ASCII case, found in one pass over the text
/// whatever the number of phrases: the remedy catalogue looks for a score of phrases in every cause, and one search
/// per phrase read each cause that many times.
struct PhraseMatcher: Sendable {
    /// The phrases, lowercased.
    private let phrases: [[UInt8]]
    /// The phrases that start with each pair of lowercased bytes (`first << 8 | second`), for the pairs any
    /// phrase starts with.
    private let startingWith: [UInt16: [Int]]
    /// One bit per pair of bytes: set when some phrase starts with it (a quick "no" for most positions).
    private let starts: [UInt64]

    /// A matcher for `phrases` (ASCII, two bytes or more; case does not matter).
    init(_ phrases: [String]) {
        self.phrases = phrases.map { $0.utf8.map(Self.lowered) }
        var startingWith: [UInt16: [Int]] = [:]
        var starts = [UInt64](repeating: 0, count: 1 << 10)
        for (index, phrase) in self.phrases.enumerated() where phrase.count >= 2 {
            let pair = UInt16(phrase[0]) << 8 | UInt16(phrase[1])
            startingWith[pair, default: []].append(index)
            starts[Int(pair >> 6)] |= 1 << UInt64(pair & 63)
        }
        self.startingWith = startingWith
        self.starts = starts
    }

    /// Whether each phrase occurs in `text`, by the phrases' order.
    func occurrences(in text: UnsafeBufferPointer<UInt8>) -> [Bool] {
        var found = [Bool](repeating: false, count: phrases.count)
        guard text.count >= 2 else { return found }
        var previous = Self.lowered(text[0])
        for position in 1..<text.count {
            let current = Self.lowered(text[position])
            defer { previous = current }
            let pair = UInt16(previous) << 8 | UInt16(current)
            guard starts[Int(pair >> 6)] & (1 << UInt64(pair & 63)) != 0 else { continue }
            for index in startingWith[pair] ?? [] where !found[index] {
                found[index] = Self.occurs(phrases[index], in: text, at: position - 1)
            }
        }
        return found
    }

    private static func occurs(_ phrase: [UInt8], in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + phrase.count <= text.count else { return false }
        for offset in 2..<phrase.count where lowered(text[start + offset]) != phrase[offset] { return false }
        return true
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
