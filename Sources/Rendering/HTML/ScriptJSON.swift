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
        json.withUnsafeBufferPointer { source in
            let count = source.count
            var index = 0
            var runStart = 0
            var inString = false
            // Bytes are copied in runs; only what changes interrupts a run.
            func flush(_ end: Int) {
                if end > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<end])) }
            }
            while index < count {
                let byte = source[index]
                if !inString {
                    switch byte {
                    case space, newline, carriageReturn, tab:
                        flush(index)
                        runStart = index + 1
                    case quote: inString = true
                    default: break
                    }
                    index += 1
                    continue
                }
                // Inside a string most bytes need nothing.
                if byte != quote, byte != backslash, byte != lessThan, byte != greaterThan, byte != ampersand,
                    byte != 0xE2
                {
                    index += 1
                    continue
                }
                switch byte {
                case backslash: index += 2  // an escape: the byte after the backslash is ASCII and stays
                case quote:
                    inString = false
                    index += 1
                case 0xE2:
                    if index + 2 < count, source[index + 1] == 0x80,
                        source[index + 2] == 0xA8 || source[index + 2] == 0xA9
                    {
                        flush(index)
                        out.append(contentsOf: source[index + 2] == 0xA8 ? lineSeparator : paragraphSeparator)
                        index += 3
                        runStart = index
                    } else {
                        index += 1
                    }
                default:
                    flush(index)
                    out.append(
                        contentsOf: byte == lessThan
                            ? escapedLess : byte == greaterThan ? escapedGreater : escapedAmpersand)
                    index += 1
                    runStart = index
                }
            }
            flush(min(index, count))
        }
        return out
    }

    private static let space = UInt8(ascii: " ")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let tab = UInt8(ascii: "\t")
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let lessThan = UInt8(ascii: "<")
    private static let greaterThan = UInt8(ascii: ">")
    private static let ampersand = UInt8(ascii: "&")
    private static let escapedLess = Array("\\u003c".utf8)
    private static let escapedGreater = Array("\\u003e".utf8)
    private static let escapedAmpersand = Array("\\u0026".utf8)
    private static let lineSeparator = Array("\\u2028".utf8)
    private static let paragraphSeparator = Array("\\u2029".utf8)

    /// `embeddable` for JSON held as text.
    public static func embeddable(_ json: String) -> String {
        String(decoding: embeddable(Array(json.utf8)), as: UTF8.self)
    }
}
