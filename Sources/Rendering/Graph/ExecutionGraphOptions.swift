/// Choices that shape an execution graph: how much of it is drawn.
public struct ExecutionGraphOptions: Sendable, Hashable {
    /// The most nodes drawn for states and aggregates. Graphviz's `dot` layout takes ≈ 0.4 s at 1,000
    /// nodes and seconds beyond, so the default keeps every graph well under a second.
    public var nodeBudget: Int
    /// Draw every Map iteration apart (up to the budget), not only the failed ones.
    public var expandMaps: Bool
    /// Failed (or timed-out) iterations of one Map drawn apart when `expandMaps` is off; the iteration
    /// holding the root cause is always drawn apart.
    public var failedIterationsExpanded: Int
    /// Containers nested deeper than this are not drawn (a hostile history cannot exhaust the stack or the
    /// page).
    public var maximumDepth: Int

    /// The defaults: 400 nodes, failed iterations expanded (5 per Map), nesting up to 24 levels.
    public init(
        nodeBudget: Int = 400, expandMaps: Bool = false, failedIterationsExpanded: Int = 5, maximumDepth: Int = 24
    ) {
        self.nodeBudget = nodeBudget
        self.expandMaps = expandMaps
        self.failedIterationsExpanded = failedIterationsExpanded
        self.maximumDepth = maximumDepth
    }
}
