/// A fast 64-bit digest of bytes, for telling large texts apart within one run.
///
/// Swift's `Hasher` (SipHash) is built to resist collisions chosen by an attacker and costs about a nanosecond a
/// byte; pages of a thousand histories are mostly payload bytes, and the loader hashes every event to compare
/// pages. Feeding `Hasher` this digest instead of the bytes keeps hashing in proportion to the events, not their
/// size. Not for security, and not stable across versions: never store it.
public enum ByteDigest64 {
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let mixer: UInt64 = 0xBF58_476D_1CE4_E5B9

    /// The digest of `bytes`.
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state = UInt64(bytes.count) &* multiplier
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            state = (state ^ mix(word)) &* multiplier
            state = (state << 27) | (state >> 37)
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        state = (state ^ mix(tail)) &* multiplier
        return mix(state)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value
        value = (value ^ (value >> 31)) &* mixer
        value = (value ^ (value >> 29)) &* multiplier
        return value ^ (value >> 32)
    }
}
