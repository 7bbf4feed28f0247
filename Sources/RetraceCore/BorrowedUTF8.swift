import CSimdJSON
import Glibc

/// UTF-8 bytes that stay where the parser put them, kept alive by a reference to their owner.
///
/// A history's payloads are most of its bytes and are rarely read; borrowing them from simdjson's string buffer
/// instead of copying each into a `String` halves decoding time and memory. Immutable once made.
public struct BorrowedUTF8: @unchecked Sendable, Hashable {
    private let owner: ParserHandle
    private let start: UnsafeRawPointer
    /// Number of bytes.
    public let count: Int

    init(owner: ParserHandle, start: UnsafeRawPointer, count: Int) {
        self.owner = owner
        self.start = start
        self.count = count
    }

    /// The bytes, valid as long as this value (or a copy) lives.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: count) }

    /// A copy as a `String`.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Byte-for-byte equality.
    public static func == (lhs: BorrowedUTF8, rhs: BorrowedUTF8) -> Bool {
        lhs.count == rhs.count && (lhs.start == rhs.start || memcmp(lhs.start, rhs.start, lhs.count) == 0)
    }

    /// Hashes the bytes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes: bytes)
    }
}

/// Lends the strings of one parsed document; safe to share between threads, since lending only reads.
public struct UTF8Lender: @unchecked Sendable {
    let handle: ParserHandle

    /// The element's string bytes, kept alive with the parser; `nil` for non-strings.
    public func borrow(_ element: JSONElement) -> BorrowedUTF8? {
        guard let utf8 = element.utf8, let base = utf8.baseAddress else { return nil }
        return BorrowedUTF8(owner: handle, start: UnsafeRawPointer(base), count: utf8.count)
    }
}

/// Owns one simdjson parser; shared by every `BorrowedUTF8` that points into its buffers.
final class ParserHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Whether only the lent strings are left (`JSONReader.keepLentStringsOnly()`): the parser cannot parse again.
    var isRetired = false

    init() {
        guard let parser = sj_parser_new(JSONReader.maxDepth) else {
            fatalError("simdjson could not allocate a parser (out of memory)")
        }
        pointer = parser
    }

    deinit { sj_parser_free(pointer) }
}
