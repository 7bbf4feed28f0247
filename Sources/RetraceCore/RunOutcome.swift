/// How a run ended, in terms shared by workflows and deployments.
public enum RunOutcome: String, Sendable, Hashable, CaseIterable {
    /// Finished successfully (`ExecutionSucceeded`, a fleet reaching ACTIVE, `CREATE_COMPLETE`).
    case succeeded
    /// Finished with an error.
    case failed
    /// Stopped by a time limit.
    case timedOut = "timed_out"
    /// Stopped on request (`StopExecution`, a cancelled update).
    case aborted
    /// Not finished when the log was taken.
    case running
    /// The log does not say (no terminal event and no start either).
    case unknown

    /// Whether the run ended badly: the condition for `--exit-code`.
    public var isFailure: Bool { self == .failed || self == .timedOut || self == .aborted }
}
