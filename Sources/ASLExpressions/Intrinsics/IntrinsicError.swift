import RetraceCore

/// Why an intrinsic function call could not be parsed or evaluated.
public enum IntrinsicError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not a well-formed call; `position` counts characters from 1.
    case syntax(expression: String, position: Int, message: String)
    /// `States.Name` is not an intrinsic function.
    case unknownFunction(name: String)
    /// The call has the wrong number of arguments.
    case argumentCount(function: IntrinsicFunction, expected: String, found: Int)
    /// Argument `index` (from 0) has the wrong type.
    case argumentType(function: IntrinsicFunction, index: Int, expected: String, found: JSONValue)
    /// An argument has the right type but a value the function refuses (limits, bad Base64, unknown algorithm…).
    case invalidArgument(function: IntrinsicFunction, message: String)
    /// A path argument is invalid or found nothing.
    case path(JSONPathError)

    /// The error name Step Functions records: `States.Runtime` when a path argument fails, else
    /// `States.IntrinsicFailure`.
    public var statesError: String {
        if case .path = self { return "States.Runtime" }
        return "States.IntrinsicFailure"
    }

    /// A message for people.
    public var description: String {
        switch self {
        case .syntax(let expression, let position, let message):
            return "The intrinsic function call '\(expression)' is not valid: \(message) (at character \(position))"
        case .unknownFunction(let name):
            return "'\(name)' is not an intrinsic function"
        case .argumentCount(let function, let expected, let found):
            let noun = found == 1 ? "argument" : "arguments"
            return "\(function.rawValue) takes \(expected) argument\(expected == "exactly 1" ? "" : "s"), "
                + "but was given \(found) \(noun)"
        case .argumentType(let function, let index, let expected, let found):
            return "Argument \(index + 1) of \(function.rawValue) must be \(expected), but it is "
                + "\(found.kindDescription): \(found.serialized())"
        case .invalidArgument(let function, let message):
            return "\(function.rawValue): \(message)"
        case .path(let error):
            return error.description
        }
    }
}
