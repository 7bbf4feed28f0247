import RetraceCore
import StepFunctions

/// What an execution graph shows, before it is written as DOT: which nodes, edges and clusters, and what was
/// collapsed to keep the graph readable and quick to lay out.
///
/// Computed from a reconstructed run and its diagnosis, never from the DOT text. The rules:
/// - Each thread (the top level, a Parallel branch, a Map iteration) draws one node per state: repeated visits
///   of the same state (a loop, a redrive) fold into it, with their count. Edges are the transitions taken,
///   with how often; a transition out of a caught failure is an edge of its own kind.
/// - A node's status is the one that matters most among the visits of the latest run that reached it:
///   failed, timed out, running, aborted, caught, then succeeded.
/// - A Parallel's branches are clusters, one per branch number, the branches of every visit merged.
/// - A Map's iterations merge into one aggregate node (counts by status) with the states they ran; failed
///   iterations and the one holding the root cause are drawn apart, each in its own cluster (all of them with
///   `expandMaps`, up to the node budget).
/// - With a definition, the states never entered are drawn too, and the transitions never taken.
/// - What was folded, merged or left out is said in `notes`.
public struct ExecutionGraph: Sendable, Hashable {
    /// The execution's name: its ARN when the history recorded it, else the files read.
    public var title: String
    /// How the execution ended.
    public var outcome: RunOutcome
    /// The execution's duration, when its timestamps are readable.
    public var durationMilliseconds: Int64?
    /// The root cause the diagnosis named, if any.
    public var rootCause: Finding?
    /// The nodes, in the order they were made (their ids count up in this order).
    public var nodes: [ExecutionGraphNode]
    /// The edges, in the order they were made.
    public var edges: [ExecutionGraphEdge]
    /// The clusters; a cluster's parent always comes before it.
    public var clusters: [ExecutionGraphCluster]
    /// What was folded, merged or left out, for people: written into the graph.
    public var notes: [String]

    /// Builds the graph of `tree`, marking the root cause `diagnosis` names and drawing the states of
    /// `definition` that were never entered.
    public init(
        tree: ExecutionTree,
        diagnosis: Diagnosis?,
        definition: StateMachineDefinition? = nil,
        options: ExecutionGraphOptions = ExecutionGraphOptions()
    ) {
        var builder = ExecutionGraphBuilder(tree: tree, diagnosis: diagnosis, definition: definition, options: options)
        self = builder.build()
    }

    /// Creates a graph from its parts.
    public init(
        title: String, outcome: RunOutcome, durationMilliseconds: Int64?, rootCause: Finding?,
        nodes: [ExecutionGraphNode], edges: [ExecutionGraphEdge], clusters: [ExecutionGraphCluster], notes: [String]
    ) {
        self.title = title
        self.outcome = outcome
        self.durationMilliseconds = durationMilliseconds
        self.rootCause = rootCause
        self.nodes = nodes
        self.edges = edges
        self.clusters = clusters
        self.notes = notes
    }

    /// The node that shows how the execution ended.
    public var endNode: ExecutionGraphNode? {
        nodes.first { if case .end = $0.kind { return true } else { return false } }
    }

    /// The nodes that stand for states (visited or not), the figure the node budget limits.
    public var stateNodeCount: Int {
        nodes.reduce(0) { count, node in
            if case .state = node.kind { return count + 1 }
            return count
        }
    }
}
