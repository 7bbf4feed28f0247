import RetraceCore

/// Why a JSONPath could not be parsed or evaluated.
public enum JSONPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not a path; `position` counts characters from 1.
    case syntax(path: String, position: Int, message: String)
    /// A path that must select a single node (`ResultPath`, Choice `Variable`) uses wildcards, filters, slices,
    /// unions, `..` or functions.
    case notAReferencePath(path: String)
    /// A definite path selected nothing. `missing` is the path up to the first step that failed, in Jayway's
    /// bracket notation (`$['no']`), as AWS quotes it.
    case notFound(path: String, missing: String, input: JSONValue)
    /// `$name` refers to a variable that has not been assigned.
    case undefinedVariable(name: String, path: String)

    /// The error name Step Functions records: evaluation failures are `States.Runtime`.
    public var statesError: String { "States.Runtime" }

    /// A message for people (and, for `notFound`, the wording AWS uses for `OutputPath` and `InputPath`).
    public var description: String {
        switch self {
        case .syntax(let path, let position, let message):
            return "The JSONPath '\(path)' is not valid: \(message) (at character \(position))"
        case .notAReferencePath(let path):
            return "The JSONPath '\(path)' must be a reference path: it may only use member names and single indexes"
        case .notFound(let path, let missing, _):
            return "Invalid path '\(path)' : Missing property in path \(missing)"
        case .undefinedVariable(let name, let path):
            return "The JSONPath '\(path)' refers to the variable '\(name)', which has not been assigned"
        }
    }
}
