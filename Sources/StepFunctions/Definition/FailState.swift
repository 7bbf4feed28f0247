/// The fields particular to a Fail state.
public struct FailState: Sendable, Hashable {
    /// `Error` / `ErrorPath`: the error name the execution fails with.
    public var error: FieldSource<String>?
    /// `Cause` / `CausePath`: the human-readable cause.
    public var cause: FieldSource<String>?

    /// Creates the Fail fields.
    public init(error: FieldSource<String>? = nil, cause: FieldSource<String>? = nil) {
        self.error = error
        self.cause = cause
    }
}
