import RetraceCore

/// A hand-written recursive-descent parser for Step Functions' JSONPath dialect.
struct JSONPathParser {
    /// Filters nested deeper than this are refused (a bound on recursion for hostile input).
    static let maximumFilterDepth = 32
    /// Filters with more comparisons than this are refused: `&&` and `||` chains nest as deeply as they are long.
    static let maximumFilterTerms = 256

    let text: String
    let scalars: [Unicode.Scalar]
    var position = 0
    private var filterDepth = 0
    private var filterTerms = 0

    init(text: String) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
    }

    var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    func peek(at offset: Int) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONPathError {
        .syntax(path: text, position: (offset ?? position) + 1, message: message)
    }

    mutating func expect(_ scalar: Unicode.Scalar, _ what: String) throws(JSONPathError) {
        guard peek == scalar else { throw error("expected \(what)\(foundDescription)") }
        position += 1
    }

    var foundDescription: String {
        guard let scalar = peek else { return ", found the end of the path" }
        return ", found '\(Character(scalar))'"
    }

    mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { position += 1 }
    }

    // MARK: - Paths

    /// The whole text as one path.
    mutating func parsePath() throws(JSONPathError) -> (JSONPath.Root, [JSONPathSegment]) {
        let root = try parseRoot()
        let segments = try parseSegments(inFilter: false)
        guard position == scalars.count else { throw error("unexpected '\(Character(scalars[position]))'") }
        return (root, segments)
    }

    mutating func parseRoot() throws(JSONPathError) -> JSONPath.Root {
        guard peek == "$" else { throw error("a path must start with '$'\(foundDescription)") }
        position += 1
        if peek == "$" {
            position += 1
            return .context
        }
        if let scalar = peek, Self.isNameStart(scalar) {
            let start = position
            while let scalar = peek, Self.isNameStart(scalar) || Self.isDigit(scalar) { position += 1 }
            return .variable(String(String.UnicodeScalarView(scalars[start..<position])))
        }
        return .input
    }

    /// Steps until something that cannot continue a path (the end, or an operator inside a filter).
    mutating func parseSegments(inFilter: Bool) throws(JSONPathError) -> [JSONPathSegment] {
        var segments: [JSONPathSegment] = []
        while let scalar = peek {
            if scalar == "." {
                position += 1
                let descendant = peek == "."
                if descendant { position += 1 }
                if peek == "[" {
                    // `$.abc.['def ghi']`: AWS's own documentation writes a dot before brackets.
                    position += 1
                    segments.append(JSONPathSegment(isDescendant: descendant, selector: try parseBracket()))
                } else if peek == "*" {
                    position += 1
                    segments.append(JSONPathSegment(isDescendant: descendant, selector: .wildcard))
                } else {
                    let name = try parseDotName()
                    if peek == "(" {
                        position += 1
                        try expect(")", "')' closing the function call \(name)(")
                        segments.append(JSONPathSegment(isDescendant: descendant, selector: .function(name)))
                    } else {
                        segments.append(JSONPathSegment(isDescendant: descendant, selector: .member(name)))
                    }
                }
            } else if scalar == "[" {
                position += 1
                segments.append(JSONPathSegment(selector: try parseBracket()))
            } else if inFilter {
                break
            } else {
                throw error("expected '.' or '['\(foundDescription)")
            }
        }
        return segments
    }

    /// A member name after `.`: any run of characters that cannot end a step.
    mutating func parseDotName() throws(JSONPathError) -> String {
        let start = position
        while let scalar = peek, !Self.endsDotName(scalar) { position += 1 }
        guard position > start else { throw error("expected a member name after '.'\(foundDescription)") }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    // MARK: - Brackets

    /// The inside of `[…]` (the `[` already read) up to and including `]`.
    mutating func parseBracket() throws(JSONPathError) -> JSONPathSelector {
        skipSpaces()
        if peek == "?" {
            position += 1
            skipSpaces()
            try expect("(", "'(' after '?'")
            let filter = try parseFilterExpression()
            skipSpaces()
            try expect(")", "')' closing the filter")
            skipSpaces()
            try expect("]", "']' closing the filter")
            return .filter(filter)
        }
        var selectors: [JSONPathSelector] = []
        repeat {
            skipSpaces()
            selectors.append(try parseBracketSelector())
            skipSpaces()
        } while try consumeComma()
        try expect("]", "']'")
        if selectors.count == 1, let only = selectors.first { return only }
        return .union(selectors)
    }

    private mutating func consumeComma() throws(JSONPathError) -> Bool {
        guard peek == "," else { return false }
        position += 1
        return true
    }

    private mutating func parseBracketSelector() throws(JSONPathError) -> JSONPathSelector {
        guard let scalar = peek else { throw error("expected a selector inside '[]'\(foundDescription)") }
        if scalar == "*" {
            position += 1
            return .wildcard
        }
        if scalar == "'" || scalar == "\"" {
            return .member(try parseQuotedString())
        }
        if scalar == "-" || scalar == ":" || Self.isDigit(scalar) {
            let start = scalar == ":" ? nil : try parseInteger()
            skipSpaces()
            guard peek == ":" else {
                guard let start else { throw error("expected an index") }
                return .index(start)
            }
            position += 1
            skipSpaces()
            let end = peek == "-" || peek.map(Self.isDigit) == true ? try parseInteger() : nil
            skipSpaces()
            var step: Int?
            if peek == ":" {
                position += 1
                skipSpaces()
                step = peek == "-" || peek.map(Self.isDigit) == true ? try parseInteger() : nil
                if step == 0 { throw error("a slice step cannot be 0") }
            }
            return .slice(start: start, end: end, step: step)
        }
        throw error("expected a quoted name, an index, a slice or '*' inside '[]'\(foundDescription)")
    }

    mutating func parseInteger() throws(JSONPathError) -> Int {
        let start = position
        let negative = peek == "-"
        if negative { position += 1 }
        var value = 0
        var digits = 0
        while let scalar = peek, Self.isDigit(scalar) {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = shifted.addingReportingOverflow(Int(scalar.value - 48))
            guard !overflow1 && !overflow2 else { throw error("the number is too large", at: start) }
            value = added
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw error("expected digits\(foundDescription)") }
        return negative ? -value : value
    }

    /// A name in single or double quotes, with JSON-style escapes (and `\'`); a backslash before any other
    /// character keeps that character, as AWS's JSONPath reader (Jayway) does: `$['a\.b']` names `a.b`.
    mutating func parseQuotedString() throws(JSONPathError) -> String {
        guard let quote = peek else { throw error("expected a quoted string") }
        let start = position
        position += 1
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek else { throw error("the quoted name is not closed", at: start) }
            position += 1
            if scalar == quote { break }
            guard scalar == "\\" else {
                result.append(scalar)
                continue
            }
            guard let escaped = peek else { throw error("the quoted name ends with a lone '\\'") }
            position += 1
            switch escaped {
            case "'", "\"", "\\", "/": result.append(escaped)
            case "b": result.append("\u{08}")
            case "f": result.append("\u{0C}")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "t": result.append("\t")
            case "u":
                var code: UInt32 = 0
                for _ in 0..<4 {
                    guard let digit = peek, let value = Self.hexValue(digit) else {
                        throw error("expected four hexadecimal digits after \\u")
                    }
                    code = code * 16 + value
                    position += 1
                }
                guard let decoded = Unicode.Scalar(code) else { throw error("\\u\(code) is not a character") }
                result.append(decoded)
            default:
                // As Jayway reads it: a backslash before any other character stands for that character.
                result.append(escaped)
            }
        }
        return String(result)
    }

    // MARK: - Character classes

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }

    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || scalar == "_" || scalar.value > 0x7F
    }

    static func endsDotName(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "[", "]", "(", ")", ",", "'", "\"", "*", " ", "\t", "\n", "\r", "=", "<", ">", "!", "&", "|", "?",
            "@", "$", ":":
            return true
        default:
            return false
        }
    }

    static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 48
        case "a"..."f": return scalar.value - 87
        case "A"..."F": return scalar.value - 55
        default: return nil
        }
    }
}

extension JSONPathParser {
    // MARK: - Filters

    /// `or := and ('||' and)*`
    mutating func parseFilterExpression() throws(JSONPathError) -> JSONPathFilter {
        filterDepth += 1
        defer { filterDepth -= 1 }
        guard filterDepth <= Self.maximumFilterDepth else {
            throw error("filters are nested more than \(Self.maximumFilterDepth) levels deep")
        }
        var left = try parseAnd()
        while true {
            skipSpaces()
            guard peek == "|", peek(at: 1) == "|" else { return left }
            position += 2
            left = .or(left, try parseAnd())
        }
    }

    private mutating func parseAnd() throws(JSONPathError) -> JSONPathFilter {
        var left = try parseUnary()
        while true {
            skipSpaces()
            guard peek == "&", peek(at: 1) == "&" else { return left }
            position += 2
            left = .and(left, try parseUnary())
        }
    }

    private mutating func parseUnary() throws(JSONPathError) -> JSONPathFilter {
        filterTerms += 1
        guard filterTerms <= Self.maximumFilterTerms else {
            throw error("filters may hold at most \(Self.maximumFilterTerms) terms")
        }
        skipSpaces()
        if peek == "!", peek(at: 1) != "=" {
            position += 1
            filterDepth += 1
            defer { filterDepth -= 1 }
            guard filterDepth <= Self.maximumFilterDepth else {
                throw error("filters are nested more than \(Self.maximumFilterDepth) levels deep")
            }
            return .not(try parseUnary())
        }
        if peek == "(" {
            position += 1
            let inner = try parseFilterExpression()
            skipSpaces()
            try expect(")", "')'")
            return inner
        }
        let left = try parseOperand()
        skipSpaces()
        guard let comparison = parseComparisonOperator() else {
            switch left {
            case .current, .root: return .exists(left)
            case .literal: throw error("expected a comparison operator after the value\(foundDescription)")
            }
        }
        skipSpaces()
        return .comparison(left, comparison, try parseOperand())
    }

    private mutating func parseComparisonOperator() -> FilterComparison? {
        let candidates: [(String, FilterComparison)] = [
            ("==", .equal), ("!=", .notEqual), ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("<", .less),
            (">", .greater),
        ]
        for (spelling, comparison) in candidates {
            let spelled = Array(spelling.unicodeScalars)
            if spelled.indices.allSatisfy({ peek(at: $0) == spelled[$0] }) {
                position += spelled.count
                return comparison
            }
        }
        return nil
    }

    private mutating func parseOperand() throws(JSONPathError) -> FilterOperand {
        skipSpaces()
        guard let scalar = peek else { throw error("expected a value in the filter\(foundDescription)") }
        switch scalar {
        case "@":
            let start = position
            position += 1
            let segments = try parseSegments(inFilter: true)
            let text = String(String.UnicodeScalarView(scalars[start..<position]))
            return .current(JSONPath(text: text, root: .input, segments: segments))
        case "$":
            let start = position
            let root = try parseRoot()
            let segments = try parseSegments(inFilter: true)
            let text = String(String.UnicodeScalarView(scalars[start..<position]))
            return .root(JSONPath(text: text, root: root, segments: segments))
        case "'", "\"":
            return .literal(.string(try parseQuotedString()))
        case "-", "0"..."9":
            return .literal(try parseNumber())
        default:
            for (word, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)] {
                let spelled = Array(word.unicodeScalars)
                if spelled.indices.allSatisfy({ peek(at: $0) == spelled[$0] }) {
                    position += spelled.count
                    return .literal(value)
                }
            }
            throw error("expected @, $, a number, a quoted string, true, false or null\(foundDescription)")
        }
    }

    private mutating func parseNumber() throws(JSONPathError) -> JSONValue {
        let start = position
        if peek == "-" { position += 1 }
        while let scalar = peek,
            Self.isDigit(scalar) || scalar == "." || scalar == "e" || scalar == "E" || scalar == "+"
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
