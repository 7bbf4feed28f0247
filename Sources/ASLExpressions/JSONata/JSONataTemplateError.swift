/// Why a template could not be prepared or evaluated. `location` is the field path as Step Functions writes it
/// in `EvaluationFailed` events (`Output/result`, `Arguments`).
public enum JSONataTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An expression does not parse, or uses a feature outside Retrace's JSONata subset.
    case invalidExpression(location: String, expression: String, error: JSONataError)
    /// An expression failed while being evaluated.
    case evaluationFailed(location: String, expression: String, error: JSONataError)
    /// An expression returned nothing (undefined) where the state needs a value.
    case undefinedResult(location: String, expression: String)
    /// The template nests deeper than any parsed JSON can.
    case tooDeep(location: String)

    /// Where in the state the failing expression is.
    public var location: String {
        switch self {
        case .invalidExpression(let location, _, _), .evaluationFailed(let location, _, _),
            .undefinedResult(let location, _), .tooDeep(let location):
            return location
        }
    }

    /// The underlying JSONata error, when there is one.
    public var jsonataError: JSONataError? {
        switch self {
        case .invalidExpression(_, _, let error), .evaluationFailed(_, _, let error): return error
        default: return nil
        }
    }

    /// The error name the state fails with.
    public var stepFunctionsErrorName: String { "States.QueryEvaluationError" }

    /// The cause text Step Functions records, after its "An error occurred while executing the state …" prefix:
    /// "The JSONata expression '$x' specified for the field 'Output/result' returned nothing (undefined)."
    public var stepFunctionsDetail: String {
        switch self {
        case .invalidExpression(let location, let expression, let error),
            .evaluationFailed(let location, let expression, let error):
            return "The JSONata expression '\(expression)' specified for the field '\(location)' threw an error "
                + "during evaluation. \(error.stepFunctionsText)"
        case .undefinedResult(let location, let expression):
            return "The JSONata expression '\(expression)' specified for the field '\(location)' returned nothing "
                + "(undefined)."
        case .tooDeep(let location):
            return "The value specified for the field '\(location)' nests too deeply."
        }
    }

    /// The whole cause of the `EvaluationFailed` event Step Functions records for state `state`, entered at
    /// event `enteredEventID`.
    public func stepFunctionsCause(state: String, enteredEventID: Int) -> String {
        "An error occurred while executing the state '\(state)' (entered at the event id #\(enteredEventID)). "
            + stepFunctionsDetail
    }

    /// For people: the location, the expression and what went wrong, with the position inside the expression.
    public var description: String {
        switch self {
        case .invalidExpression(let location, let expression, let error):
            return "\(location): the JSONata expression '\(expression)' cannot be used: \(error)"
        case .evaluationFailed(let location, let expression, let error):
            return "\(location): the JSONata expression '\(expression)' failed: \(error)"
        case .undefinedResult(let location, let expression):
            return "\(location): the JSONata expression '\(expression)' returned nothing (undefined)"
        case .tooDeep(let location):
            return "\(location): the value nests too deeply"
        }
    }
}
