import ASLExpressions
import RetraceCore

/// Parses JSON text written in a test.
func json(_ text: String) throws -> JSONValue {
    try JSONValue.parse(text, name: "<test>")
}

/// An environment whose input (and optionally context object and variables) are given as JSON text.
func environment(_ input: String, context: String = "{}", variables: [String: String] = [:]) throws
    -> ExpressionEnvironment
{
    var parsed: [String: JSONValue] = [:]
    for (name, text) in variables { parsed[name] = try json(text) }
    return ExpressionEnvironment(input: try json(input), context: try json(context), variables: parsed)
}
