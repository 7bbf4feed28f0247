/// Writes JSON text straight into a string, for reports that may describe tens of thousands of states: faster
/// and leaner than building a `JSONValue` tree first. Pretty-printed with two spaces; keys in the order written.
public struct JSONWriter {
    /// The UTF-8 bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
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
        bytes.reserveCapacity(compact ? 1 << 12 : 1 << 16)
    }

    /// Makes room for `count` bytes in all, so that a large document is not copied as it grows.
    public mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(count)
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Hands the bytes written so far to `sink` and forgets them, once they pass `threshold`: large reports
    /// stream out in chunks instead of being held whole.
    public mutating func drain(over threshold: Int = 1 << 16, into sink: ([UInt8]) -> Void) {
        guard bytes.count >= threshold else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    private var depth: Int { needsComma.count - 1 }

    /// An empty writer for values that belong in this one's innermost array, to be written apart (on another
    /// thread, say) and appended in order with `append(nested:)`: it indents and separates them as this writer would.
    public func nested() -> JSONWriter {
        var writer = JSONWriter(compact: compact, escapingMarkup: escapingMarkup)
        writer.needsComma = Array(repeating: false, count: needsComma.count)
        return writer
    }

    /// Appends the values `other` (made by `nested()`) wrote, as the next elements of the innermost array.
    public mutating func append(nested other: JSONWriter) {
        guard !other.bytes.isEmpty else { return }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        bytes.append(contentsOf: other.bytes)
    }

    /// Appends `separator` after a finished top-level value, so that another may follow: JSON Lines, or the
    /// elements of an array streamed one by one.
    public mutating func nextDocument(separator: String) {
        bytes.append(contentsOf: separator.utf8)
        needsComma[0] = false
    }

    private mutating func beforeValue() {
        if pendingKey {
            pendingKey = false
            return
        }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        if depth > 0 { newline(depth) }
        needsComma[needsComma.count - 1] = true
    }

    /// Writes a member name; the next call writes its value.
    public mutating func key(_ name: String) {
        beforeValue()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        if !compact { bytes.append(UInt8(ascii: " ")) }
        pendingKey = true
    }

    /// Opens an object.
    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    /// Closes the innermost object.
    public mutating func endObject() { close("}") }

    /// Opens an array.
    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    /// Closes the innermost array.
    public mutating func endArray() { close("]") }

    private mutating func close(_ bracket: Unicode.Scalar) {
        let hadMembers = needsComma.removeLast()
        if hadMembers { newline(depth) }
        bytes.append(UInt8(ascii: bracket))
    }

    /// A newline and indentation for the usual depths, appended in one copy.
    private static let indentation: [UInt8] = [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: 64)

    private mutating func newline(_ depth: Int) {
        if compact { return }
        if depth * 2 < JSONWriter.indentation.count {
            JSONWriter.indentation.withUnsafeBufferPointer {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0...(depth * 2)]))
            }
            return
        }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private mutating func appendASCII(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func appendQuoted(_ text: String) {
        var copy = text
        copy.withUTF8 {
            JSONEscaping.appendQuoted(utf8: UnsafeRawBufferPointer($0), to: &bytes, escapingMarkup: escapingMarkup)
        }
    }

    /// Writes a string, or `null` for `nil`.
    public mutating func string(_ value: String?) {
        beforeValue()
        if let value { appendQuoted(value) } else { appendASCII("null") }
    }

    /// Writes a string given as UTF-8 bytes (a payload borrowed from the parser), without making a `String`.
    public mutating func string(utf8 value: UnsafeRawBufferPointer) {
        beforeValue()
        JSONEscaping.appendQuoted(utf8: value, to: &bytes, escapingMarkup: escapingMarkup)
    }

    /// Writes an integer, or `null` for `nil`.
    public mutating func integer(_ value: Int64?) {
        beforeValue()
        guard let value else { return appendASCII("null") }
        guard value >= 0 else { return appendASCII(String(value)) }
        // Digits straight into the buffer: reports write several integers per state.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = UInt64(value)
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                count += 1
                buffer[24 - count] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    /// Writes an instant as ISO 8601 text (`2024-05-01T10:00:00.123Z`), or `null` for `nil`.
    public mutating func instant(_ value: Instant?) {
        beforeValue()
        guard let value else { return appendASCII("null") }
        bytes.append(UInt8(ascii: "\""))
        value.appendISO8601(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"name": "2024-05-01T10:00:00.123Z"` (or `null`).
    public mutating func member(_ name: String, _ value: Instant?) {
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
            default: bytes.append(byte)
            }
        }
    }

    /// `"name": "value"` (or `null`).
    public mutating func member(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    /// `"name": 42` (or `null`).
    public mutating func member(_ name: String, _ value: Int64?) {
        key(name)
        integer(value)
    }

    /// `"name": 42`.
    public mutating func member(_ name: String, _ value: Int) {
        key(name)
        integer(value)
    }

    /// `"name": true`.
    public mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }
}
