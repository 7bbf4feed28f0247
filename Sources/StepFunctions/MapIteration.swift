import RetraceCore

/// One iteration of an inline Map: the states run for one item.
public struct MapIteration: Sendable, Hashable {
    /// The item's index, from 0.
    public var index: Int
    /// The `MapIterationStarted` event.
    public var startedEventID: Int64
    /// `MapIterationSucceeded`, `MapIterationFailed` or `MapIterationAborted`.
    public var endEventID: Int64?
    /// How the iteration ended.
    public var status: Status
    /// The states it visited, in order.
    public var visits: [StateVisit]
    /// When it started.
    public var start: Instant?
    /// When it ended.
    public var end: Instant?

    /// Milliseconds from start to end.
    public var durationMilliseconds: Int64? {
        guard let start, let end else { return nil }
        return start.elapsedMilliseconds(until: end)
    }
}
