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
        var copy = text
        copy.withUTF8 {
            appendQuoted(utf8: UnsafeRawBufferPointer($0), to: &bytes, escapingLineSeparators: escapingLineSeparators)
        }
    }

    /// Appends the UTF-8 `source` quoted and escaped, straight from where it lies (a payload borrowed from the
    /// parser needs no `String`). With `escapingMarkup`, `<`, `>` and `&` are written as `\u003c`, `\u003e` and
    /// `\u0026` as well, which `JSON.parse` reads back unchanged but no HTML parser mistakes for markup: JSON
    /// bound for a page's `<script>` element is then escaped once, as it is written.
    public static func appendQuoted(
        utf8 raw: UnsafeRawBufferPointer, to bytes: inout [UInt8], escapingLineSeparators: Bool = true,
        escapingMarkup: Bool = false
    ) {
        // Escaped into scratch space by pointer, then appended in one copy: payloads are JSON full of quotes, and
        // appending each short run and escape to the array would cost more than the escaping itself.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: quotedCapacity(raw.count)) { scratch in
            guard let out = scratch.baseAddress else { return }
            let written = writeQuoted(
                utf8: raw, to: out, escapingLineSeparators: escapingLineSeparators, escapingMarkup: escapingMarkup)
            bytes.append(contentsOf: UnsafeBufferPointer(start: out, count: written))
        }
    }

    /// The most bytes `writeQuoted` writes for `count` bytes of text: each may become six, and two quotes.
    public static func quotedCapacity(_ count: Int) -> Int { count * 6 + 2 }

    /// Writes the UTF-8 `source` quoted and escaped at `out`, which has room for `quotedCapacity(source.count)`;
    /// how many bytes it wrote. For writers that hold their own buffer.
    public static func writeQuoted(
        utf8 raw: UnsafeRawBufferPointer, to out: UnsafeMutablePointer<UInt8>, escapingLineSeparators: Bool = true,
        escapingMarkup: Bool = false
    ) -> Int {
        let source = raw.assumingMemoryBound(to: UInt8.self)
        let count = source.count
        var written = 0
        out[written] = UInt8(ascii: "\"")
        written += 1
        let sensitive = escapingMarkup ? markupSensitive : JSONEscaping.sensitive
        var runStart = 0
        var index = 0
        while index < count {
            // Eight bytes at a time while none of them may need escaping: names, ARNs and most payload text.
            if let base = source.baseAddress {
                while index &+ 8 <= count,
                    isPlain(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self), markup: escapingMarkup)
                {
                    index &+= 8
                }
                guard index < count else { break }
            }
            let byte = source[index]
            // Most bytes need nothing: one table look-up skips them.
            if !sensitive[Int(byte)] {
                index += 1
                continue
            }
            var escape: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)
            var escapeLength = 1
            var width = 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape.0 = byte
            case 0x0A: escape.0 = UInt8(ascii: "n")
            case 0x0D: escape.0 = UInt8(ascii: "r")
            case 0x09: escape.0 = UInt8(ascii: "t")
            case 0x08: escape.0 = UInt8(ascii: "b")
            case 0x0C: escape.0 = UInt8(ascii: "f")
            case 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                let digits = Hex.lowercaseDigits(of: byte)
                escape = (UInt8(ascii: "u"), 0x30, 0x30, digits.high, digits.low)
                escapeLength = 5
            case 0xE2
            where escapingLineSeparators && index + 2 < count && source[index + 1] == 0x80
                && (source[index + 2] == 0xA8 || source[index + 2] == 0xA9):
                // U+2028 or U+2029.
                escape = (UInt8(ascii: "u"), 0x32, 0x30, 0x32, source[index + 2] == 0xA8 ? 0x38 : 0x39)
                escapeLength = 5
                width = 3
            default:
                index += 1
                continue
            }
            if index > runStart, let base = source.baseAddress {
                (out + written).update(from: base + runStart, count: index - runStart)
                written += index - runStart
            }
            out[written] = UInt8(ascii: "\\")
            withUnsafeBytes(of: escape) { escaped in
                for offset in 0..<escapeLength { out[written + 1 + offset] = escaped[offset] }
            }
            written += 1 + escapeLength
            index += width
            runStart = index
        }
        if count > runStart, let base = source.baseAddress {
            (out + written).update(from: base + runStart, count: count - runStart)
            written += count - runStart
        }
        out[written] = UInt8(ascii: "\"")
        written += 1
        return written
    }

    /// Whether none of the eight bytes of `word` is sensitive (nor, with `markup`, markup): no control character,
    /// quote, backslash or byte of a multi-byte character (which may begin U+2028 or U+2029). Exact: a word it
    /// calls plain holds no byte the tables mark.
    @inline(__always)
    private static func isPlain(_ word: UInt64, markup: Bool) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // A byte of zero in `value` sets its high bit in the result (other bits may be set when one is found).
        func zeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        var found = (word &- ones &* 0x20) & ~word & highs  // a byte below 0x20
        found |= word & highs  // a byte of 0x80 or above
        found |= zeroByte(word ^ (ones &* 0x22)) | zeroByte(word ^ (ones &* 0x5C))
        if markup {
            found |= zeroByte(word ^ (ones &* 0x3C)) | zeroByte(word ^ (ones &* 0x3E)) | zeroByte(word ^ (ones &* 0x26))
        }
        return found == 0
    }

    /// Whether `byte` is one `writeQuoted` escapes, or may begin one it escapes (`escapingMarkup` as there).
    @inline(__always)
    static func needsEscaping(_ byte: UInt8, escapingMarkup: Bool) -> Bool {
        (escapingMarkup ? markupSensitive : sensitive)[Int(byte)]
    }

    /// The bytes a JSON string cannot hold as they are (controls, quote, backslash) and the first byte of U+2028
    /// and U+2029. Tables made once and never freed, read through a pointer: an array would be retained and
    /// released around every string written. Never written after they are made, so safe to share.
    nonisolated(unsafe) private static let sensitive = table { byte in
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2
    }

    /// `sensitive`, and the bytes that mean markup to HTML.
    nonisolated(unsafe) private static let markupSensitive = table { byte in
        sensitive[byte] || byte == 0x3C || byte == 0x3E || byte == 0x26
    }

    private static func table(_ isSensitive: (Int) -> Bool) -> UnsafePointer<Bool> {
        let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        for byte in 0...255 { table[byte] = isSensitive(byte) }
        return UnsafePointer(table)
    }
}
