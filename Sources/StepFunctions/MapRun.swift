import RetraceCore

/// A distributed Map's run: its child executions live in their own histories; the parent records only this.
public struct MapRun: Sendable, Hashable {
    /// The Map Run ARN (`MapRunStarted`), which names the child executions' parent.
    public var arn: String?
    /// The `MapRunStarted` event.
    public var startedEventID: Int64
    /// `MapRunSucceeded`, `MapRunFailed` or `MapRunAborted`.
    public var endEventID: Int64?
    /// How the run ended.
    public var status: Status
    /// Error of a failed run (`States.ExceedToleratedFailureThreshold`, `States.ItemReaderFailed`, …).
    public var error: String?
    /// Cause of a failed run.
    public var cause: String?
    /// How many times the run was redriven (`MapRunRedriven`).
    public var redriveCount: Int64
}
