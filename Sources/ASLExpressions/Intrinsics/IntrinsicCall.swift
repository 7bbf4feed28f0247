import RetraceCore

/// A parsed intrinsic function call such as `States.Format('{} {}', $.first, States.UUID())`.
public struct IntrinsicCall: Sendable, Hashable, CustomStringConvertible {
    /// The function called.
    public var function: IntrinsicFunction
    /// Its arguments, in order.
    public var arguments: [IntrinsicArgument]
    /// The call as written.
    public var text: String

    /// Parses a call; throws `IntrinsicError.syntax`, `.unknownFunction` or `.argumentCount`.
    public init(parsing text: String) throws(IntrinsicError) {
        var parser = IntrinsicParser(text: text)
        self = try parser.parseExpression()
    }

    init(function: IntrinsicFunction, arguments: [IntrinsicArgument], text: String) {
        self.function = function
        self.arguments = arguments
        self.text = text
    }

    /// The call as written.
    public var description: String { text }

    /// Whether `text` looks like an intrinsic call (starts with `States.`), as payload templates decide.
    public static func looksLikeCall(_ text: String) -> Bool { text.hasPrefix("States.") }
}

/// One argument of an intrinsic call.
public indirect enum IntrinsicArgument: Sendable, Hashable {
    /// A quoted string: `value` with escapes resolved, `raw` as written between the quotes (States.Format needs to
    /// tell `{}` from `\{\}`).
    case string(value: String, raw: String)
    /// A number, `true`, `false` or `null`.
    case literal(JSONValue)
    /// A JSONPath (`$.a`, `$$.Execution.Id`, `$variable`).
    case path(JSONPath)
    /// A nested call.
    case call(IntrinsicCall)
}
