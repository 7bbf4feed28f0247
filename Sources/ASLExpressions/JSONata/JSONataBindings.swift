import RetraceCore

/// The variables an expression can see: `$states` and the workflow variables assigned by earlier states.
///
/// Values stay `JSONValue`s until an expression touches them, so binding a large payload costs nothing
/// until a path reads into it.
public struct JSONataBindings: Sendable, Hashable {
    /// Variables by name, without the leading `$` (`"states"`, `"customerName"`).
    public var variables: [String: JSONValue]

    /// Bindings holding exactly `variables`.
    public init(variables: [String: JSONValue] = [:]) {
        self.variables = variables
    }

    /// Bindings for a Step Functions state: `$states.input`, and `$states.result`, `$states.errorOutput`,
    /// `$states.context` when given (absent members are undefined, as in the service), plus the workflow
    /// variables in scope.
    public static func states(
        input: JSONValue,
        result: JSONValue? = nil,
        errorOutput: JSONValue? = nil,
        context: JSONValue? = nil,
        variables: [String: JSONValue] = [:]
    ) -> JSONataBindings {
        var states = JSONObject()
        states["input"] = input
        if let result { states["result"] = result }
        if let errorOutput { states["errorOutput"] = errorOutput }
        if let context { states["context"] = context }
        var all = variables
        all["states"] = .object(states)
        return JSONataBindings(variables: all)
    }
}
