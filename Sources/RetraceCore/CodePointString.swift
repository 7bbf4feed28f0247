/// A string compared and hashed by its Unicode scalars (its UTF-8 bytes), as JSON, JavaScript and JSONata
/// compare text — not by Swift's canonical equivalence, under which `"u\u{308}"` equals `"\u{FC}"`.
///
/// Payload keys and values are data: two spellings a user wrote differently are two different keys, and
/// merging them would lose one. Use it as a dictionary key, or call `same(_:_:)` to compare two strings.
public struct CodePointString: Hashable, Sendable {
    /// The text.
    public let text: String

    /// Wraps `text`.
    public init(_ text: String) {
        self.text = text
    }

    /// Whether the two strings hold the same Unicode scalars.
    @inlinable
    public static func same(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.utf8
        let right = rhs.utf8
        guard left.count == right.count else { return false }
        let contiguous = left.withContiguousStorageIfAvailable { leftBytes in
            right.withContiguousStorageIfAvailable { rightBytes in
                leftBytes.elementsEqual(rightBytes)
            }
        }
        if let contiguous, let result = contiguous { return result }
        return left.elementsEqual(right)
    }

    /// Feeds the string's UTF-8 bytes to `hasher`, followed by a terminator so that adjacent strings in a
    /// collection hash apart (`["ab", "c"]` and `["a", "bc"]`).
    @inlinable
    public static func hash(_ text: String, into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        if hashed == nil {
            for byte in text.utf8 { hasher.combine(byte) }
        }
        hasher.combine(0xFF as UInt8)
    }

    /// Same scalars.
    public static func == (lhs: CodePointString, rhs: CodePointString) -> Bool { same(lhs.text, rhs.text) }

    /// Hashes the scalars.
    public func hash(into hasher: inout Hasher) { CodePointString.hash(text, into: &hasher) }
}
