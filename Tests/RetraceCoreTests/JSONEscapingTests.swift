import RetraceCore
import Testing

/// `JSONEscaping.writeQuoted` skips plain text eight bytes at a time and looks at the rest byte by byte: whatever
/// the byte and wherever it falls against those eight-byte steps, a long string must be escaped exactly as its bytes
/// are one by one.
struct JSONEscapingTests {
    static func quoted(_ bytes: [UInt8], markup: Bool) -> [UInt8] {
        var out: [UInt8] = []
        bytes.withUnsafeBytes { JSONEscaping.appendQuoted(utf8: $0, to: &out, escapingMarkup: markup) }
        return out
    }

    @Test(arguments: [false, true])
    func everyByteAtEveryOffsetIsEscapedAsAlone(markup: Bool) {
        let plain = UInt8(ascii: "a")
        for byte in UInt8.min...UInt8.max {
            // The byte alone goes through the byte-by-byte path only (fewer than eight bytes).
            let alone = Array(Self.quoted([byte], markup: markup).dropFirst().dropLast())
            for offset in 0..<20 {
                var text = [UInt8](repeating: plain, count: 20)
                text[offset] = byte
                let expected =
                    [UInt8(ascii: "\"")] + Array(repeating: plain, count: offset) + alone
                    + Array(repeating: plain, count: 19 - offset) + [UInt8(ascii: "\"")]
                #expect(Self.quoted(text, markup: markup) == expected, "byte \(byte) at \(offset)")
            }
        }
    }

    @Test func escapesInLongTextAreWrittenWhereverTheyFall() {
        let text = "0123456789abcdef\u{2028}ghij\"k\\l\nm\u{01}n<o>&p 0123456789abcdef\u{2029}"
        let escaped = String(decoding: Self.quoted(Array(text.utf8), markup: false), as: UTF8.self)
        #expect(
            escaped
                == #""0123456789abcdef\u2028ghij\"k\\l\nm\u0001n<o>&p 0123456789abcdef\u2029""#)
        let markup = String(decoding: Self.quoted(Array(text.utf8), markup: true), as: UTF8.self)
        #expect(markup.contains(#"n\u003co\u003e\u0026p"#))
        // Other multi-byte characters are kept as they are.
        let accented = "ééééééééééééééééé naïve 日本語テキスト"
        #expect(Self.quoted(Array(accented.utf8), markup: false) == Array("\"\(accented)\"".utf8))
    }
}
