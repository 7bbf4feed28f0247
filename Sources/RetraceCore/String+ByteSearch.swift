import Glibc

extension StringProtocol {
    /// Where `needle` first occurs, compared byte for byte in UTF-8.
    ///
    /// The phrases Retrace looks for in causes and messages are fixed ASCII text, for which a byte search is exact;
    /// Foundation's `range(of:)` / `contains(_:)` convert both strings to UTF-16 on every call, which made them most
    /// of the cost of diagnosing a thousand executions.
    public func firstRange(ofBytes needle: String) -> Range<String.Index>? {
        var text = String(self)
        var needle = needle
        let offset: Int? = text.withUTF8 { haystack in
            needle.withUTF8 { pattern in
                guard let base = haystack.baseAddress, let key = pattern.baseAddress, pattern.count > 0,
                    haystack.count >= pattern.count
                else { return nil }
                // memchr finds candidates for the first byte at memory speed; memcmp checks each.
                let last = haystack.count - pattern.count
                var start = 0
                while start <= last, let hit = memchr(base + start, Int32(key.pointee), last - start + 1) {
                    let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, key, pattern.count) == 0 { return position }
                    start = position + 1
                }
                return nil
            }
        }
        guard let offset else { return nil }
        let lower = utf8.index(startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// Whether `needle` occurs, compared byte for byte in UTF-8 (see `firstRange(ofBytes:)`).
    public func contains(bytes needle: String) -> Bool { firstRange(ofBytes: needle) != nil }
}
