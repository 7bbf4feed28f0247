/// JSON made safe to sit inside an HTML `<script type="application/json">` element.
///
/// A browser ends a script element at the first `</script`, whatever JSON thinks, and older JavaScript engines
/// end a string at U+2028 / U+2029. Every `<`, `>` and `&` and both separators are therefore written as `\uXXXX`
/// escapes, which `JSON.parse` reads back unchanged: no value from a log can close the element or open markup.
/// The pretty-printing whitespace of `JSONWriter` is dropped on the way, since nobody reads the embedded text and
/// a 25,000-event history should not carry its indentation twice.
public enum ScriptJSON {
    /// `json` (valid JSON text, as `JSONWriter` writes it) with whitespace between tokens removed and the
    /// characters HTML would read escaped.
    public static func embeddable(_ json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count)
        var inString = false
        var escaped = false
        var index = 0
        while index < json.count {
            let byte = json[index]
            index += 1
            if !inString {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
                case UInt8(ascii: "\""): inString = true
                default: break
                }
                out.append(byte)
                continue
            }
            if escaped {
                escaped = false
                out.append(byte)
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"):
                escaped = true
                out.append(byte)
            case UInt8(ascii: "\""):
                inString = false
                out.append(byte)
            case UInt8(ascii: "<"): out.append(contentsOf: Array("\\u003c".utf8))
            case UInt8(ascii: ">"): out.append(contentsOf: Array("\\u003e".utf8))
            case UInt8(ascii: "&"): out.append(contentsOf: Array("\\u0026".utf8))
            case 0xE2
            where index + 1 < json.count && json[index] == 0x80 && (json[index + 1] == 0xA8 || json[index + 1] == 0xA9):
                out.append(contentsOf: Array((json[index + 1] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                index += 2
            default: out.append(byte)
            }
        }
        return out
    }

    /// `embeddable` for JSON held as text.
    public static func embeddable(_ json: String) -> String {
        String(decoding: embeddable(Array(json.utf8)), as: UTF8.self)
    }
}
