/// How a state visit, task attempt, Map iteration, Parallel branch or Map Run ended.
public enum Status: String, Sendable, Hashable, CaseIterable {
    /// Finished normally.
    case succeeded
    /// Failed, and the failure left the state (no Catch took it).
    case failed
    /// Failed, and a Catch handled it: the state exited with the error as its output.
    case caught
    /// Ran out of time (`States.Timeout`).
    case timedOut = "timed_out"
    /// Stopped because something else failed or the execution was stopped.
    case aborted
    /// Still running when the history was taken.
    case running

    /// Whether this counts as a failure for counts and colours (caught failures do not).
    public var isFailure: Bool { self == .failed || self == .timedOut }
}
