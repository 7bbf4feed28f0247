import CSimdJSON
import Glibc

/// UTF-8 bytes that stay where the parser put them, kept alive by a reference to their owner.
///
/// A history's payloads are most of its bytes and are rarely read; borrowing them from simdjson's string buffer
/// instead of copying each into a `String` halves decoding time and memory. Immutable once made.
public struct BorrowedUTF8: @unchecked Sendable, Hashable {
    private let owner: ParserHandle
    private let start: UnsafeRawPointer
    /// 32 bits are enough (an input is at most `InputBuffer.maximumSize`), and keep a payload, and so an event,
    /// 8 bytes smaller.
    private let length: UInt32

    /// Number of bytes.
    public var count: Int { Int(length) }

    init(owner: ParserHandle, start: UnsafeRawPointer, count: UInt32) {
        self.owner = owner
        self.start = start
        self.length = count
    }

    /// The bytes, valid as long as this value (or a copy) lives.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: count) }

    /// A copy as a `String`.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Byte-for-byte equality.
    public static func == (lhs: BorrowedUTF8, rhs: BorrowedUTF8) -> Bool {
        lhs.length == rhs.length && (lhs.start == rhs.start || memcmp(lhs.start, rhs.start, lhs.count) == 0)
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
        guard let utf8 = element.utf8, let base = utf8.baseAddress, let count = UInt32(exactly: utf8.count) else {
            return nil
        }
        return BorrowedUTF8(owner: handle, start: UnsafeRawPointer(base), count: count)
    }
}

/// Owns one simdjson parser; shared by every `BorrowedUTF8` that points into its buffers.
final class ParserHandle: @unchecked Sendable {
    /// The parser, until it is handed on (`handingOnParser()`).
    private var parser: OpaquePointer?
    /// The string buffer this handle's borrowers point into, once the parser went on without it.
    private var strings: OpaquePointer?
    /// Whether only the lent strings are left (`JSONReader.keepLentStringsOnly()`): the parser cannot parse again.
    var isRetired = false

    init() {
        guard let parser = sj_parser_new(JSONReader.maxDepth) else {
            fatalError("simdjson could not allocate a parser (out of memory)")
        }
        self.parser = parser
    }

    private init(taking parser: OpaquePointer) {
        self.parser = parser
    }

    /// The parser; only for a handle that has not handed it on.
    var pointer: OpaquePointer {
        guard let parser else { preconditionFailure("the parser was handed on") }
        return parser
    }

    /// A handle for the next parse with this parser, whose tape and indexes, already allocated and faulted in,
    /// are reused: this handle keeps only the last parse's string buffer, for the strings it lent. A new parser
    /// when the buffer cannot be taken out (or only the strings are left already).
    func handingOnParser() -> ParserHandle {
        guard !isRetired, let parser, let detached = sj_parser_detach_strings(parser) else { return ParserHandle() }
        strings = detached
        self.parser = nil
        isRetired = true
        return ParserHandle(taking: parser)
    }

    deinit {
        if let parser { sj_parser_free(parser) }
        if let strings { sj_strings_free(strings) }
    }
}
