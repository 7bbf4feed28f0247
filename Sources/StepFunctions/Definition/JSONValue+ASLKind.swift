import RetraceCore

extension JSONValue {
    /// The value as an exact integer: JSON integers, and numbers written with a zero fraction (`2.0`).
    var aslIntegerValue: Int64? {
        switch self {
        case .integer(let value): return value
        case .number(let value):
            guard value.rounded() == value, abs(value) < 9.0e18 else { return nil }
            return Int64(value)
        default: return nil
        }
    }

    /// Whether this is a string written as a JSONata expression: `{% … %}`.
    var isJSONataExpression: Bool {
        guard case .string(let text) = self else { return false }
        return text.isJSONataExpression
    }
}

extension String {
    /// Whether the text is a JSONata expression in ASL's delimiters, `{% … %}` (white space around them allowed).
    var isJSONataExpression: Bool {
        let trimmed = self.drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        return trimmed.hasPrefix("{%")
            && trimmed.reversed().drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
                .starts(with: "}%")
    }
}
