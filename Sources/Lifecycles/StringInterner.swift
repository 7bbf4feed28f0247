/// Shares one copy of the texts a deployment log repeats on every event (a fleet id, an event code, a status,
/// "Server process exited with an error"), so that a million events hold a few hundred strings, not millions:
/// the difference between a log that fits in three times its size in memory and one that does not.
///
/// Texts are looked up by their bytes, straight from the parser's buffer: a `String` is made only for a text not
/// seen before, not once per event to be thrown away when the shared copy is found.
///
/// Bounded: past `capacity` distinct texts (a log whose messages all differ), texts are kept as they come.
final class StringInterner {
    // One interner serves one log's decoding, on one thread (it is not `Sendable`): the runtime's exclusivity
    // checks on its tables, twice a field of every event, are left out.
    /// Each slot: 0 when empty, else the index in `texts` + 1.
    @exclusivity(unchecked) private var slots: [Int32]
    @exclusivity(unchecked) private var hashes: [UInt64] = []
    @exclusivity(unchecked) private var texts: [String] = []
    private let capacity: Int
    private let seed = UInt64.random(in: UInt64.min...UInt64.max)

    /// Probes longer than this (texts made to collide) give the text back unshared: sharing only saves memory.
    private static let longestProbe = 64

    init(capacity: Int = 4096) {
        self.capacity = capacity
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
    }

    /// The shared copy of the text whose UTF-8 bytes are `bytes` (copied into a new `String` the first time).
    func intern(bytes: UnsafeBufferPointer<UInt8>) -> String {
        let raw = UnsafeRawBufferPointer(bytes)
        let hash = UTF8Words.hash(raw, seed: seed)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        var probes = 0
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if hashes[index] == hash, UTF8Words.equal(texts[index], raw) { return texts[index] }
            probes += 1
            if probes > Self.longestProbe { return String(decoding: bytes, as: UTF8.self) }
            slot = (slot + 1) & mask
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard texts.count < capacity else { return text }
        texts.append(text)
        hashes.append(hash)
        slots[slot] = Int32(texts.count)
        return text
    }

    /// `intern(bytes:)` for one field read event after event: `last` holds the text the field had before, and
    /// when the field repeats it (a fleet id, a stack's ARN, a status said many times in a row) it is given back
    /// after a comparison, without hashing.
    func intern(bytes: UnsafeBufferPointer<UInt8>, last: inout String?) -> String {
        if let last, UTF8Words.equal(last, UnsafeRawBufferPointer(bytes)) { return last }
        let text = intern(bytes: bytes)
        last = text
        return text
    }

    /// The shared copy of `text`.
    func intern(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { intern(bytes: $0) }
    }

    /// The shared copy of `text`, when there is one.
    func intern(_ text: String?) -> String? { text.map(intern) }
}
