extension JSONValue {
    /// Compact JSON text; with `pretty`, two-space indentation, one member per line.
    public func serialized(pretty: Bool = false) -> String {
        serialized(pretty: pretty, indent: 0)
    }

    /// The value as JSON text nested `indent` levels deep (two spaces a level when `pretty`), for a writer that
    /// puts it inside a document of its own.
    public func serialized(pretty: Bool, indent: Int) -> String {
        var output = ""
        write(to: &output, pretty: pretty, indent: indent)
        return output
    }

    private func write(to output: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        case .number(let value): output += JSONValue.format(value)
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let values):
            if values.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                if pretty { JSONValue.newline(&output, indent + 1) }
                value.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { JSONValue.newline(&output, indent) }
            output += "]"
        case .object(let object):
            if object.isEmpty {
                output += "{}"
                return
            }
            output += "{"
            var first = true
            for (key, value) in object {
                if !first { output += "," }
                first = false
                if pretty { JSONValue.newline(&output, indent + 1) }
                JSONValue.writeString(key, to: &output)
                output += pretty ? ": " : ":"
                value.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { JSONValue.newline(&output, indent) }
            output += "}"
        }
    }

    private static func newline(_ output: inout String, _ indent: Int) {
        output += "\n"
        output += String(repeating: "  ", count: indent)
    }

    /// A number as JSON writes it: integral values without a fraction, no `inf` or `nan` (written as null).
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value.rounded() == value && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Writes `text` as a JSON string literal, escaping quotes, backslashes and control characters (and line
    /// separators unless `escapingLineSeparators` is false).
    public static func writeString(_ text: String, to output: inout String, escapingLineSeparators: Bool = true) {
        var bytes: [UInt8] = []
        JSONEscaping.appendQuoted(text, to: &bytes, escapingLineSeparators: escapingLineSeparators)
        output += String(decoding: bytes, as: UTF8.self)
    }
}

/// JSON string escaping over UTF-8 bytes: runs of ordinary characters are copied whole, so long strings
/// cost little more than a copy.
public enum JSONEscaping {
    /// Appends `text` quoted and escaped. U+2028 and U+2029 are escaped too unless `escapingLineSeparators` is
    /// false (JSONata's `$string`, like JavaScript's `JSON.stringify`, leaves them as they are).
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8], escapingLineSeparators: Bool = true) {
        bytes.append(UInt8(ascii: "\""))
        var copy = text
        copy.withUTF8 { source in
            var runStart = 0
            var index = 0
            let count = source.count
            while index < count {
                let byte = source[index]
                // Most bytes need nothing: skip them before looking at what else they could be.
                if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte != 0xE2 {
                    index += 1
                    continue
                }
                // The escape is written straight into `bytes`: no array is made for it, since payloads are JSON
                // text full of quotes and each would cost an allocation.
                let short: UInt8?
                var width = 1
                switch byte {
                case UInt8(ascii: "\""): short = UInt8(ascii: "\"")
                case UInt8(ascii: "\\"): short = UInt8(ascii: "\\")
                case 0x0A: short = UInt8(ascii: "n")
                case 0x0D: short = UInt8(ascii: "r")
                case 0x09: short = UInt8(ascii: "t")
                case 0x08: short = UInt8(ascii: "b")
                case 0x0C: short = UInt8(ascii: "f")
                case 0..<0x20: short = nil
                case 0xE2
                where escapingLineSeparators && index + 2 < count && source[index + 1] == 0x80
                    && (source[index + 2] == 0xA8 || source[index + 2] == 0xA9):
                    short = nil
                    width = 3
                default:
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                bytes.append(UInt8(ascii: "\\"))
                if let short {
                    bytes.append(short)
                } else if width == 3 {
                    // U+2028 or U+2029.
                    bytes.append(contentsOf: [
                        UInt8(ascii: "u"), 0x32, 0x30, 0x32, source[index + 2] == 0xA8 ? 0x38 : 0x39,
                    ])
                } else {
                    let digits: StaticString = "0123456789abcdef"
                    let hex = digits.utf8Start
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                index += width
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
