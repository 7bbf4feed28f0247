import RetraceCore

/// One element of a state's `Catch` array: which errors it handles and where the execution goes then.
public struct Catcher: Sendable, Hashable {
    /// The error names this catcher handles.
    public var errorEquals: [String]
    /// The state to go to when the catcher applies.
    public var next: String
    /// Where the error output goes in the state's input (JSONPath); absent means `$`.
    public var resultPath: PathSetting?
    /// The state's output when caught (JSONata).
    public var output: JSONValue?
    /// Variables assigned when the catcher applies.
    public var assign: JSONObject?
    /// The catcher's `Comment`.
    public var comment: String?

    /// Creates a catcher.
    public init(
        errorEquals: [String], next: String, resultPath: PathSetting? = nil, output: JSONValue? = nil,
        assign: JSONObject? = nil, comment: String? = nil
    ) {
        self.errorEquals = errorEquals
        self.next = next
        self.resultPath = resultPath
        self.output = output
        self.assign = assign
        self.comment = comment
    }

    /// Whether this catcher applies to `error` by name (`States.ALL` matches every name).
    public func handles(_ error: String) -> Bool {
        errorEquals.contains(error) || errorEquals.contains("States.ALL")
    }
}
