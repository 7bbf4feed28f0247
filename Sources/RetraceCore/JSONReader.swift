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
        var root = sj_value()
        let code = parse(base, count: input.count, into: &root)
        if code == 0 {
            input.releaseResidentPages()
            var offset = 0
            while offset < bytes.count, bytes[offset] <= 0x20 { offset += 1 }
            try body(JSONElement(handle: root), DocumentInfo(index: 0, offset: offset, isStable: true))
            return
        }
        // One document failed; several documents back to back (JSON Lines) are valid if the scanner says so.
        if let problem = located(in: input) { throw problem }
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

    /// Parses `input` in pieces when it is one large JSON object whose events are an array of two elements or more
    /// under the first of `members` it has: first the object with only the array's first element left (so that it
    /// still says what it is), then the other elements, a group of about `groupBytes` at a time. Parsed whole, such
    /// an input takes a tape and a string buffer several times its size; in pieces, the size of a group, and the
    /// input's own pages are let go as the groups pass them. A document given to `object` or `elements` is valid
    /// until the next.
    ///
    /// - Parameters:
    ///   - members: the names the array may have, the one to look up first first.
    ///   - object: called first, with the object, the member split and the number of elements in the whole array;
    ///     returns `false` to decline (having changed nothing), for example when it would read another member.
    ///   - elements: called for each group in order, with its elements, the position of the first in the array,
    ///     and the object's `DocumentInfo` (paths to problems start at the object).
    /// - Returns: `false`, having read nothing, when `input` is not such an object (or not valid JSON) or `object`
    ///   declined: parse it with `forEachDocument`.
    /// - Throws: `InputError` for invalid JSON, at the position `forEachDocument` gives; whatever the closures
    ///   throw.
    public func forEachPiece(
        of input: InputBuffer, members: [String], groupBytes: Int = 4 << 20,
        object: (JSONElement, DocumentInfo, _ member: String, _ elementCount: Int) throws -> Bool,
        elements: (_ elements: [JSONElement], _ firstIndex: Int, DocumentInfo) throws -> Void
    ) throws -> Bool {
        // One level of margin: a group is parsed one level shallower than it lies in the input, and must not be
        // accepted where the whole input would not.
        guard
            let split = JSONArraySplit.find(
                members: members, in: input.bytes, groupBytes: groupBytes, maxDepth: JSONReader.maxDepth - 1)
        else { return false }
        let padding = Int(sj_padding())
        var root = sj_value()
        let info = DocumentInfo(index: 0, offset: split.objectStart, isStable: true)
        var scratch = split.skeleton(of: input.bytes)
        scratch += repeatElement(0x20, count: padding)
        let code = self.parse(scratch, count: scratch.count - padding, into: &root)
        // Not one object after all (JSON Lines whose first line is a page, or invalid JSON): parsed whole, the
        // input is read as what it is, or its mistake is found where it is.
        guard code == 0 else { return false }
        let count = split.groups.reduce(1) { $0 + $1.count }
        let base = input.storage.assumingMemoryBound(to: UInt8.self)
        /// Parses one group into `root`; simdjson's error code.
        func parseGroup(_ group: JSONArraySplit.Group) -> Int32 {
            if group.count == 1 {
                // One element alone is a JSON text where it lies, and the input's bytes after it are padding
                // enough: a large element is never copied.
                return parse(base + group.bytes.lowerBound, count: group.bytes.count, into: &root)
            }
            scratch.removeAll(keepingCapacity: true)
            scratch.append(UInt8(ascii: "["))
            scratch += UnsafeBufferPointer(start: base + group.bytes.lowerBound, count: group.bytes.count)
            scratch.append(UInt8(ascii: "]"))
            scratch += repeatElement(0x20, count: padding)
            return parse(scratch, count: scratch.count - padding, into: &root)
        }
        /// Parsed whole, invalid JSON anywhere is reported before any value of the wrong shape: what a closure
        /// threw gives way to the first syntax error in the groups not yet parsed.
        func firstSyntaxError(from next: Int) -> InputError? {
            for group in split.groups[next...] {
                let code = parseGroup(group)
                if code != 0 { return located(in: input) ?? simdjsonError(code, input: input) }
            }
            return nil
        }
        do {
            guard try object(JSONElement(handle: root), info, split.member, count) else { return false }
        } catch {
            throw firstSyntaxError(from: 0) ?? error
        }
        for (position, group) in split.groups.enumerated() {
            let code = parseGroup(group)
            if code != 0 { throw located(in: input) ?? simdjsonError(code, input: input) }
            // The parser holds what it read: the input's pages up to here can go before the group is decoded (a
            // single event of 100 MB would otherwise be held three times: in the input, the parser and its text).
            input.releaseResidentPages(before: group.bytes.upperBound)
            let parsed = JSONElement(handle: root)
            do {
                try elements(group.count == 1 ? [parsed] : Array(parsed.elements), group.firstIndex, info)
            } catch {
                throw firstSyntaxError(from: position + 1) ?? error
            }
        }
        return true
    }

    /// Parses the first `count` bytes of `bytes`, padded after them, into `root`.
    private func parse(_ bytes: [UInt8], count: Int, into root: inout sj_value) -> Int32 {
        bytes.withUnsafeBufferPointer { buffer in
            // Never empty: the bytes are at least a JSON text's brackets and the padding.
            guard let base = buffer.baseAddress else { return -1 }
            return parse(base, count: count, into: &root)
        }
    }

    /// Parses `count` padded bytes at `base` into `root`; simdjson's error code, 0 when valid.
    private func parse(_ base: UnsafePointer<UInt8>, count: Int, into root: inout sj_value) -> Int32 {
        // A parser whose strings are still borrowed leaves its string buffer to its borrowers and parses on with a
        // new one (or, once they are gone, with the same): reading many inputs in turn does not allocate (and
        // fault in) a tape for each.
        if handle.isRetired {
            handle = ParserHandle()
        } else if lent && !isKnownUniquelyReferenced(&handle) {
            handle = handle.handingOnParser()
        }
        lent = false
        return sj_parse(parser, base, count, &root)
    }

    /// The first syntax problem in `input`, with its position.
    private func located(in input: InputBuffer) -> InputError? {
        guard let problem = JSONLocator.firstSyntaxProblem(in: input.bytes, maxDepth: JSONReader.maxDepth) else {
            return nil
        }
        return .malformedJSON(
            SourcePosition(file: input.name, bytes: input.bytes, offset: problem.offset), message: problem.message)
    }

    private func simdjsonError(_ code: Int32, input: InputBuffer) -> InputError {
        let message = String(cString: sj_error_message(code))
        return .malformedJSON(SourcePosition(file: input.name, line: 1, column: 1), message: message)
    }
}
