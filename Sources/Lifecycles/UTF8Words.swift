/// Hashing and comparing UTF-8 bytes eight at a time: what `EventIDIndex` and `StringInterner` look texts up
/// with, a million times a log, where `Hasher` (SipHash) and a byte-by-byte comparison were a tenth of the run.
///
/// Not a defence against ids made to collide on its own: each table seeds it at random and bounds its probes.
enum UTF8Words {
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// A hash of `bytes` mixed with `seed`.
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var hash = seed ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* multiplier
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* multiplier
        return hash ^ (hash >> 32)
    }

    /// A hash of `text`'s UTF-8 bytes mixed with `seed`.
    static func hash(_ text: String, seed: UInt64) -> UInt64 {
        if let hash = text.utf8.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0), seed: seed) }) {
            return hash
        }
        // A string without contiguous UTF-8 (bridged): hashed as a native copy.
        return hash(String(decoding: Array(text.utf8), as: UTF8.self), seed: seed)
    }

    /// Whether two byte sequences are the same.
    static func equal(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
        guard left.count == right.count else { return false }
        var offset = 0
        while offset + 8 <= left.count {
            guard
                left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    == right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset += 8
        }
        while offset < left.count {
            guard left[offset] == right[offset] else { return false }
            offset += 1
        }
        return true
    }

    /// Whether `text`'s UTF-8 bytes are `bytes`.
    static func equal(_ text: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { equal(UnsafeRawBufferPointer($0), bytes) }
            ?? text.utf8.elementsEqual(bytes)
    }
}
