import RetraceCore

/// A parsed JSONata expression, ready to evaluate any number of times.
///
/// Retrace evaluates a bounded subset of JSONata 2.0.6 (the version AWS Step Functions implements): paths,
/// predicates, wildcards, operators, constructors, blocks, variables, functions and `~>`, and the built-in
/// functions listed in `JSONataBuiltins`. Anything outside it fails with
/// `JSONataError.unsupportedFeature` instead of being guessed at.
public struct JSONataExpression: Sendable {
    /// The expression text as given.
    public let source: String
    let root: JSONataNode
    let sourceMap: JSONataSourceMap

    /// Parses `source`; throws `JSONataError.syntax` or `.unsupportedFeature` with the position of the problem.
    public init(_ source: String, limits: JSONataLimits = JSONataLimits()) throws(JSONataError) {
        let scalars = Array(source.unicodeScalars)
        let sourceMap = JSONataSourceMap(scalars)
        self.source = source
        self.sourceMap = sourceMap
        self.root = try JSONataParser.parse(scalars, sourceMap: sourceMap, maximumDepth: limits.maximumDepth)
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
        let evaluator = JSONataEvaluator(
            limits: options.limits, sourceMap: sourceMap, bindings: bindings.variables,
            source: options.nondeterminism)
        return try evaluator.run(root, input: context)
    }
}
