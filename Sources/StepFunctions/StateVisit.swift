import RetraceCore

/// One visit to a state: from `*StateEntered` to `*StateExited` (or to the failure or abort that ended it).
/// A state in a loop, a Map iteration or a redrive is visited several times.
public struct StateVisit: Sendable, Hashable {
    /// The fields, boxed: a visit is made once and then read and copied (the tree and its index of places hold
    /// every visit, reports copy them into rows); a copy costs one reference instead of about 190 bytes.
    private var fields: CopyOnWrite<VisitFields>

    /// The state's name.
    public var name: String {
        get { fields.value.name }
        _modify { yield &fields.value.name }
    }
    /// The state's type.
    public var type: StateType {
        get { fields.value.type }
        _modify { yield &fields.value.type }
    }
    /// The `*StateEntered` event.
    public var enteredEventID: Int64 {
        get { fields.value.enteredEventID }
        _modify { yield &fields.value.enteredEventID }
    }
    /// The `*StateExited` event; `nil` for a state that never exited (failed, aborted, running, or a Fail state).
    public var exitedEventID: Int64? {
        get { fields.value.exitedEventID }
        _modify { yield &fields.value.exitedEventID }
    }
    /// The event that ended the visit: the exit, the abort, or the failure that left it.
    public var endEventID: Int64? {
        get { fields.value.endEventID }
        _modify { yield &fields.value.endEventID }
    }
    /// How it ended.
    public var status: Status {
        get { fields.value.status }
        _modify { yield &fields.value.status }
    }
    /// Which execution attempt it ran in: 0, then 1, 2 … after each redrive.
    public var run: Int {
        get { fields.value.run }
        _modify { yield &fields.value.run }
    }
    /// The state's input.
    public var input: Payload? {
        get { fields.value.input }
        _modify { yield &fields.value.input }
    }
    /// The state's output (for a caught failure, the Catch's error output).
    public var output: Payload? {
        get { fields.value.output }
        _modify { yield &fields.value.output }
    }
    /// When it was entered.
    public var start: Instant? {
        get { fields.value.start }
        _modify { yield &fields.value.start }
    }
    /// When it ended; for a state left open by the end of the execution, that end.
    public var end: Instant? {
        get { fields.value.end }
        _modify { yield &fields.value.end }
    }
    /// Task attempts (Task states), one per try.
    public var attempts: [TaskAttempt] {
        get { fields.value.attempts }
        _modify { yield &fields.value.attempts }
    }
    /// Parallel branches (Parallel states).
    public var branches: [ParallelBranch] {
        get { fields.value.branches }
        _modify { yield &fields.value.branches }
    }
    /// Inline Map iterations, by index (Map states).
    public var iterations: [MapIteration] {
        get { fields.value.iterations }
        _modify { yield &fields.value.iterations }
    }
    /// Every event attached to this visit itself (not those of nested branches and iterations).
    public var eventIDs: [Int64] {
        get { fields.value.eventIDs }
        _modify { yield &fields.value.eventIDs }
    }
    /// Number of items announced by `MapStateStarted`.
    public var itemCount: Int64? {
        get { fields.value.rare.fields.itemCount }
        set { fields.value.rare.update { $0.itemCount = newValue } }
    }
    /// The distributed Map's run (Map states in distributed mode).
    public var mapRun: MapRun? {
        get { fields.value.rare.fields.mapRun }
        set { fields.value.rare.update { $0.mapRun = newValue } }
    }
    /// The error that ended or was caught in the visit (from its last failed attempt, `EvaluationFailed`, …).
    public var error: String? {
        get { fields.value.rare.fields.error }
        set { fields.value.rare.update { $0.error = newValue } }
    }
    /// The cause that goes with `error`.
    public var cause: String? {
        get { fields.value.rare.fields.cause }
        set { fields.value.rare.update { $0.cause = newValue } }
    }
    /// The event that recorded `error`.
    public var failureEventID: Int64? {
        get { fields.value.rare.fields.failureEventID }
        set { fields.value.rare.update { $0.failureEventID = newValue } }
    }

    init(
        name: String, type: StateType, enteredEventID: Int64, exitedEventID: Int64?, endEventID: Int64?,
        status: Status, run: Int, input: Payload?, output: Payload?, start: Instant?, end: Instant?,
        attempts: [TaskAttempt], branches: [ParallelBranch], iterations: [MapIteration], itemCount: Int64?,
        mapRun: MapRun?, error: String?, cause: String?, failureEventID: Int64?, eventIDs: [Int64]
    ) {
        var rare = OutOfLine<RareVisitFields>()
        rare.update {
            $0 = RareVisitFields(
                itemCount: itemCount, mapRun: mapRun, error: error, cause: cause, failureEventID: failureEventID)
        }
        fields = CopyOnWrite(
            VisitFields(
                name: name, type: type, enteredEventID: enteredEventID, exitedEventID: exitedEventID,
                endEventID: endEventID, status: status, run: run, input: input, output: output, start: start,
                end: end, attempts: attempts, branches: branches, iterations: iterations, eventIDs: eventIDs,
                rare: rare))
    }

    /// Milliseconds from entering to the end.
    public var durationMilliseconds: Int64? {
        guard let start, let end else { return nil }
        return start.elapsedMilliseconds(until: end)
    }

    /// Whether the visit has no `*StateExited`: what the service itself calls an unfinished state.
    public var isUnfinished: Bool { exitedEventID == nil && type != .fail }
}

/// The fields of a `StateVisit`.
struct VisitFields: Sendable, Hashable {
    var name: String
    var type: StateType
    var enteredEventID: Int64
    var exitedEventID: Int64?
    var endEventID: Int64?
    var status: Status
    var run: Int
    var input: Payload?
    var output: Payload?
    var start: Instant?
    var end: Instant?
    var attempts: [TaskAttempt]
    var branches: [ParallelBranch]
    var iterations: [MapIteration]
    var eventIDs: [Int64]
    /// What only Map visits and failed visits carry, kept out of line: the box of every visit is smaller.
    var rare: OutOfLine<RareVisitFields>
}

/// The fields of `StateVisit` that few visits carry.
struct RareVisitFields: OutOfLineFields {
    var itemCount: Int64?
    var mapRun: MapRun?
    var error: String?
    var cause: String?
    var failureEventID: Int64?
}
