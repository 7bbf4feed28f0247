import RetraceCore

/// A state visit with its place in the tree, so that whatever is said about it can say where
/// (`ProcessItems › iteration 3 › Charge`) and renderers can mark the iterations that lead to it.
public struct PlacedVisit: Sendable {
    /// The path to the visit, outermost first, ending with the visit's own state.
    public var path: [LocationStep]
    /// The visit.
    public var visit: StateVisit
    /// The `MapIterationStarted` event ids of the iterations on `path`, outermost first.
    public var iterationStartedEventIDs: [Int64]
}
