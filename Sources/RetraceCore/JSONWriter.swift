/// Writes JSON text straight into a string, for reports that may describe tens of thousands of states: faster
/// and leaner than building a `JSONValue` tree first. Pretty-printed with two spaces; keys in the order written.
public struct JSONWriter {
    /// The text written so far.
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private var pendingKey = false

    /// Creates an empty writer.
    public init() {
        text.reserveCapacity(1 << 16)
    }

    private var depth: Int { needsComma.count - 1 }

    private mutating func beforeValue() {
        if pendingKey {
            pendingKey = false
            return
        }
        if needsComma[needsComma.count - 1] { text += "," }
        if depth > 0 {
            text += "\n"
            text += String(repeating: "  ", count: depth)
        }
        needsComma[needsComma.count - 1] = true
    }

    /// Writes a member name; the next call writes its value.
    public mutating func key(_ name: String) {
        beforeValue()
        JSONValue.writeString(name, to: &text)
        text += ": "
        pendingKey = true
    }

    /// Opens an object.
    public mutating func beginObject() {
        beforeValue()
        text += "{"
        needsComma.append(false)
    }

    /// Closes the innermost object.
    public mutating func endObject() { close("}") }

    /// Opens an array.
    public mutating func beginArray() {
        beforeValue()
        text += "["
        needsComma.append(false)
    }

    /// Closes the innermost array.
    public mutating func endArray() { close("]") }

    private mutating func close(_ bracket: String) {
        let hadMembers = needsComma.removeLast()
        if hadMembers {
            text += "\n"
            text += String(repeating: "  ", count: depth)
        }
        text += bracket
    }

    /// Writes a string, or `null` for `nil`.
    public mutating func string(_ value: String?) {
        beforeValue()
        if let value { JSONValue.writeString(value, to: &text) } else { text += "null" }
    }

    /// Writes an integer, or `null` for `nil`.
    public mutating func integer(_ value: Int64?) {
        beforeValue()
        text += value.map { String($0) } ?? "null"
    }

    /// Writes an integer.
    public mutating func integer(_ value: Int) { integer(Int64(value)) }

    /// Writes a boolean.
    public mutating func bool(_ value: Bool) {
        beforeValue()
        text += value ? "true" : "false"
    }

    /// Writes `null`.
    public mutating func null() {
        beforeValue()
        text += "null"
    }

    /// Writes an owned JSON value (compact inside, so that large payloads stay on one line).
    public mutating func value(_ value: JSONValue) {
        beforeValue()
        text += value.serialized()
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
