import RetraceCore
import StepFunctions

/// A distributed Map's child execution given with its parent: which Map Run it belongs to, how it ended, and,
/// for a child that went wrong, its history, so that the parent's root cause can continue into it.
public struct ChildExecution: Sendable {
    /// What people call it: its ARN's last part, or the file it came from.
    public var name: String
    /// The parent's `MapRunStarted` event for the run that started it.
    public var mapRunStartedEventID: Int64
    /// How it ended, as its pages tell.
    public var outcome: RunOutcome
    /// Its history: decoded for children that failed, timed out or were aborted, the only ones a diagnosis reads.
    public var history: History?
    /// Its own children, when it ran a distributed Map itself.
    public var children: [ChildExecution]

    /// Creates a child.
    public init(
        name: String, mapRunStartedEventID: Int64, outcome: RunOutcome, history: History?,
        children: [ChildExecution] = []
    ) {
        self.name = name
        self.mapRunStartedEventID = mapRunStartedEventID
        self.outcome = outcome
        self.history = history
        self.children = children
    }
}
