/// Builds the DOT text of a directed graph: attributes, nodes, edges, nested clusters and comments.
///
/// All DOT escaping lives here (with `DOTEscaper`): every identifier and every value is written quoted and
/// escaped, so callers pass text from logs as it is. The output depends only on what was added and in what
/// order, so it can be compared byte for byte with a stored copy.
///
/// Edges are always written at the top level, after every node and cluster, wherever the caller thinks of
/// them: Graphviz's `osage` layout crashes on edges declared inside cluster subgraphs, and no layout needs
/// them there.
public struct DOTWriter: Sendable {
    /// A cluster added to a writer, used to put nodes, comments and further clusters inside it.
    ///
    /// A cluster is only meaningful to the writer that returned it; one from another writer is taken as
    /// `root` (the graph itself) if that writer has no cluster with its number.
    public struct Cluster: Sendable, Hashable {
        let index: Int

        /// The graph itself: things added here are not inside any cluster.
        public static let root = Cluster(index: 0)
    }

    private enum Item: Sendable {
        case comment(String)
        case node(id: String, attributes: DOTAttributes)
        case cluster(Int)
    }

    private struct Scope: Sendable {
        var name: String
        var attributes: DOTAttributes
        var items: [Item] = []
    }

    private struct Edge: Sendable {
        var from: String
        var to: String
        var attributes: DOTAttributes
    }

    /// Deeper clusters are written with this indentation, so nesting cannot make the text grow
    /// quadratically.
    private static let maximumIndentLevel = 16

    /// The graph's name (Graphviz shows it as the SVG document's title).
    public var name: String
    /// Attributes of the whole graph, such as `rankdir` or `fontname`.
    public var graphAttributes: DOTAttributes
    /// Attributes every node gets unless it sets its own.
    public var nodeDefaults: DOTAttributes
    /// Attributes every edge gets unless it sets its own.
    public var edgeDefaults: DOTAttributes

    private var scopes: [Scope]
    private var edges: [Edge] = []

    /// Starts an empty directed graph called `name`.
    public init(
        name: String = "G",
        graphAttributes: DOTAttributes = [:],
        nodeDefaults: DOTAttributes = [:],
        edgeDefaults: DOTAttributes = [:]
    ) {
        self.name = name
        self.graphAttributes = graphAttributes
        self.nodeDefaults = nodeDefaults
        self.edgeDefaults = edgeDefaults
        scopes = [Scope(name: name, attributes: [:])]
    }

    /// Adds a comment (`// …`) at this point of the graph or of `cluster`; line breaks give several lines.
    public mutating func addComment(_ text: String, in cluster: Cluster = .root) {
        scopes[scopeIndex(cluster)].items.append(.comment(text))
    }

    /// Declares the node `id` with `attributes`, inside `cluster`.
    ///
    /// Declaring the same id twice merges the attributes, as Graphviz does; a node belongs to the first
    /// cluster it is declared in. Without a `label`, Graphviz shows the id.
    public mutating func addNode(_ id: String, _ attributes: DOTAttributes = [:], in cluster: Cluster = .root) {
        scopes[scopeIndex(cluster)].items.append(.node(id: id, attributes: attributes))
    }

    /// Adds a cluster (a boxed group of nodes) inside `parent` and returns it, to add things to it.
    ///
    /// The subgraph is named `cluster_` followed by `id`, because Graphviz only draws subgraphs whose names
    /// start with `cluster` as boxes. Ids should be unique: Graphviz merges subgraphs of the same name.
    @discardableResult
    public mutating func addCluster(
        _ id: String,
        _ attributes: DOTAttributes = [:],
        in parent: Cluster = .root
    ) -> Cluster {
        let parentIndex = scopeIndex(parent)
        scopes.append(Scope(name: "cluster_" + id, attributes: attributes))
        let index = scopes.count - 1
        scopes[parentIndex].items.append(.cluster(index))
        return Cluster(index: index)
    }

    /// Adds an edge from node `from` to node `to`. Nodes not declared otherwise are created by the edge,
    /// at the top level.
    public mutating func addEdge(from: String, to: String, _ attributes: DOTAttributes = [:]) {
        edges.append(Edge(from: from, to: to, attributes: attributes))
    }

    /// The number of nodes declared so far (a node declared twice counts twice); lets callers keep within a
    /// node budget.
    public var declaredNodeCount: Int {
        scopes.reduce(0) { count, scope in
            count + scope.items.reduce(0) { if case .node = $1 { $0 + 1 } else { $0 } }
        }
    }

    /// The DOT text: one statement per line, indented by four spaces per level, ending with a line break.
    public func render() -> String {
        var out = "digraph " + DOTEscaper.quotedID(name) + " {\n"
        let indent = "    "
        appendDefaults("graph", graphAttributes, indent: indent, to: &out)
        appendDefaults("node", nodeDefaults, indent: indent, to: &out)
        appendDefaults("edge", edgeDefaults, indent: indent, to: &out)

        // Walk the cluster tree with an explicit stack: nesting depth comes from the input being drawn.
        struct Frame {
            var scope: Int
            var next: Int
            var level: Int
        }
        var stack = [Frame(scope: 0, next: 0, level: 1)]
        while let frame = stack.popLast() {
            let scope = scopes[frame.scope]
            let padding = String(repeating: indent, count: min(frame.level, Self.maximumIndentLevel))
            guard frame.next < scope.items.count else {
                if frame.scope != 0 {
                    let closing = String(repeating: indent, count: min(frame.level - 1, Self.maximumIndentLevel))
                    out += closing + "}\n"
                }
                continue
            }
            stack.append(Frame(scope: frame.scope, next: frame.next + 1, level: frame.level))
            switch scope.items[frame.next] {
            case .comment(let text):
                for line in DOTEscaper.commentLines(text) {
                    out += padding + line + "\n"
                }
            case .node(let id, let attributes):
                out += padding + DOTEscaper.quotedID(id) + Self.attributeList(attributes) + ";\n"
            case .cluster(let index):
                let cluster = scopes[index]
                out += padding + "subgraph " + DOTEscaper.quotedID(cluster.name) + " {\n"
                let inner = String(repeating: indent, count: min(frame.level + 1, Self.maximumIndentLevel))
                appendDefaults("graph", cluster.attributes, indent: inner, to: &out)
                stack.append(Frame(scope: index, next: 0, level: frame.level + 1))
            }
        }

        for edge in edges {
            out +=
                indent + DOTEscaper.quotedID(edge.from) + " -> " + DOTEscaper.quotedID(edge.to)
                + Self.attributeList(edge.attributes) + ";\n"
        }
        out += "}\n"
        return out
    }

    private func scopeIndex(_ cluster: Cluster) -> Int {
        scopes.indices.contains(cluster.index) ? cluster.index : 0
    }

    private func appendDefaults(_ keyword: String, _ attributes: DOTAttributes, indent: String, to out: inout String) {
        if !attributes.isEmpty {
            out += indent + keyword + Self.attributeList(attributes) + ";\n"
        }
    }

    private static func attributeList(_ attributes: DOTAttributes) -> String {
        guard !attributes.isEmpty else {
            return ""
        }
        let pairs = attributes.entries.map {
            DOTEscaper.attributeName($0.name) + "=" + DOTEscaper.value($0.value, attribute: $0.name)
        }
        return " [" + pairs.joined(separator: ", ") + "]"
    }
}
