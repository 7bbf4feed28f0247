import RetraceCore

/// What JSONPath expressions, intrinsic functions and Choice rules are evaluated against: the state's input (`$`),
/// the context object (`$$`) and the variables assigned so far (`$name`).
public struct ExpressionEnvironment: Sendable, Hashable {
    /// The value `$` refers to.
    public var input: JSONValue
    /// The context object `$$` refers to (`Execution`, `State`, `StateMachine`, `Task`, `Map`).
    public var context: JSONValue
    /// Variables by name, without the `$`.
    public var variables: [String: JSONValue]

    /// Creates an environment; the context object and the variables default to empty.
    public init(input: JSONValue, context: JSONValue = .object(JSONObject()), variables: [String: JSONValue] = [:]) {
        self.input = input
        self.context = context
        self.variables = variables
    }

    /// The same environment with `$` bound to `input`.
    public func with(input: JSONValue) -> ExpressionEnvironment {
        var copy = self
        copy.input = input
        return copy
    }
}
