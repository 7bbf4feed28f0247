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
        // Four independent lanes over 32-byte blocks keep the multipliers busy in parallel.
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (
            UInt64(bytes.count) &* multiplier, mixer, multiplier ^ mixer, ~multiplier
        )
        var offset = 0
        let count = bytes.count
        while offset + 32 <= count {
            lanes.0 = step(lanes.0, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes.1 = step(lanes.1, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            lanes.2 = step(lanes.2, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            lanes.3 = step(lanes.3, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        var state = mix(mix(mix(mix(lanes.0) ^ lanes.1) ^ lanes.2) ^ lanes.3)
        while offset + 8 <= count {
            state = step(state, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        return mix(step(state, tail))
    }

    private static func step(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (state ^ (word &* mixer)) &* multiplier
        return (mixed << 27) | (mixed >> 37)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value
        value = (value ^ (value >> 31)) &* mixer
        value = (value ^ (value >> 29)) &* multiplier
        return value ^ (value >> 32)
    }
}
