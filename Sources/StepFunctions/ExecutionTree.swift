import RetraceCore

/// A reconstructed execution: the history's events linked into states, attempts, branches and iterations.
///
/// Everything the diagnostics and renderers say is read from here. Built in one linear pass by `TreeBuilder`.
public struct ExecutionTree: Sendable {
    /// The decoded history it was built from.
    public var history: History
    /// The top-level state visits, in order.
    public var visits: [StateVisit]
    /// The original run and one per redrive.
    public var runs: [ExecutionRun]
    /// How the execution ended (its last run's outcome).
    public var outcome: RunOutcome
    /// Anomalies of ingest and reconstruction together.
    public var warnings: [LogWarning]
    /// Number of `*StateEntered` events, the history's state transitions.
    public var stateTransitionCount: Int
    private var positionByID: [Int64: Int]

    init(
        history: History, visits: [StateVisit], runs: [ExecutionRun], outcome: RunOutcome, warnings: [LogWarning],
        stateTransitionCount: Int, positionByID: [Int64: Int]
    ) {
        self.history = history
        self.visits = visits
        self.runs = runs
        self.outcome = outcome
        self.warnings = warnings
        self.stateTransitionCount = stateTransitionCount
        self.positionByID = positionByID
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
        if let end { return start.milliseconds(until: end) }
        guard let last = history.events.last(where: { $0.timestamp != nil })?.timestamp else { return nil }
        return start.milliseconds(until: last)
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
    public func allVisits() -> [(path: [LocationStep], visit: StateVisit)] {
        var result: [(path: [LocationStep], visit: StateVisit)] = []
        var stack: [(path: [LocationStep], visits: ArraySlice<StateVisit>)] = [([], visits[...])]
        while var top = stack.popLast() {
            guard let visit = top.visits.popFirst() else { continue }
            stack.append(top)
            let path = top.path + [.state(visit.name)]
            result.append((path, visit))
            var children: [(path: [LocationStep], visits: ArraySlice<StateVisit>)] = []
            for branch in visit.branches { children.append((path + [.branch(branch.number)], branch.visits[...])) }
            for iteration in visit.iterations {
                children.append((path + [.iteration(iteration.index)], iteration.visits[...]))
            }
            stack.append(contentsOf: children.reversed())
        }
        return result
    }
}
