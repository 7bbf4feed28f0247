import Glibc

extension StringProtocol {
    /// Where `needle` first occurs, compared byte for byte in UTF-8.
    ///
    /// The phrases Retrace looks for in causes and messages are fixed ASCII text, for which a byte search is exact;
    /// Foundation's `range(of:)` / `contains(_:)` convert both strings to UTF-16 on every call, which made them most
    /// of the cost of diagnosing a thousand executions.
    public func firstRange(ofBytes needle: String) -> Range<String.Index>? {
        var needle = needle
        func search(_ haystack: UnsafeBufferPointer<UInt8>) -> Int? {
            needle.withUTF8 { pattern in
                guard pattern.count > 0, haystack.count >= pattern.count else { return nil }
                return ByteSearch.firstOffset(of: pattern, in: haystack)
            }
        }
        // A native string or substring is searched where it lies; anything else is copied once.
        let offset: Int? =
            utf8.withContiguousStorageIfAvailable(search)
            ?? {
                var text = String(self)
                return text.withUTF8(search)
            }()
        guard let offset else { return nil }
        let lower = utf8.index(startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// Whether `needle` occurs, compared byte for byte in UTF-8 (see `firstRange(ofBytes:)`).
    public func contains(bytes needle: String) -> Bool { firstRange(ofBytes: needle) != nil }
}

/// Byte search in UTF-8 text.
private enum ByteSearch {
    /// The offset of the first `pattern` in `haystack`. Short texts: memchr finds candidates for the first byte
    /// and memcmp checks each. Long ones (a cause searched for every remedy phrase): Horspool's skip by the byte
    /// under the pattern's end, since a memchr for a first byte that is common in text (a space, an "e") stalled
    /// on every hit. The skip table lives on the stack: one allocated for every search cost more than the search.
    static func firstOffset(of pattern: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = haystack.baseAddress, let key = pattern.baseAddress else { return nil }
        let last = haystack.count - pattern.count
        if haystack.count < 512 || pattern.count < 3 {
            var start = 0
            while start <= last, let hit = memchr(base + start, Int32(key.pointee), last - start + 1) {
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + position, key, pattern.count) == 0 { return position }
                start = position + 1
            }
            return nil
        }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { skip in
            skip.initialize(repeating: pattern.count)
            for index in 0..<(pattern.count - 1) { skip[Int(pattern[index])] = pattern.count - 1 - index }
            let final = pattern[pattern.count - 1]
            var position = 0
            while position <= last {
                let end = haystack[position + pattern.count - 1]
                if end == final, memcmp(base + position, key, pattern.count - 1) == 0 { return position }
                position += skip[Int(end)]
            }
            return nil
        }
    }
}
