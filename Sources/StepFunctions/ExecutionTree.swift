import RetraceCore

/// A reconstructed execution: the history's events linked into states, attempts, branches and iterations.
///
/// Everything the diagnostics and renderers say is read from here. Built in one linear pass by `TreeBuilder`.
public struct ExecutionTree: Sendable {
    /// The decoded history it was built from.
    public private(set) var history: History
    /// The top-level state visits, in order.
    public private(set) var visits: [StateVisit]
    /// The original run and one per redrive.
    public var runs: [ExecutionRun]
    /// How the execution ended (its last run's outcome).
    public var outcome: RunOutcome
    /// Anomalies of ingest and reconstruction together.
    public var warnings: [LogWarning]
    /// Number of `*StateEntered` events, the history's state transitions.
    public var stateTransitionCount: Int
    private var positionByID: EventPositions
    private var index: EventIndex

    init(
        history: History, visits: [StateVisit], runs: [ExecutionRun], outcome: RunOutcome, warnings: [LogWarning],
        stateTransitionCount: Int, positionByID: EventPositions, visitCount: Int = 0
    ) {
        self.history = history
        self.visits = visits
        self.runs = runs
        self.outcome = outcome
        self.warnings = warnings
        self.stateTransitionCount = stateTransitionCount
        self.positionByID = positionByID
        index = EventIndex(
            visits: visits, events: history.events, positionByID: positionByID, visitCount: visitCount)
    }

    /// Reconstructs the tree of a decoded history.
    public init(history: History) {
        var builder = TreeBuilder(history: history)
        self = builder.build()
    }

    /// The events in id order.
    public var events: [HistoryEvent] { history.events }

    /// The event with this id.
    public func event(_ id: Int64) -> HistoryEvent? {
        positionByID[id].map { history.events[$0] }
    }

    /// The execution's first event time.
    public var start: Instant? { runs.first?.start ?? history.events.first?.timestamp }

    /// The last run's end; `nil` while running.
    public var end: Instant? { runs.last?.end }

    /// Milliseconds from start to end, or to the last event while running.
    public var durationMilliseconds: Int64? {
        guard let start else { return nil }
        if let end { return start.elapsedMilliseconds(until: end) }
        guard let last = history.events.last(where: { $0.timestamp != nil })?.timestamp else { return nil }
        return start.elapsedMilliseconds(until: last)
    }

    /// The terminal event of the last run.
    public var terminalEvent: HistoryEvent? { runs.last?.terminalEventID.flatMap(event) }

    /// The execution's input (`ExecutionStarted`).
    public var input: Payload? { history.events.first { $0.type == .executionStarted }?.details.input }

    /// The execution's output (`ExecutionSucceeded`).
    public var output: Payload? { terminalEvent?.details.output }

    /// Number of redrives recorded.
    public var redriveCount: Int { max(runs.count - 1, 0) }

    /// Every visit at any depth, parents before children, with the path that leads to it.
    public var placedVisits: [PlacedVisit] { index.visits }

    /// Where event `id` happened: the deepest visit that holds it and the path down to the attempt or iteration
    /// it belongs to; `nil` for execution-level events. Every report that says where an event is reads this.
    public func place(ofEvent id: Int64) -> EventPlace? { index.place(ofEvent: id) }

    /// The path to event `id` (`ProcessItems › iteration 3 › Charge › attempt 2 of 3`); `[]` at execution level.
    public func location(ofEvent id: Int64) -> [LocationStep] { index.place(ofEvent: id)?.path ?? [] }

    /// The visit entered by event `id` (its `*StateEntered`), as interpreter causes name it.
    public func placedVisit(enteredBy id: Int64) -> PlacedVisit? { index.visit(enteredBy: id) }
}
