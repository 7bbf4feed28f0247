import RetraceCore

/// Parses intrinsic function calls: `States.Name(arg, …)` with nested calls, single-quoted strings using ASL's
/// escapes (`\'`, `\{`, `\}`, `\\`), numbers, `true`, `false`, `null` and JSONPath arguments.
struct IntrinsicParser {
    /// AWS allows up to 10 intrinsic functions nested within a field.
    static let maximumNesting = 10

    let text: String
    let scalars: [Unicode.Scalar]
    var position = 0
    private var depth = 0

    init(text: String) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
    }

    private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func error(_ message: String) -> IntrinsicError {
        .syntax(expression: text, position: position + 1, message: message)
    }

    private var found: String {
        guard let scalar = peek else { return ", found the end of the expression" }
        return ", found '\(Character(scalar))'"
    }

    private mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { position += 1 }
    }

    mutating func parseExpression() throws(IntrinsicError) -> IntrinsicCall {
        skipSpaces()
        let call = try parseCall()
        skipSpaces()
        guard position == scalars.count else { throw error("unexpected text after the call\(found)") }
        return call
    }

    private mutating func parseCall() throws(IntrinsicError) -> IntrinsicCall {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumNesting else {
            throw error("intrinsic functions can be nested at most \(Self.maximumNesting) deep")
        }
        let start = position
        while let scalar = peek, scalar != "(", scalar != " ", scalar != ",", scalar != ")" { position += 1 }
        let name = String(String.UnicodeScalarView(scalars[start..<position]))
        guard name.hasPrefix("States.") else { throw error("expected a function such as States.Format\(found)") }
        guard let function = IntrinsicFunction(rawValue: name) else { throw .unknownFunction(name: name) }
        skipSpaces()
        guard peek == "(" else { throw error("expected '(' after \(name)\(found)") }
        position += 1
        var arguments: [IntrinsicArgument] = []
        skipSpaces()
        if peek == ")" {
            position += 1
        } else {
            while true {
                skipSpaces()
                arguments.append(try parseArgument())
                skipSpaces()
                if peek == "," {
                    position += 1
                    continue
                }
                guard peek == ")" else { throw error("expected ',' or ')' in the arguments of \(name)\(found)") }
                position += 1
                break
            }
        }
        guard function.arity.contains(arguments.count) else {
            throw .argumentCount(function: function, expected: function.arityDescription, found: arguments.count)
        }
        let callText = String(String.UnicodeScalarView(scalars[start..<position]))
        return IntrinsicCall(function: function, arguments: arguments, text: callText)
    }

    private mutating func parseArgument() throws(IntrinsicError) -> IntrinsicArgument {
        guard let scalar = peek else { throw error("expected an argument\(found)") }
        switch scalar {
        case "'": return try parseString()
        case "$": return .path(try parsePath())
        case "-", "0"..."9": return .literal(try parseNumber())
        default:
            for (word, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)]
            where matches(word) {
                position += word.unicodeScalars.count
                return .literal(value)
            }
            if matches("States.") { return .call(try parseCall()) }
            throw error("expected a string in single quotes, a number, true, false, null, a path or a call\(found)")
        }
    }

    private func matches(_ word: String) -> Bool {
        let spelled = Array(word.unicodeScalars)
        guard position + spelled.count <= scalars.count else { return false }
        return spelled.indices.allSatisfy { scalars[position + $0] == spelled[$0] }
    }

    /// `'…'` with `\'`, `\{`, `\}` and `\\`; any other backslash is an error, as on AWS.
    private mutating func parseString() throws(IntrinsicError) -> IntrinsicArgument {
        position += 1
        let start = position
        var value = String.UnicodeScalarView()
        while true {
            guard let scalar = peek else { throw error("the string is not closed with a quote") }
            if scalar == "'" { break }
            position += 1
            guard scalar == "\\" else {
                value.append(scalar)
                continue
            }
            guard let escaped = peek, escaped == "'" || escaped == "{" || escaped == "}" || escaped == "\\" else {
                throw error("a backslash in a string must escape ', {, } or \\")
            }
            value.append(escaped)
            position += 1
        }
        let raw = String(String.UnicodeScalarView(scalars[start..<position]))
        position += 1
        return .string(value: String(value), raw: raw)
    }

    /// A path runs to the next `,` or `)` outside brackets, parentheses and quotes.
    private mutating func parsePath() throws(IntrinsicError) -> JSONPath {
        let start = position
        var nesting = 0
        var quote: Unicode.Scalar?
        while let scalar = peek {
            if let open = quote {
                if scalar == "\\" {
                    position += 1
                } else if scalar == open {
                    quote = nil
                }
            } else if scalar == "'" || scalar == "\"" {
                quote = scalar
            } else if scalar == "[" || scalar == "(" {
                nesting += 1
            } else if scalar == "]" || scalar == ")" {
                if nesting == 0 { break }
                nesting -= 1
            } else if scalar == "," && nesting == 0 {
                break
            }
            position += 1
        }
        var end = min(position, scalars.count)
        while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
        let pathText = String(String.UnicodeScalarView(scalars[start..<end]))
        do {
            return try JSONPath(pathText)
        } catch {
            throw .path(error)
        }
    }

    private mutating func parseNumber() throws(IntrinsicError) -> JSONValue {
        let start = position
        if peek == "-" { position += 1 }
        while let scalar = peek,
            (scalar >= "0" && scalar <= "9") || scalar == "." || scalar == "e" || scalar == "E" || scalar == "+"
                || (scalar == "-" && (scalars[position - 1] == "e" || scalars[position - 1] == "E"))
        {
            position += 1
        }
        let spelled = String(String.UnicodeScalarView(scalars[start..<position]))
        if let integer = Int64(spelled) { return .integer(integer) }
        if let double = Double(spelled), double.isFinite { return .number(double) }
        position = start
        throw error("'\(spelled)' is not a number")
    }
}
