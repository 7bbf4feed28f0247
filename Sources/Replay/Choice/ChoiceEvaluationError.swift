import ASLExpressions
import RetraceCore

/// Why a Choice state could not decide.
public enum ChoiceEvaluationError: Error, Sendable, CustomStringConvertible {
    /// A `Variable` (or the second path of a `…Path` operator) selected nothing; only `IsPresent` tolerates that.
    case invalidPath(path: String)
    /// A path is not valid JSONPath, or names a variable never assigned.
    case path(JSONPathError)
    /// A JSONata `Condition` was met but no JSONata evaluator was supplied.
    case jsonataUnavailable(expression: String)
    /// The JSONata evaluator failed, or its result was not a boolean.
    case jsonataFailed(expression: String, message: String)

    /// The error name Step Functions records: `States.QueryEvaluationError` for JSONata failures, else
    /// `States.Runtime`.
    public var statesError: String {
        switch self {
        case .jsonataFailed, .jsonataUnavailable: return "States.QueryEvaluationError"
        case .invalidPath, .path: return "States.Runtime"
        }
    }

    /// A message for people, worded as AWS words its cause for a missing path.
    public var description: String {
        switch self {
        case .invalidPath(let path):
            return "Invalid path '\(path)': The choice state's condition path references an invalid value."
        case .path(let error):
            return error.description
        case .jsonataUnavailable(let expression):
            return "The JSONata condition '\(expression)' cannot be evaluated: no JSONata evaluator was given"
        case .jsonataFailed(let expression, let message):
            return "The JSONata condition '\(expression)' failed: \(message)"
        }
    }
}
