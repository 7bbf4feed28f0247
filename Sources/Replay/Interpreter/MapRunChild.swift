import StepFunctions

/// A distributed Map's child execution given with its parent (linked by `ExecutionFamily`), so that replay can
/// interpret the Map's `ItemProcessor` against it instead of taking the Map Run's outcome on trust.
public struct MapRunChild: Sendable {
    /// What people call it (its name, or its file).
    public var name: String
    /// The parent's `MapRunStarted` event: which Map Run started it.
    public var mapRunStartedEventID: Int64
    /// Its reconstructed history.
    public var tree: ExecutionTree
    /// Its own distributed Maps' children, given with it.
    public var children: [MapRunChild]

    /// Creates a child.
    public init(name: String, mapRunStartedEventID: Int64, tree: ExecutionTree, children: [MapRunChild] = []) {
        self.name = name
        self.mapRunStartedEventID = mapRunStartedEventID
        self.tree = tree
        self.children = children
    }
}
