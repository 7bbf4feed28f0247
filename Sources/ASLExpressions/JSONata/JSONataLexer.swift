/// Splits a JSONata expression into tokens, on demand, as the parser asks for them.
///
/// The parser says whether the next token follows an operand: JSONata reads `/` as division after an operand
/// and as the start of a regular expression elsewhere.
struct JSONataLexer {
    let scalars: [Unicode.Scalar]
    let sourceMap: JSONataSourceMap
    private(set) var offset = 0
    /// Whether a string literal held a lone UTF-16 surrogate escape (kept as `loneSurrogate`).
    private(set) var keptLoneSurrogate = false

    /// What a lone UTF-16 surrogate escape (`'\uD800'` without its other half) becomes. JavaScript strings can
    /// hold one and Swift strings cannot; U+FDD0 is a Unicode noncharacter, reserved for a program's internal use,
    /// so the URL encoders can refuse it as JavaScript refuses the surrogate (`D3140`) while the result renders it
    /// as U+FFFD, the replacement character a UTF-8 encoder writes for a lone surrogate.
    static let loneSurrogate = Unicode.Scalar(0xFDD0) ?? "\u{FFFD}"

    /// Characters that end a name: the single-character operators of JSONata.
    static let operatorCharacters: Set<Unicode.Scalar> = [
        ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|", "=", "<",
        ">", "^", "&", "!", "~",
    ]
    static let twoCharacterOperators: Set<String> = ["..", ":=", "!=", ">=", "<=", "**", "~>", "??", "?:"]
    static let whitespace: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{0B}"]

    init(_ scalars: [Unicode.Scalar], sourceMap: JSONataSourceMap) {
        self.scalars = scalars
        self.sourceMap = sourceMap
    }

    private func peek(_ distance: Int = 0) -> Unicode.Scalar? {
        let index = offset + distance
        return index < scalars.count ? scalars[index] : nil
    }

    private func syntax(_ code: String, _ message: String, at offset: Int) -> JSONataError {
        .syntax(code: code, message: message, position: sourceMap.position(at: offset))
    }

    /// Reads the next token; `afterOperand` tells whether `/` is division (true) or a regular expression.
    mutating func next(afterOperand: Bool) throws(JSONataError) -> JSONataToken {
        try skipWhitespaceAndComments()
        guard let current = peek() else { return JSONataToken(kind: .end, offset: offset) }
        let start = offset
        if current == "/" && !afterOperand {
            return try readRegex()
        }
        if let next = peek(1) {
            let pair = String(current) + String(next)
            if JSONataLexer.twoCharacterOperators.contains(pair) {
                offset += 2
                return JSONataToken(kind: .symbol(pair), offset: start)
            }
        }
        if current == "!" {
            throw syntax("S0204", "Unknown operator: \"!\"", at: start)
        }
        if JSONataLexer.operatorCharacters.contains(current) {
            offset += 1
            return JSONataToken(kind: .symbol(String(current)), offset: start)
        }
        if current == "\"" || current == "'" {
            return JSONataToken(kind: .string(try readString(quote: current)), offset: start)
        }
        if ("0"..."9").contains(current) {
            return JSONataToken(kind: .number(try readNumber()), offset: start)
        }
        if current == "`" {
            offset += 1
            var name = ""
            while let scalar = peek(), scalar != "`" {
                name.unicodeScalars.append(scalar)
                offset += 1
            }
            guard peek() == "`" else {
                throw syntax("S0105", "Quoted property name must be terminated with a backquote (`)", at: start)
            }
            offset += 1
            return JSONataToken(kind: .name(name), offset: start, quoted: true)
        }
        var word = ""
        while let scalar = peek(), !JSONataLexer.whitespace.contains(scalar),
            !JSONataLexer.operatorCharacters.contains(scalar)
        {
            word.unicodeScalars.append(scalar)
            offset += 1
        }
        if word.hasPrefix("$") {
            return JSONataToken(kind: .variable(String(word.dropFirst())), offset: start)
        }
        switch word {
        case "and", "or", "in": return JSONataToken(kind: .symbol(word), offset: start)
        case "true": return JSONataToken(kind: .literal(.bool(true)), offset: start)
        case "false": return JSONataToken(kind: .literal(.bool(false)), offset: start)
        case "null": return JSONataToken(kind: .literal(.null), offset: start)
        default: return JSONataToken(kind: .name(word), offset: start)
        }
    }

    private mutating func skipWhitespaceAndComments() throws(JSONataError) {
        while let scalar = peek() {
            if JSONataLexer.whitespace.contains(scalar) {
                offset += 1
            } else if scalar == "/" && peek(1) == "*" {
                let start = offset
                offset += 2
                while peek() != nil && !(peek() == "*" && peek(1) == "/") { offset += 1 }
                guard peek() != nil else { throw syntax("S0106", "Comment has no closing tag", at: start) }
                offset += 2
            } else {
                return
            }
        }
    }

    private mutating func readString(quote: Unicode.Scalar) throws(JSONataError) -> String {
        let start = offset
        offset += 1
        var text = ""
        var pendingHighSurrogate: UInt32?
        var kept = false
        func flushSurrogate() {
            if pendingHighSurrogate != nil {
                text.unicodeScalars.append(JSONataLexer.loneSurrogate)
                kept = true
                pendingHighSurrogate = nil
            }
        }
        while let scalar = peek() {
            offset += 1
            if scalar == quote {
                flushSurrogate()
                if kept { keptLoneSurrogate = true }
                return text
            }
            guard scalar == "\\" else {
                flushSurrogate()
                text.unicodeScalars.append(scalar)
                continue
            }
            guard let escape = peek() else { break }
            offset += 1
            if escape == "u" {
                var code: UInt32 = 0
                for _ in 0..<4 {
                    guard let digit = peek(), let value = hexValue(digit) else {
                        throw syntax("S0104", "The escape sequence \\u must be followed by 4 hex digits", at: offset)
                    }
                    code = code * 16 + value
                    offset += 1
                }
                // JavaScript strings are UTF-16: a high surrogate escape followed by a low one is one character.
                if (0xD800...0xDBFF).contains(code) {
                    flushSurrogate()
                    pendingHighSurrogate = code
                } else if (0xDC00...0xDFFF).contains(code) {
                    if let high = pendingHighSurrogate,
                        let combined = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))
                    {
                        text.unicodeScalars.append(combined)
                        pendingHighSurrogate = nil
                    } else {
                        text.unicodeScalars.append(JSONataLexer.loneSurrogate)
                        kept = true
                    }
                } else if let decoded = Unicode.Scalar(code) {
                    flushSurrogate()
                    text.unicodeScalars.append(decoded)
                }
                continue
            }
            flushSurrogate()
            switch escape {
            case "\"": text += "\""
            case "\\": text += "\\"
            case "/": text += "/"
            case "b": text += "\u{08}"
            case "f": text += "\u{0C}"
            case "n": text += "\n"
            case "r": text += "\r"
            case "t": text += "\t"
            default:
                throw syntax("S0103", "Unsupported escape sequence: \\\(escape)", at: offset - 2)
            }
        }
        throw syntax("S0101", "String literal must be terminated by a matching quote", at: start)
    }

    /// Reads a function signature whose `<` starts at `start` (the lexer has just read that `<`), up to the
    /// matching `>`; returns its text with both brackets.
    mutating func readSignature(start: Int) throws(JSONataError) -> String {
        offset = start
        var depth = 0
        var text = ""
        while let scalar = peek() {
            offset += 1
            text.unicodeScalars.append(scalar)
            if scalar == "<" { depth += 1 }
            if scalar == ">" {
                depth -= 1
                if depth == 0 { return text }
            }
        }
        throw syntax("S0203", "Expected \">\" before end of expression", at: start)
    }

    /// Reads `/pattern/flags` as JSONata does: the pattern ends at an unescaped `/` outside brackets and
    /// braces, and only the flags `i` and `m` follow.
    private mutating func readRegex() throws(JSONataError) -> JSONataToken {
        let start = offset
        offset += 1
        let patternStart = offset
        var depth = 0
        while let scalar = peek() {
            let escaped = offset > patternStart && scalars[offset - 1] == "\\"
            if scalar == "/" && depth == 0 {
                var backslashes = 0
                while offset - backslashes - 1 >= patternStart && scalars[offset - backslashes - 1] == "\\" {
                    backslashes += 1
                }
                if backslashes % 2 == 0 {
                    guard offset > patternStart else {
                        throw syntax("S0301", "Empty regular expressions are not allowed", at: offset)
                    }
                    var pattern = ""
                    pattern.unicodeScalars.append(contentsOf: scalars[patternStart..<offset])
                    offset += 1
                    var flags = ""
                    while let flag = peek(), flag == "i" || flag == "m" {
                        flags.unicodeScalars.append(flag)
                        offset += 1
                    }
                    return JSONataToken(kind: .regex(pattern: pattern, flags: flags), offset: start)
                }
            }
            if !escaped && (scalar == "(" || scalar == "[" || scalar == "{") { depth += 1 }
            if !escaped && (scalar == ")" || scalar == "]" || scalar == "}") { depth -= 1 }
            offset += 1
        }
        throw syntax("S0302", "No terminating / in regular expression", at: start)
    }

    private func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 48
        case "a"..."f": return scalar.value - 87
        case "A"..."F": return scalar.value - 55
        default: return nil
        }
    }

    /// Reads `(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?`, as JSONata's number pattern does.
    private mutating func readNumber() throws(JSONataError) -> Double {
        let start = offset
        func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
            guard let scalar else { return false }
            return ("0"..."9").contains(scalar)
        }
        if peek() == "0" {
            offset += 1
        } else {
            while isDigit(peek()) { offset += 1 }
        }
        if peek() == ".", isDigit(peek(1)) {
            offset += 1
            while isDigit(peek()) { offset += 1 }
        }
        if peek() == "e" || peek() == "E" {
            var lookahead = 1
            if peek(1) == "+" || peek(1) == "-" { lookahead = 2 }
            if isDigit(peek(lookahead)) {
                offset += lookahead
                while isDigit(peek()) { offset += 1 }
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<offset])
        guard let value = Double(text), value.isFinite else {
            throw syntax("S0102", "Number out of range: \(text)", at: start)
        }
        return value
    }
}
