import RetraceCore

/// Where one event happened in the tree: the one answer that the events list, the findings, the replay and the
/// graph all give, so that an event is never in two places at once.
public struct EventPlace: Sendable {
    /// The deepest visit that holds the event; for an iteration's own events (`MapIterationStarted`, …), the Map
    /// state's visit.
    public var holder: PlacedVisit
    /// The path to the event: the holder's path, then `attempt n of m` for the events of a task attempt or
    /// `iteration i` for an iteration's own events.
    public var path: [LocationStep]
    /// The `MapIterationStarted` event ids of the iterations on `path`, outermost first (an iteration's own
    /// events include their iteration).
    public var iterationStartedEventIDs: [Int64]
}
