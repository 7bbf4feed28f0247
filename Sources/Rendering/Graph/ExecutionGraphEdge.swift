/// One edge of an execution graph: a transition taken (with how often), a caught failure's way out, the
/// way into a Parallel's branches or a Map's iterations, a transition only the definition knows, or an
/// invisible edge that only keeps the layout in order.
public struct ExecutionGraphEdge: Sendable, Hashable {
    /// Why the edge is there; the DOT writer styles edges by it.
    public enum Kind: Sendable, Hashable {
        /// A transition the execution took (`Next`, a Choice rule, a redrive re-entering a state).
        case transition
        /// A redrive re-entering a state after the previous run failed there.
        case redrive
        /// The way out of a failure a Catch handled; `error` is the error caught (the first one, when folded
        /// visits caught several).
        case caught(error: String?)
        /// From a Parallel or Map state into the first state of a branch or iteration (or the iterations'
        /// aggregate node).
        case fanOut
        /// A transition the definition allows and the execution never took.
        case notTaken
        /// Drawn invisibly from the end of a branch or iteration to what follows its Parallel or Map, so that
        /// the layout places what follows below the branches rather than beside them.
        case layout
    }

    /// The id of the node the edge leaves.
    public var from: String
    /// The id of the node the edge enters.
    public var to: String
    /// Why the edge is there.
    public var kind: Kind
    /// How many times the transition was taken (1 for edges that are not transitions).
    public var count: Int

    /// Creates an edge.
    public init(from: String, to: String, kind: Kind, count: Int = 1) {
        self.from = from
        self.to = to
        self.kind = kind
        self.count = count
    }
}
