import ASLExpressions
import RetraceCore

/// Evaluates a state's JSONata fields with the project's JSONata engine, as Step Functions does: every whole
/// `{% … %}` string is replaced by its value, and an expression that yields nothing fails the state.
public struct JSONataQueryEvaluator: QueryEvaluator {
    /// Options for the engine (limits; the source of `$now`, `$uuid` and `$random`).
    public var options: JSONataOptions

    /// Creates an evaluator.
    public init(options: JSONataOptions = JSONataOptions()) {
        self.options = options
    }

    /// Evaluates `template` in the bindings of the state.
    public func evaluate(_ template: JSONValue, field: String, bindings: QueryBindings) throws -> JSONValue {
        let parsed = try JSONataTemplate(template, field: field)
        return try parsed.evaluate(
            .states(
                input: bindings.input, result: bindings.result, errorOutput: bindings.errorOutput,
                context: bindings.context, variables: bindings.variables),
            options: options)
    }
}
