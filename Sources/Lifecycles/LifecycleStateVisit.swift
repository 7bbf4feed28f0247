import RetraceCore

/// One stay of a machine instance in one state: when it entered, what put it there, and when it left.
public struct LifecycleStateVisit: Sendable, Hashable {
    /// The state.
    public var state: String
    /// The event that entered it; `nil` for the initial state, which no event enters.
    public var eventID: String?
    /// When it was entered, if known.
    public var enteredAt: Instant?
    /// When it was left, if it was and the log says when.
    public var exitedAt: Instant?

    /// Creates a visit.
    public init(state: String, eventID: String?, enteredAt: Instant?, exitedAt: Instant? = nil) {
        self.state = state
        self.eventID = eventID
        self.enteredAt = enteredAt
        self.exitedAt = exitedAt
    }

    /// How long the stay lasted, in milliseconds, when both ends are known.
    public var durationMilliseconds: Int64? {
        guard let enteredAt, let exitedAt else { return nil }
        return enteredAt.elapsedMilliseconds(until: exitedAt)
    }
}
