import RetraceCore

/// The fields particular to a Pass state.
public struct PassState: Sendable, Hashable {
    /// `Result`: the value the state produces instead of its (processed) input, when present.
    public var result: JSONValue?

    /// Creates the Pass fields.
    public init(result: JSONValue? = nil) {
        self.result = result
    }
}
