/// What Graphviz itself read from a DOT text: the nodes, edges and subgraphs it found.
///
/// Used to check that text written by `DOTWriter` means what it was meant to mean: a label that broke out
/// of its quotes would show up here as extra nodes.
public struct DOTGraphSummary: Sendable, Hashable {
    /// The graph's name as Graphviz read it.
    public var name: String
    /// Whether the graph is directed (`digraph`).
    public var isDirected: Bool
    /// Every node's name, in the order Graphviz keeps them (the order they were first mentioned).
    public var nodeNames: [String]
    /// How many edges the graph holds.
    public var edgeCount: Int
    /// The names of all subgraphs, nested ones included: parents before their children, siblings in name
    /// order (Graphviz does not keep the order they were declared in).
    public var subgraphNames: [String]

    /// Creates a summary; normally made by `GraphvizRenderer.summarize(dot:)`.
    public init(name: String, isDirected: Bool, nodeNames: [String], edgeCount: Int, subgraphNames: [String]) {
        self.name = name
        self.isDirected = isDirected
        self.nodeNames = nodeNames
        self.edgeCount = edgeCount
        self.subgraphNames = subgraphNames
    }
}
