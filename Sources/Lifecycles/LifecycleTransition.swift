import RetraceCore

/// A move of one machine instance from one state to another, and the event that made it.
public struct LifecycleTransition: Sendable, Hashable {
    /// The state left.
    public var from: String
    /// The state entered.
    public var to: String
    /// The event code or status that moved it.
    public var trigger: String
    /// The evidence: the id of the event.
    public var eventID: String
    /// When, if the log says.
    public var time: Instant?
    /// Whether the machine declares this move from this state; `false` for a move the log records but the
    /// lifecycle does not allow (it is followed anyway, and reported as an anomaly).
    public var isExpected: Bool

    /// Creates a transition record.
    public init(from: String, to: String, trigger: String, eventID: String, time: Instant?, isExpected: Bool) {
        self.from = from
        self.to = to
        self.trigger = trigger
        self.eventID = eventID
        self.time = time
        self.isExpected = isExpected
    }
}
