/// Writes JSON text straight into a string, for reports that may describe tens of thousands of states: faster
/// and leaner than building a `JSONValue` tree first. Pretty-printed with two spaces; keys in the order written.
public struct JSONWriter {
    /// Where the text goes: written through a pointer, because a report is millions of small pieces (a quote, a
    /// key, an indentation) and an array's checks on each append cost more than the writing itself.
    private var buffer: ByteBuffer
    /// Whether the innermost open array or object (or the top level) already holds a value, so that the next one
    /// needs a comma: kept apart from the levels around it, which every value would otherwise look up in an array.
    private var needsComma = false
    /// `needsComma` of each enclosing level, outermost first; as many as the nesting depth.
    private var enclosing: [Bool] = []
    private var pendingKey = false
    private let compact: Bool
    private let escapingMarkup: Bool

    /// Creates an empty writer.
    ///
    /// - Parameters:
    ///   - compact: no newlines or indentation, for formats with one document per line (JSON Lines).
    ///   - escapingMarkup: `<`, `>` and `&` in strings written as `\u003c`, `\u003e`, `\u0026`, for JSON embedded
    ///     in an HTML `<script>` element (the HTML report), escaped once as it is written rather than re-read.
    public init(compact: Bool = false, escapingMarkup: Bool = false) {
        self.compact = compact
        self.escapingMarkup = escapingMarkup
        buffer = ByteBuffer(capacity: compact ? 1 << 12 : 1 << 16)
    }

    /// The UTF-8 bytes written so far.
    public var bytes: [UInt8] { buffer.array }

    /// Makes room for `count` bytes in all, so that a large document is not copied as it grows.
    public mutating func reserveCapacity(_ count: Int) {
        unique()
        buffer.reserve(count - buffer.count)
    }

    /// The text written so far.
    public var text: String { buffer.withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Hands the bytes written so far to `sink` where they lie, and forgets them, once they pass `threshold`:
    /// large reports stream out in chunks instead of being held whole.
    public mutating func drain(over threshold: Int = 1 << 16, into sink: (UnsafeRawBufferPointer) -> Void) {
        guard buffer.count >= threshold else { return }
        buffer.withBytes { sink(UnsafeRawBufferPointer($0)) }
        unique()
        buffer.removeAll()
    }

    /// Hands what this writer holds to `sink`, then the values `other` (made by `nested()`) wrote, as the next
    /// elements of the innermost array, without copying `other`'s bytes here first.
    public mutating func drain(appending other: JSONWriter, into sink: (UnsafeRawBufferPointer) -> Void) {
        guard other.buffer.count > 0 else { return }
        unique()
        if needsComma { buffer.append(UInt8(ascii: ",")) }
        needsComma = true
        drain(over: 0, into: sink)
        other.buffer.withBytes { sink(UnsafeRawBufferPointer($0)) }
    }

    /// Gives this writer a buffer of its own before it writes (a copied writer shares its buffer until then).
    private mutating func unique() {
        if !isKnownUniquelyReferenced(&buffer) { buffer = buffer.copy() }
    }

    private var depth: Int { enclosing.count }

    /// An empty writer for values that belong in this one's innermost array, to be written apart (on another
    /// thread, say) and handed on in order with `drain(appending:into:)`: it indents and separates them as this writer would.
    public func nested() -> JSONWriter {
        var writer = JSONWriter(compact: compact, escapingMarkup: escapingMarkup)
        writer.enclosing = Array(repeating: false, count: enclosing.count)
        return writer
    }

    /// Forgets what was written, keeping the storage, and starts again as the writer was made: for a writer used
    /// once per batch of many.
    public mutating func removeAll() {
        unique()
        buffer.removeAll()
        for level in enclosing.indices { enclosing[level] = false }
        needsComma = false
        pendingKey = false
    }

    /// Appends `separator` after a finished top-level value, so that another may follow: JSON Lines, or the
    /// elements of an array streamed one by one.
    public mutating func nextDocument(separator: String) {
        unique()
        appendASCII(separator)
        if enclosing.isEmpty { needsComma = false } else { enclosing[0] = false }
    }

    /// Separates and indents the value about to be written; every value begins here, so the buffer is made this
    /// writer's own here too.
    private mutating func beforeValue() {
        unique()
        if pendingKey {
            pendingKey = false
            return
        }
        if needsComma { buffer.append(UInt8(ascii: ",")) }
        if depth > 0 { newline(depth) }
        needsComma = true
    }

    /// Writes a member name given as a literal of ours (the schema's names); the next call writes its value.
    public mutating func key(_ name: StaticString) {
        beforeValue()
        // The schema's names are plain words, copied between quotes as they are; only a name that needs escaping
        // goes through the escaping.
        let plain =
            name.hasPointerRepresentation
            && name.withUTF8Buffer { bytes in
                bytes.allSatisfy { !JSONEscaping.needsEscaping($0, escapingMarkup: escapingMarkup) }
            }
        if plain {
            let length = name.utf8CodeUnitCount
            let out = buffer.space(length + 2)
            out[0] = UInt8(ascii: "\"")
            (out + 1).update(from: name.utf8Start, count: length)
            out[length + 1] = UInt8(ascii: "\"")
            buffer.commit(length + 2)
        } else {
            name.withUTF8Buffer { appendQuoted(utf8: UnsafeRawBufferPointer($0)) }
        }
        buffer.append(UInt8(ascii: ":"))
        if !compact { buffer.append(UInt8(ascii: " ")) }
        pendingKey = true
    }

    /// Writes a member name taken from the data (a state's name, a payload's key), escaped; the next call writes
    /// its value.
    public mutating func key(dynamic name: String) {
        beforeValue()
        appendQuoted(name)
        buffer.append(UInt8(ascii: ":"))
        if !compact { buffer.append(UInt8(ascii: " ")) }
        pendingKey = true
    }

    /// Opens an object.
    public mutating func beginObject() {
        beforeValue()
        buffer.append(UInt8(ascii: "{"))
        enclosing.append(needsComma)
        needsComma = false
    }

    /// Closes the innermost object.
    public mutating func endObject() { close("}") }

    /// Opens an array.
    public mutating func beginArray() {
        beforeValue()
        buffer.append(UInt8(ascii: "["))
        enclosing.append(needsComma)
        needsComma = false
    }

    /// Closes the innermost array.
    public mutating func endArray() { close("]") }

    private mutating func close(_ bracket: Unicode.Scalar) {
        unique()
        let hadMembers = needsComma
        needsComma = enclosing.removeLast()
        if hadMembers { newline(depth) }
        buffer.append(UInt8(ascii: bracket))
    }

    /// A newline and indentation.
    private mutating func newline(_ depth: Int) {
        if compact { return }
        let out = buffer.space(1 + depth * 2)
        out[0] = UInt8(ascii: "\n")
        (out + 1).initialize(repeating: UInt8(ascii: " "), count: depth * 2)
        buffer.commit(1 + depth * 2)
    }

    private mutating func appendASCII(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(UnsafeRawBufferPointer($0)) }
    }

    private mutating func appendQuoted(_ text: String) {
        var copy = text
        copy.withUTF8 { appendQuoted(utf8: UnsafeRawBufferPointer($0)) }
    }

    private mutating func appendQuoted(utf8 text: UnsafeRawBufferPointer) {
        let out = buffer.space(JSONEscaping.quotedCapacity(text.count))
        buffer.commit(JSONEscaping.writeQuoted(utf8: text, to: out, escapingMarkup: escapingMarkup))
    }

    /// Writes a string, or `null` for `nil`.
    public mutating func string(_ value: String?) {
        beforeValue()
        if let value { appendQuoted(value) } else { appendASCII("null") }
    }

    /// Writes a string given as UTF-8 bytes (a payload borrowed from the parser), without making a `String`.
    public mutating func string(utf8 value: UnsafeRawBufferPointer) {
        beforeValue()
        appendQuoted(utf8: value)
    }

    /// Writes an integer, or `null` for `nil`.
    public mutating func integer(_ value: Int64?) {
        beforeValue()
        guard let value else { return appendASCII("null") }
        guard value >= 0 else { return appendASCII(String(value)) }
        // Digits straight into the buffer: reports write several integers per state.
        var digits = 1
        var scale: UInt64 = 10
        while digits < 20, UInt64(value) >= scale {
            digits += 1
            scale = scale &* 10
        }
        let out = buffer.space(digits)
        var rest = UInt64(value)
        for offset in stride(from: digits - 1, through: 0, by: -1) {
            out[offset] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        buffer.commit(digits)
    }

    /// Writes an instant as ISO 8601 text (`2024-05-01T10:00:00.123Z`), or `null` for `nil`.
    public mutating func instant(_ value: Instant?) {
        beforeValue()
        guard let value else { return appendASCII("null") }
        let out = buffer.space(Instant.maximumISO8601Length + 2)
        out[0] = UInt8(ascii: "\"")
        let length = value.writeISO8601(to: out + 1)
        out[length + 1] = UInt8(ascii: "\"")
        buffer.commit(length + 2)
    }

    /// `"name": "2024-05-01T10:00:00.123Z"` (or `null`).
    public mutating func member(_ name: StaticString, _ value: Instant?) {
        key(name)
        instant(value)
    }

    /// Writes an integer.
    public mutating func integer(_ value: Int) { integer(Int64(value)) }

    /// Writes a boolean.
    public mutating func bool(_ value: Bool) {
        beforeValue()
        appendASCII(value ? "true" : "false")
    }

    /// Writes `null`.
    public mutating func null() {
        beforeValue()
        appendASCII("null")
    }

    /// Writes an owned JSON value (compact inside, so that large payloads stay on one line).
    public mutating func value(_ value: JSONValue) {
        beforeValue()
        guard escapingMarkup else { return appendASCII(value.serialized()) }
        // Outside strings, JSON text holds no `<`, `>` or `&`: each one met is inside a string, and escaped.
        for byte in value.serialized().utf8 {
            switch byte {
            case UInt8(ascii: "<"): appendASCII("\\u003c")
            case UInt8(ascii: ">"): appendASCII("\\u003e")
            case UInt8(ascii: "&"): appendASCII("\\u0026")
            default: buffer.append(byte)
            }
        }
    }

    /// `"name": "value"` (or `null`).
    public mutating func member(_ name: StaticString, _ value: String?) {
        key(name)
        string(value)
    }

    /// `"name": 42` (or `null`).
    public mutating func member(_ name: StaticString, _ value: Int64?) {
        key(name)
        integer(value)
    }

    /// `"name": 42`.
    public mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        integer(value)
    }

    /// `"name": true`.
    public mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }
}
