import ASLExpressions
import RetraceCore

/// Evaluates the JSONata parts of a definition (`{% … %}` strings in `Arguments`, `Output`, `Assign`, `Items`,
/// `Condition`, `Seconds`, …) for the interpreter.
///
/// The interpreter knows which field is evaluated and what `$states` holds; the JSONata engine knows the
/// language. This one small protocol is the seam between them: whoever builds the command line wires it to the
/// engine, and without it every JSONata state is reported as "could not compare" rather than guessed.
public protocol QueryEvaluator: Sendable {
    /// Evaluates `template`: every string that is a whole `{% … %}` expression is replaced by its value, objects
    /// and arrays are walked, everything else is kept. `field` names the field (`Output`, `Arguments`,
    /// `Assign/total`) for error messages.
    ///
    /// - Throws: `QueryEvaluationFailure` (or any error, reported with its description) when an expression fails
    ///   or returns nothing; Step Functions records that as `States.QueryEvaluationError`.
    func evaluate(_ template: JSONValue, field: String, bindings: QueryBindings) throws -> JSONValue
}

/// What a JSONata expression can read: `$states.input`, `$states.result`, `$states.errorOutput`,
/// `$states.context` and the workflow variables in scope.
public struct QueryBindings: Sendable, Hashable {
    /// `$states.input`: the state's input.
    public var input: JSONValue
    /// `$states.result`: the task's, Map's or Parallel's result, where the field may read it.
    public var result: JSONValue?
    /// `$states.errorOutput`: the error a Catch handles (`{"Error": …, "Cause": …}`).
    public var errorOutput: JSONValue?
    /// `$states.context`: the context object.
    public var context: JSONValue
    /// Workflow variables by name, without the `$`.
    public var variables: [String: JSONValue]

    /// Creates bindings.
    public init(
        input: JSONValue, result: JSONValue? = nil, errorOutput: JSONValue? = nil,
        context: JSONValue = .object(JSONObject()), variables: [String: JSONValue] = [:]
    ) {
        self.input = input
        self.result = result
        self.errorOutput = errorOutput
        self.context = context
        self.variables = variables
    }
}

/// A JSONata evaluation that failed, with the text Step Functions would record as the cause.
public struct QueryEvaluationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for people.
    public var message: String

    /// Creates a failure.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
