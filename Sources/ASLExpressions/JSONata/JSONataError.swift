/// Why a JSONata expression could not be parsed or evaluated.
///
/// Codes and wording follow JSONata's own (`T2001`, `S0202`, `D3030`, …) so that messages match what AWS Step
/// Functions reports in `States.QueryEvaluationError` causes (`T1006: Attempted to invoke a non-function`).
/// Codes starting with `R` are Retrace's own: the safety limits, and the AWS-specific functions (`$partition`,
/// `$range`, `$hash`, `$random`, `$parse`) whose AWS error texts are not published.
public enum JSONataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The expression text is not valid JSONata (codes `S01xx` from the lexer, `S02xx` from the parser).
    case syntax(code: String, message: String, position: JSONataPosition)
    /// The expression uses a part of JSONata that Retrace does not evaluate; replay must not guess at it.
    case unsupportedFeature(name: String, position: JSONataPosition)
    /// Evaluation failed as JSONata would fail (type errors `T…`, dynamic errors `D…`).
    case evaluation(code: String, message: String, position: JSONataPosition?)
    /// Evaluation was stopped by a safety limit (depth, steps, sizes); see `JSONataLimits`.
    case limitExceeded(code: String, message: String, position: JSONataPosition?)

    /// The error code (`T2001`); `unsupported` for unsupported features.
    public var code: String {
        switch self {
        case .syntax(let code, _, _), .evaluation(let code, _, _), .limitExceeded(let code, _, _): return code
        case .unsupportedFeature: return "unsupported"
        }
    }

    /// The message without code or position, in JSONata's wording.
    public var message: String {
        switch self {
        case .syntax(_, let message, _), .evaluation(_, let message, _), .limitExceeded(_, let message, _):
            return message
        case .unsupportedFeature(let name, _): return "unsupported JSONata feature \(name)"
        }
    }

    /// Where in the expression the problem is, when known.
    public var position: JSONataPosition? {
        switch self {
        case .syntax(_, _, let position), .unsupportedFeature(_, let position): return position
        case .evaluation(_, _, let position), .limitExceeded(_, _, let position): return position
        }
    }

    /// The text AWS Step Functions puts after "threw an error during evaluation." in a cause: `CODE: message`.
    public var stepFunctionsText: String {
        switch self {
        case .unsupportedFeature: return description
        default: return "\(code): \(message)"
        }
    }

    /// The error name a Step Functions state fails with when an expression cannot be evaluated.
    public var stepFunctionsErrorName: String { "States.QueryEvaluationError" }

    /// `unsupported JSONata feature NAME at LINE:COLUMN`, or `CODE at LINE:COLUMN: message`.
    public var description: String {
        switch self {
        case .unsupportedFeature(let name, let position):
            return "unsupported JSONata feature \(name) at \(position)"
        default:
            if let position { return "\(code) at \(position): \(message)" }
            return "\(code): \(message)"
        }
    }

    /// The same error placed at `position` when it has none yet (errors raised inside functions get the call's).
    func placed(at position: JSONataPosition) -> JSONataError {
        switch self {
        case .evaluation(let code, let message, nil):
            return .evaluation(code: code, message: message, position: position)
        case .limitExceeded(let code, let message, nil):
            return .limitExceeded(code: code, message: message, position: position)
        default: return self
        }
    }
}
