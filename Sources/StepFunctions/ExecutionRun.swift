import RetraceCore

/// One attempt of the execution: the original run, then one more after each `ExecutionRedriven`.
public struct ExecutionRun: Sendable, Hashable {
    /// 0 for the original run, then the redrive count.
    public var number: Int
    /// `ExecutionStarted` or `ExecutionRedriven`.
    public var startEventID: Int64
    /// The terminal event, `nil` while running.
    public var terminalEventID: Int64?
    /// How it ended.
    public var outcome: RunOutcome
    /// The terminal event's error.
    public var error: String?
    /// The terminal event's cause.
    public var cause: String?
    /// When it started.
    public var start: Instant?
    /// When it ended.
    public var end: Instant?
}
