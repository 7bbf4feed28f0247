import RetraceCore

/// One lexical token of a JSONata expression.
struct JSONataToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A field name (plain or in backticks).
        case name(String)
        /// `$name`; `$` alone is the context (empty name) and `$$` the root (name `$`).
        case variable(String)
        /// A string literal, escapes resolved.
        case string(String)
        /// A number literal.
        case number(Double)
        /// `true`, `false` or `null`.
        case literal(JSONValue)
        /// A regular expression literal `/pattern/flags`.
        case regex(pattern: String, flags: String)
        /// An operator or punctuation, including the word operators `and`, `or`, `in`.
        case symbol(String)
        /// The end of the expression.
        case end
    }

    var kind: Kind
    /// Offset of the token's first scalar.
    var offset: Int
    /// Whether the token was written in backticks (a quoted name is never an operator word).
    var quoted = false

    /// The operator text when this is a symbol.
    var symbol: String? {
        if case .symbol(let text) = kind { return text }
        return nil
    }

    /// How the token reads in error messages (JSONata quotes the token's value).
    var display: String {
        switch kind {
        case .name(let name): return name
        case .variable(let name): return "$" + name
        case .string(let text): return text
        case .number(let value): return JSONataNumberFormatter.string(value)
        case .literal(let value): return value.serialized()
        case .symbol(let text): return text
        case .regex(let pattern, _): return pattern
        case .end: return "(end)"
        }
    }
}
