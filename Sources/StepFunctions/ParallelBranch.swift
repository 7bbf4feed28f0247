import RetraceCore

/// One branch of a Parallel state, reconstructed from the chain of events that leads back to
/// `ParallelStateStarted` (the API records no branch events; two branches may hold states of the same name).
public struct ParallelBranch: Sendable, Hashable {
    /// Position from 1, in the order the branches' first states appear in the history.
    public var number: Int
    /// The states it visited, in order.
    public var visits: [StateVisit]
    /// How the branch ended, read from its last state.
    public var status: Status
    /// When its first state was entered.
    public var start: Instant?
    /// When its last state ended.
    public var end: Instant?

    /// Milliseconds from start to end.
    public var durationMilliseconds: Int64? {
        guard let start, let end else { return nil }
        return start.elapsedMilliseconds(until: end)
    }
}
