/// Finds places in raw JSON bytes. simdjson's DOM keeps no source positions, so on the error path (and only
/// there) this scanner walks the bytes again to say where the problem is and what was expected.
public enum JSONLocator {
    /// A syntax problem: the byte offset where it was found and what was expected there.
    public struct SyntaxProblem: Sendable, Hashable {
        /// Byte offset into the input.
        public var offset: Int
        /// What was expected and what was found, for people.
        public var message: String
    }

    /// The first syntax problem in `bytes`, read as a sequence of JSON documents separated by white space
    /// (one document, JSON Lines, or concatenated documents); `nil` when all of it is valid JSON.
    public static func firstSyntaxProblem(in bytes: UnsafeRawBufferPointer, maxDepth: Int) -> SyntaxProblem? {
        var scanner = ByteScanner(bytes: bytes)
        var stack: [UInt8] = []
        var expect = Expectation.value
        func afterValue() -> Expectation { stack.isEmpty ? .value : .commaOrEnd }
        while true {
            scanner.skipWhitespace()
            guard let byte = scanner.peek else {
                if stack.isEmpty && expect == .value { return nil }
                return SyntaxProblem(
                    offset: scanner.offset, message: "the input ends early; expected \(expect.wanted(stack.last))")
            }
            switch expect {
            case .value, .valueOrEnd:
                if expect == .valueOrEnd && byte == UInt8(ascii: "]") {
                    scanner.offset += 1
                    stack.removeLast()
                    expect = afterValue()
                    continue
                }
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if stack.count >= maxDepth {
                        return SyntaxProblem(
                            offset: scanner.offset, message: "nesting is deeper than \(maxDepth) levels")
                    }
                    stack.append(byte)
                    scanner.offset += 1
                    expect = byte == UInt8(ascii: "{") ? .keyOrEnd : .valueOrEnd
                case UInt8(ascii: "\""):
                    if let problem = scanner.scanString() { return problem }
                    expect = afterValue()
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if let problem = scanner.scanNumber() { return problem }
                    expect = afterValue()
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    if let problem = scanner.scanLiteral() { return problem }
                    expect = afterValue()
                default:
                    return SyntaxProblem(
                        offset: scanner.offset,
                        message: "expected \(expect.wanted(stack.last)), found \(ByteScanner.describe(byte))")
                }
            case .keyOrEnd, .key:
                if expect == .keyOrEnd && byte == UInt8(ascii: "}") {
                    scanner.offset += 1
                    stack.removeLast()
                    expect = afterValue()
                    continue
                }
                guard byte == UInt8(ascii: "\"") else {
                    return SyntaxProblem(
                        offset: scanner.offset,
                        message: "expected \(expect.wanted(stack.last)), found \(ByteScanner.describe(byte))")
                }
                if let problem = scanner.scanString() { return problem }
                expect = .colon
            case .colon:
                guard byte == UInt8(ascii: ":") else {
                    return SyntaxProblem(
                        offset: scanner.offset,
                        message: "expected ':' after the key, found \(ByteScanner.describe(byte))")
                }
                scanner.offset += 1
                expect = .value
            case .commaOrEnd:
                let inObject = stack.last == UInt8(ascii: "{")
                let closer = inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if byte == UInt8(ascii: ",") {
                    scanner.offset += 1
                    expect = inObject ? .key : .value
                } else if byte == closer {
                    scanner.offset += 1
                    stack.removeLast()
                    expect = afterValue()
                } else {
                    return SyntaxProblem(
                        offset: scanner.offset,
                        message: "expected \(expect.wanted(stack.last)), found \(ByteScanner.describe(byte))")
                }
            }
        }
    }

    /// The byte offset where the value at `path` begins, in the document that starts at `documentStart`.
    /// Assumes the bytes are valid JSON (they parsed); returns `nil` when the path does not exist.
    public static func offset(
        of path: [JSONPathComponent], in bytes: UnsafeRawBufferPointer, documentStart: Int = 0
    ) -> Int? {
        var scanner = ByteScanner(bytes: bytes)
        scanner.offset = documentStart
        scanner.skipWhitespace()
        for component in path {
            switch component {
            case .key(let wanted):
                guard scanner.peek == UInt8(ascii: "{") else { return nil }
                scanner.offset += 1
                var found = false
                while !found {
                    scanner.skipWhitespace()
                    guard scanner.peek == UInt8(ascii: "\"") else { return nil }
                    let key = scanner.rawStringContent()
                    scanner.skipWhitespace()
                    guard scanner.peek == UInt8(ascii: ":") else { return nil }
                    scanner.offset += 1
                    scanner.skipWhitespace()
                    if key.elementsEqual(wanted.utf8) {
                        found = true
                    } else {
                        scanner.skipValue()
                        scanner.skipWhitespace()
                        guard scanner.peek == UInt8(ascii: ",") else { return nil }
                        scanner.offset += 1
                    }
                }
            case .index(let wanted):
                guard scanner.peek == UInt8(ascii: "[") else { return nil }
                scanner.offset += 1
                for _ in 0..<wanted {
                    scanner.skipWhitespace()
                    scanner.skipValue()
                    scanner.skipWhitespace()
                    guard scanner.peek == UInt8(ascii: ",") else { return nil }
                    scanner.offset += 1
                }
                scanner.skipWhitespace()
                if scanner.peek == UInt8(ascii: "]") { return nil }
            }
        }
        return scanner.offset
    }

    private enum Expectation: Equatable {
        case value, valueOrEnd, keyOrEnd, key, colon, commaOrEnd

        func wanted(_ container: UInt8?) -> String {
            switch self {
            case .value: return "a value (object, array, string, number, true, false or null)"
            case .valueOrEnd: return "a value or ']'"
            case .keyOrEnd: return "a key in double quotes or '}'"
            case .key: return "a key in double quotes"
            case .colon: return "':'"
            case .commaOrEnd: return container == UInt8(ascii: "{") ? "',' or '}'" : "',' or ']'"
            }
        }
    }
}

/// A cursor over raw JSON bytes; the small lexical pieces `JSONLocator` is built from.
struct ByteScanner {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(Hex.uppercase(UInt64(byte), digits: 2))"
    }

    mutating func skipWhitespace() {
        while let byte = peek,
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\t")
        {
            offset += 1
        }
    }

    /// Validates a string starting at the opening quote; leaves the cursor after the closing quote.
    mutating func scanString() -> JSONLocator.SyntaxProblem? {
        let start = offset
        offset += 1
        while let byte = peek {
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return nil
            case UInt8(ascii: "\\"):
                offset += 1
                guard let escaped = peek else { break }
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    offset += 1
                case UInt8(ascii: "u"):
                    if let problem = scanUnicodeEscape() { return problem }
                default:
                    return .init(offset: offset - 1, message: "invalid escape \\\(Character(Unicode.Scalar(escaped)))")
                }
            case 0..<0x20:
                return .init(offset: offset, message: "a control character inside a string must be escaped")
            case 0x80...:
                if let problem = scanUTF8Sequence() { return problem }
            default:
                offset += 1
            }
        }
        return .init(offset: start, message: "this string is not terminated")
    }

    /// Validates `\uXXXX` with the cursor on the `u`: four hex digits, and a UTF-16 surrogate only as a pair (a
    /// high one followed by `\u` and a low one), as the parser requires.
    private mutating func scanUnicodeEscape() -> JSONLocator.SyntaxProblem? {
        let escapeStart = offset - 1
        guard let unit = scanHexQuad() else {
            return .init(offset: offset, message: "expected four hex digits after \\u")
        }
        switch unit {
        case 0xD800...0xDBFF:
            let pairStart = offset
            guard peek == UInt8(ascii: "\\"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") else {
                return .init(
                    offset: escapeStart, message: "a lone UTF-16 surrogate; expected \\uDC00–\\uDFFF right after it")
            }
            offset += 2
            guard let low = scanHexQuad(), (0xDC00...0xDFFF).contains(low) else {
                return .init(
                    offset: pairStart, message: "expected the low half of a UTF-16 surrogate pair (\\uDC00–\\uDFFF)")
            }
        case 0xDC00...0xDFFF:
            return .init(offset: escapeStart, message: "the low half of a UTF-16 surrogate pair without its high half")
        default:
            break
        }
        return nil
    }

    /// Four hex digits after a `u` at the cursor, as a number; the cursor ends after them.
    private mutating func scanHexQuad() -> UInt32? {
        offset += 1
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let hex = peek, hex.isHexDigit else { return nil }
            let digit = hex <= UInt8(ascii: "9") ? hex - UInt8(ascii: "0") : (hex | 0x20) - UInt8(ascii: "a") + 10
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    private mutating func scanUTF8Sequence() -> JSONLocator.SyntaxProblem? {
        let lead = bytes[offset]
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            highest = 0x9F
        case 0xF0:
            length = 4
            lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            highest = 0x8F
        default: return .init(offset: offset, message: "invalid UTF-8 (\(ByteScanner.describe(lead)))")
        }
        for position in 1..<length {
            let index = offset + position
            guard index < bytes.count else {
                return .init(offset: offset, message: "invalid UTF-8: truncated character")
            }
            let byte = bytes[index]
            let range = position == 1 ? lowest...highest : 0x80...0xBF
            guard range.contains(byte) else {
                return .init(
                    offset: offset,
                    message: "invalid UTF-8 (\(ByteScanner.describe(lead)) followed by \(ByteScanner.describe(byte)))")
            }
        }
        offset += length
        return nil
    }

    mutating func scanNumber() -> JSONLocator.SyntaxProblem? {
        let start = offset
        let invalid = JSONLocator.SyntaxProblem(offset: start, message: "invalid number")
        if peek == UInt8(ascii: "-") { offset += 1 }
        guard let first = peek, first.isDigit else { return invalid }
        offset += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek == UInt8(ascii: ".") {
            offset += 1
            guard let digit = peek, digit.isDigit else { return invalid }
            skipDigits()
        }
        var isInteger = true
        var hasExponent = false
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            isInteger = false
            hasExponent = true
            offset += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { offset += 1 }
            guard let digit = peek, digit.isDigit else { return invalid }
            skipDigits()
        }
        isInteger = isInteger && !bytes[start..<offset].contains(UInt8(ascii: "."))
        // The parser reads integers into 64 bits and other numbers into doubles; beyond that it fails. Short
        // numbers always fit, and are not looked at again (JSON Lines inputs are scanned whole).
        let length = offset - start
        guard (isInteger && length >= 19) || (!isInteger && (hasExponent || length >= 300)) else { return nil }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if isInteger, Int64(text) == nil, UInt64(text) == nil {
            return .init(offset: start, message: "this integer does not fit in 64 bits")
        }
        if !isInteger, let value = Double(text), !value.isFinite {
            return .init(offset: start, message: "this number is too large for a double")
        }
        return nil
    }

    private mutating func skipDigits() {
        while let byte = peek, byte.isDigit { offset += 1 }
    }

    mutating func scanLiteral() -> JSONLocator.SyntaxProblem? {
        for literal in ["true", "false", "null"] {
            let utf8 = Array(literal.utf8)
            if offset + utf8.count <= bytes.count
                && utf8.indices.allSatisfy({ bytes[offset + $0] == utf8[$0] })
            {
                offset += utf8.count
                return nil
            }
        }
        return .init(offset: offset, message: "expected true, false or null")
    }

    /// The raw bytes between the quotes of the string at the cursor (escapes left as they are).
    mutating func rawStringContent() -> [UInt8] {
        offset += 1
        let start = offset
        while let byte = peek, byte != UInt8(ascii: "\"") {
            offset += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        let content = Array(bytes[start..<min(offset, bytes.count)])
        offset += 1
        return content
    }

    /// Skips one value of valid JSON.
    mutating func skipValue() {
        var depth = 0
        repeat {
            guard let byte = peek else { return }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                offset += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                offset += 1
            case UInt8(ascii: "\""):
                _ = rawStringContent()
            case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                UInt8(ascii: "\t"):
                if depth == 0 { return }
                offset += 1
            default:
                offset += 1
            }
        } while depth > 0
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    fileprivate var isHexDigit: Bool {
        isDigit || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
}
