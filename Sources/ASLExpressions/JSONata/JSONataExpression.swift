import RetraceCore

/// A parsed JSONata expression, ready to evaluate any number of times.
///
/// Retrace evaluates JSONata 2.0.6 (the version AWS Step Functions implements), measured against the official
/// test suite (see docs/replay.md): paths with JSONata's sequence flattening and singleton unwrapping, predicates,
/// order-by `^(…)`, `@` and `#` bindings, `*` and `**`, operators, constructors, blocks, functions with
/// signatures, partial application and tail calls, regular expressions, transforms, and the built-in functions with
/// their picture strings
/// (plus Step Functions' `$partition`, `$range`, `$hash`, `$random`, `$uuid` and `$parse`).
///
/// The parent operator `%` is resolved when parsing, as JSONata does: each `%` is bound to the step whose input
/// item is the parent, and paths through such steps carry their items with those parents.
///
/// Left out, and reported as `JSONataError.unsupportedFeature` instead of being guessed at: `??` and `?:`
/// (JSONata 2.1), and `$eval`.
public struct JSONataExpression: Sendable {
    /// The expression text as given.
    public let source: String
    let root: JSONataNode
    let sourceMap: JSONataSourceMap
    /// Whether a string literal holds a lone UTF-16 surrogate (see `JSONataLexer.loneSurrogate`).
    let keepsLoneSurrogates: Bool

    /// Parses `source`; throws `JSONataError.syntax` or `.unsupportedFeature` with the position of the problem.
    public init(_ source: String, limits: JSONataLimits = JSONataLimits()) throws(JSONataError) {
        let scalars = Array(source.unicodeScalars)
        let sourceMap = JSONataSourceMap(scalars)
        self.source = source
        self.sourceMap = sourceMap
        let depth = limits.maximumExpressionDepth
        let parse = { @Sendable (budget: Int) -> Result<JSONataParser.Parsed, JSONataError> in
            Result { () throws(JSONataError) in
                try JSONataParser.parse(scalars, sourceMap: sourceMap, maximumDepth: depth, budget: budget)
            }
        }
        var result = parse(JSONataStackGuard.inlineBudget)
        if case .failure(let error) = result, error.code == JSONataStackGuard.exhaustedCode {
            result = JSONataStackGuard.onLargeStack { parse(JSONataStackGuard.largeBudget) } ?? result
        }
        let parsed = try JSONataExpression.stackOverflowAsDepth(result, maximumDepth: depth).get()
        root = parsed.root
        keepsLoneSurrogates = parsed.keepsLoneSurrogates
    }

    /// A parse that ran out of stack even on the large stack reports the nesting limit, as for depth.
    private static func stackOverflowAsDepth<Value>(
        _ result: Result<Value, JSONataError>, maximumDepth: Int
    ) -> Result<Value, JSONataError> {
        guard case .failure(let error) = result, error.code == JSONataStackGuard.exhaustedCode else { return result }
        return .failure(
            .limitExceeded(
                code: "R0003", message: "The expression nests deeper than \(maximumDepth) levels",
                position: error.position))
    }

    /// Evaluates the expression. Returns `nil` when the result is JSONata's undefined (nothing).
    ///
    /// - Parameters:
    ///   - bindings: variables the expression can read (`$states`, workflow variables).
    ///   - context: JSONata's context item (`$`, and what bare field names read). Step Functions gives
    ///     expressions none, so the default is undefined.
    ///   - options: limits and the source of nondeterministic values.
    public func evaluate(
        _ bindings: JSONataBindings = JSONataBindings(), context: JSONValue? = nil,
        options: JSONataOptions = JSONataOptions()
    ) throws(JSONataError) -> JSONValue? {
        let root = self.root
        let sourceMap = self.sourceMap
        let loneSurrogates = keepsLoneSurrogates
        let run = { @Sendable (budget: Int) -> Result<JSONValue?, JSONataError> in
            let evaluator = JSONataEvaluator(
                limits: options.limits, sourceMap: sourceMap, bindings: bindings.variables,
                source: options.nondeterminism, stackBudget: budget, loneSurrogates: loneSurrogates)
            return Result { () throws(JSONataError) in try evaluator.run(root, input: context) }
        }
        var result = run(JSONataStackGuard.inlineBudget)
        if case .failure(let error) = result, error.code == JSONataStackGuard.exhaustedCode {
            // Evaluation is deterministic given its inputs and source, so starting again on a larger stack
            // gives the answer the first attempt would have.
            result = JSONataStackGuard.onLargeStack { run(JSONataStackGuard.largeBudget) } ?? result
        }
        if case .failure(let error) = result, error.code == JSONataStackGuard.exhaustedCode {
            throw JSONataEvaluator.stackOverflow(at: error.position)
        }
        return try result.get()
    }
}
