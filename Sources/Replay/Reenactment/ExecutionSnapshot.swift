import RetraceCore
import StepFunctions

/// The execution as it stood right after one event: which states were running, done or failed, how far each Map
/// and Parallel had got, and the last events.
public struct ExecutionSnapshot: Sendable {
    /// The event the snapshot is taken at (every event up to and including it has happened).
    public var eventID: Int64
    /// Its time, when readable.
    public var time: Instant?
    /// Every state entered so far, parents before children.
    public var states: [StateSnapshot]
    /// Progress of every Map and Parallel state entered so far.
    public var containers: [ContainerProgress]
    /// The last events up to the moment, oldest first.
    public var lastEvents: [HistoryEvent]
    /// Whether the execution had ended by then, and how.
    public var outcome: RunOutcome

    /// Creates a snapshot.
    public init(
        eventID: Int64, time: Instant?, states: [StateSnapshot], containers: [ContainerProgress],
        lastEvents: [HistoryEvent], outcome: RunOutcome
    ) {
        self.eventID = eventID
        self.time = time
        self.states = states
        self.containers = containers
        self.lastEvents = lastEvents
        self.outcome = outcome
    }

    /// The states still running at the moment.
    public var running: [StateSnapshot] { states.filter { $0.status == .running } }
}

/// One state visit as it stood at the moment of a snapshot.
public struct StateSnapshot: Sendable, Hashable {
    /// Where: `ProcessItems › iteration 3 › Charge`.
    public var path: [LocationStep]
    /// The state's name.
    public var name: String
    /// Its type.
    public var type: StateType
    /// Running at the moment, or how it had ended.
    public var status: Status
    /// Its `*StateEntered` event.
    public var enteredEventID: Int64
}

/// How far a Map or Parallel state had got at the moment of a snapshot.
public struct ContainerProgress: Sendable, Hashable {
    /// Where the state is.
    public var path: [LocationStep]
    /// Map or Parallel.
    public var type: StateType
    /// Items announced (`MapStateStarted` length) or branches seen; `nil` when not known.
    public var total: Int?
    /// Iterations or branches started by then.
    public var started: Int
    /// Of those, how many had succeeded, failed and been aborted by then.
    public var succeeded: Int
    /// Failed by then.
    public var failed: Int
    /// Aborted by then.
    public var aborted: Int
}
