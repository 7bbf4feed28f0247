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
    public var itemCount: Int64? {
        get { rare.fields.itemCount }
        set { rare.update { $0.itemCount = newValue } }
    }
    /// The distributed Map's run (Map states in distributed mode).
    public var mapRun: MapRun? {
        get { rare.fields.mapRun }
        set { rare.update { $0.mapRun = newValue } }
    }
    /// The error that ended or was caught in the visit (from its last failed attempt, `EvaluationFailed`, …).
    public var error: String? {
        get { rare.fields.error }
        set { rare.update { $0.error = newValue } }
    }
    /// The cause that goes with `error`.
    public var cause: String? {
        get { rare.fields.cause }
        set { rare.update { $0.cause = newValue } }
    }
    /// The event that recorded `error`.
    public var failureEventID: Int64? {
        get { rare.fields.failureEventID }
        set { rare.update { $0.failureEventID = newValue } }
    }
    /// Every event attached to this visit itself (not those of nested branches and iterations).
    public var eventIDs: [Int64]

    /// What only Map visits and failed visits carry, kept out of line: a visit is about 130 bytes smaller, and a
    /// history's visits are held twice (in the tree and in its index of places).
    private var rare = OutOfLine<RareVisitFields>()

    init(
        name: String, type: StateType, enteredEventID: Int64, exitedEventID: Int64?, endEventID: Int64?,
        status: Status, run: Int, input: Payload?, output: Payload?, start: Instant?, end: Instant?,
        attempts: [TaskAttempt], branches: [ParallelBranch], iterations: [MapIteration], itemCount: Int64?,
        mapRun: MapRun?, error: String?, cause: String?, failureEventID: Int64?, eventIDs: [Int64]
    ) {
        self.name = name
        self.type = type
        self.enteredEventID = enteredEventID
        self.exitedEventID = exitedEventID
        self.endEventID = endEventID
        self.status = status
        self.run = run
        self.input = input
        self.output = output
        self.start = start
        self.end = end
        self.attempts = attempts
        self.branches = branches
        self.iterations = iterations
        self.eventIDs = eventIDs
        rare.update {
            $0 = RareVisitFields(
                itemCount: itemCount, mapRun: mapRun, error: error, cause: cause, failureEventID: failureEventID)
        }
    }

    /// Milliseconds from entering to the end.
    public var durationMilliseconds: Int64? {
        guard let start, let end else { return nil }
        return start.elapsedMilliseconds(until: end)
    }

    /// Whether the visit has no `*StateExited`: what the service itself calls an unfinished state.
    public var isUnfinished: Bool { exitedEventID == nil && type != .fail }
}

/// The fields of `StateVisit` that few visits carry.
struct RareVisitFields: OutOfLineFields {
    var itemCount: Int64?
    var mapRun: MapRun?
    var error: String?
    var cause: String?
    var failureEventID: Int64?
}
