import CSimdJSON

/// Reads JSON through simdjson's DOM parser: one document, JSON Lines, or several documents back to back.
///
/// A class because it owns the C parser, whose buffers are reused from one parse to the next. Not thread-safe:
/// use one reader per thread. Elements handed to the closure are valid only inside it.
public final class JSONReader {
    /// The deepest nesting accepted; deeper input is reported, not parsed (it would only come from an attack
    /// or a bug, and bounding it keeps every walk over the tree safe).
    public static let maxDepth = 1024

    private var handle = ParserHandle()
    /// Whether strings of the current parser were lent out; the next parse takes a fresh parser unless every
    /// borrower has let go.
    private var lent = false
    private var parser: OpaquePointer { handle.pointer }

    /// Creates a reader and its parser.
    public init() {}

    /// A lender for the current document's strings that may be used from several threads at once, when the
    /// document is stable; `nil` otherwise.
    public func lender(for info: DocumentInfo) -> UTF8Lender? {
        guard info.isStable else { return nil }
        lent = true
        return UTF8Lender(handle: handle)
    }

    /// Frees what the last parse needed for reading values (the tape, the stage-1 indexes: together about as large
    /// as the input), keeping only the string buffer that lent strings point into; the next parse takes a fresh
    /// parser. For large inputs whose payloads stay borrowed: their parser would otherwise hold both.
    public func keepLentStringsOnly() {
        guard lent, !handle.isRetired else { return }
        sj_parser_keep_strings_only(parser)
        handle.isRetired = true
    }

    /// Where one document of a multi-document input begins.
    public struct DocumentInfo: Sendable, Hashable {
        /// 0 for the first document in the input.
        public var index: Int
        /// Byte offset of the document's first byte.
        public var offset: Int
        /// Whether the document's strings stay valid after the closure returns (a single-document input),
        /// so that a `lender(for:)` may lend them; documents of a stream share one buffer and are not stable.
        public var isStable: Bool
    }

    /// Parses `input` and hands each JSON document in it to `body`, in order.
    ///
    /// - Parameter expecting: what the caller wants, for the message when the input is empty.
    /// - Throws: `InputError` naming the file, line and column for invalid JSON; whatever `body` throws.
    public func forEachDocument(
        in input: InputBuffer, expecting: String, _ body: (JSONElement, DocumentInfo) throws -> Void
    ) throws {
        let bytes = input.bytes
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw InputError.empty(file: input.name, expected: expecting)
        }
        let base = input.storage.assumingMemoryBound(to: UInt8.self)
        // A parser whose strings are still borrowed leaves its string buffer to its borrowers and parses on with a
        // new one (or, once they are gone, with the same): reading many inputs in turn does not allocate (and
        // fault in) a tape for each.
        if handle.isRetired {
            handle = ParserHandle()
        } else if lent && !isKnownUniquelyReferenced(&handle) {
            handle = handle.handingOnParser()
        }
        lent = false
        var root = sj_value()
        let code = sj_parse(parser, base, input.count, &root)
        if code == 0 {
            input.releaseResidentPages()
            var offset = 0
            while offset < bytes.count, bytes[offset] <= 0x20 { offset += 1 }
            try body(JSONElement(handle: root), DocumentInfo(index: 0, offset: offset, isStable: true))
            return
        }
        // One document failed; several documents back to back (JSON Lines) are valid if the scanner says so.
        if let problem = JSONLocator.firstSyntaxProblem(in: bytes, maxDepth: JSONReader.maxDepth) {
            throw InputError.malformedJSON(
                SourcePosition(file: input.name, bytes: bytes, offset: problem.offset), message: problem.message)
        }
        var streamError: Int32 = 0
        guard let stream = sj_stream_new(parser, base, input.count, &streamError) else {
            throw InputError.unreadable(file: input.name, reason: "out of memory")
        }
        defer { sj_stream_free(stream) }
        if streamError != 0 { throw simdjsonError(Int32(code), input: input) }
        var index = 0
        while true {
            var offset = 0
            let status = sj_stream_next(stream, &root, &offset)
            if status == 0 { break }
            if status < 0 { throw simdjsonError(-status, input: input) }
            try body(JSONElement(handle: root), DocumentInfo(index: index, offset: offset, isStable: false))
            index += 1
        }
        if index == 0 { throw simdjsonError(Int32(code), input: input) }
    }

    private func simdjsonError(_ code: Int32, input: InputBuffer) -> InputError {
        let message = String(cString: sj_error_message(code))
        return .malformedJSON(SourcePosition(file: input.name, line: 1, column: 1), message: message)
    }
}
