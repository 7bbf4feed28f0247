import RetraceCore

/// One event of a Step Functions execution history, as `GetExecutionHistory` returns it.
public struct HistoryEvent: Sendable, Hashable, Identifiable {
    /// The event id: 1 for `ExecutionStarted`, then sequential. 0 when the file gave no usable id (LocalStack
    /// masks Parallel branches as `[0]`); such events are listed but not linked.
    public var id: Int64
    /// The event this one follows in its thread; 0 means "none" (the first state, some aborts).
    public var previousEventID: Int64
    /// What happened.
    public var type: EventType
    /// When; `nil` when the file's timestamp could not be read (placeholders such as `"timestamp"`).
    public var timestamp: Instant?
    /// The typed details.
    public var details: EventDetails

    /// Creates an event.
    public init(
        id: Int64, previousEventID: Int64 = 0, type: EventType, timestamp: Instant?,
        details: EventDetails = EventDetails()
    ) {
        self.id = id
        self.previousEventID = previousEventID
        self.type = type
        self.timestamp = timestamp
        self.details = details
    }
}
