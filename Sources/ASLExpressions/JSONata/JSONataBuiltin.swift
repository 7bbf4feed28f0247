/// A function JSONata provides by name (`$string`, `$map`, …), with its signature.
struct JSONataBuiltin: Sendable {
    typealias Implementation = @Sendable (JSONataEvaluator, JSONataArguments) throws -> JSONataValue?

    let name: String
    let signature: JSONataSignature
    let implementation: @Sendable (JSONataEvaluator, [JSONataValue?]) throws -> JSONataValue?

    init(_ name: String, _ signature: String, _ body: @escaping Implementation) {
        self.name = name
        self.signature = JSONataSignature(signature)
        self.implementation = { evaluator, values in try body(evaluator, JSONataArguments(values: values)) }
    }
}

/// The validated arguments of a built-in call; reading past the end gives undefined rather than trapping.
struct JSONataArguments {
    let values: [JSONataValue?]

    subscript(index: Int) -> JSONataValue? {
        values.indices.contains(index) ? values[index] : nil
    }

    var count: Int { values.count }
}

/// The built-in functions Retrace evaluates, and the JSONata 2.0.6 functions it knows but does not.
enum JSONataBuiltins {
    static let table: [String: JSONataBuiltin] = {
        var table: [String: JSONataBuiltin] = [:]
        for builtin in core + strings + matching + collections + objects + encoding + pictures + stepFunctions
            + additional
        { table[builtin.name] = builtin }
        return table
    }()

    /// Functions of JSONata 2.0.6 that are not implemented here (plus `$eval`, which Step Functions removes):
    /// calling one is an unsupported-feature error rather than "not a function".
    static let unimplemented: Set<String> = {
        let all: Set<String> = [
            "sum", "count", "max", "min", "average", "string", "substring", "substringBefore", "substringAfter",
            "lowercase", "uppercase", "length", "trim", "pad", "match", "contains", "replace", "split", "join",
            "formatNumber", "formatBase", "formatInteger", "parseInteger", "number", "floor", "ceil", "round",
            "abs", "sqrt", "power", "random", "boolean", "not", "map", "zip", "filter", "single", "reduce", "sift",
            "keys", "lookup", "append", "exists", "spread", "merge", "reverse", "each", "error", "assert", "type",
            "sort", "shuffle", "distinct", "base64encode", "base64decode", "encodeUrlComponent", "encodeUrl",
            "decodeUrlComponent", "decodeUrl", "eval", "toMillis", "fromMillis", "clone", "now", "millis",
        ]
        return all.subtracting(table.keys)
    }()

    /// The type error JSONata raises when an argument has the wrong type.
    static func mismatch(_ index: Int, of function: String) -> JSONataError {
        .evaluation(
            code: "T0410",
            message:
                "Argument \(index) of function \(JSONataStringifier.quote(function)) does not match function signature",
            position: nil)
    }

    /// The function argument of a higher-order function.
    static func function(_ value: JSONataValue?, argument index: Int, of name: String) throws(JSONataError)
        -> JSONataFunction
    {
        guard case .function(let function) = value else {
            throw JSONataError.evaluation(code: "T1006", message: "Attempted to invoke a non-function", position: nil)
        }
        return function
    }
}
