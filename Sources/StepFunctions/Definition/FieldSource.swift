/// Where the value of a field that can be computed comes from.
///
/// Several ASL fields come in three spellings: a literal (`"TimeoutSeconds": 30`), a JSONPath sibling read at run
/// time (`"TimeoutSecondsPath": "$.timeout"`), or, in JSONata states, a `{% … %}` expression in the field itself.
/// Keeping which spelling was used lets the interpreter evaluate it and the renderer show it.
public enum FieldSource<Value: Sendable & Hashable>: Sendable, Hashable {
    /// A value written in the definition.
    case literal(Value)
    /// A JSONPath (or `$variable`) evaluated against the state's input when the state runs.
    case path(String)
    /// A JSONata expression, including its `{%` `%}` delimiters.
    case expression(String)

    /// The literal value, when there is one.
    public var literalValue: Value? {
        if case .literal(let value) = self { return value }
        return nil
    }
}
