import RetraceCore

/// One visit to a state: from `*StateEntered` to `*StateExited` (or to the failure or abort that ended it).
/// A state in a loop, a Map iteration or a redrive is visited several times.
public struct StateVisit: Sendable, Hashable {
    /// The state's name.
    public var name: String
    /// The state's type.
    public var type: StateType
    /// The `*StateEntered` event.
    public var enteredEventID: Int64
    /// The `*StateExited` event; `nil` for a state that never exited (failed, aborted, running, or a Fail state).
    public var exitedEventID: Int64?
    /// The event that ended the visit: the exit, the abort, or the failure that left it.
    public var endEventID: Int64?
    /// How it ended.
    public var status: Status
    /// Which execution attempt it ran in: 0, then 1, 2 … after each redrive.
    public var run: Int
    /// The state's input.
    public var input: Payload?
    /// The state's output (for a caught failure, the Catch's error output).
    public var output: Payload?
    /// When it was entered.
    public var start: Instant?
    /// When it ended; for a state left open by the end of the execution, that end.
    public var end: Instant?
    /// Task attempts (Task states), one per try.
    public var attempts: [TaskAttempt]
    /// Parallel branches (Parallel states).
    public var branches: [ParallelBranch]
    /// Inline Map iterations, by index (Map states).
    public var iterations: [MapIteration]
    /// Number of items announced by `MapStateStarted`.
    public var itemCount: Int64?
    /// The distributed Map's run (Map states in distributed mode).
    public var mapRun: MapRun?
    /// The error that ended or was caught in the visit (from its last failed attempt, `EvaluationFailed`, …).
    public var error: String?
    /// The cause that goes with `error`.
    public var cause: String?
    /// The event that recorded `error`.
    public var failureEventID: Int64?
    /// Every event attached to this visit itself (not those of nested branches and iterations).
    public var eventIDs: [Int64]

    /// Milliseconds from entering to the end.
    public var durationMilliseconds: Int64? {
        guard let start, let end else { return nil }
        return start.elapsedMilliseconds(until: end)
    }

    /// Whether the visit has no `*StateExited`: what the service itself calls an unfinished state.
    public var isUnfinished: Bool { exitedEventID == nil && type != .fail }
}
