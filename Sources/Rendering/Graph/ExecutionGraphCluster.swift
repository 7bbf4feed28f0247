import StepFunctions

/// A boxed group of nodes in an execution graph: one branch of a Parallel, one Map iteration drawn apart,
/// the merged iterations of a Map, or the nested states of a container the execution never entered.
public struct ExecutionGraphCluster: Sendable, Hashable {
    /// What the cluster groups.
    public enum Kind: Sendable, Hashable {
        /// Branch `number` (from 1, in order of appearance in the history) of a Parallel state.
        case branch(number: Int)
        /// One Map iteration, drawn apart (failed, holding the root cause, or with `expandMaps`).
        case iteration(index: Int)
        /// A Map's aggregate of all its iterations, with the states of the `count` iterations merged into it (the
        /// others are drawn apart).
        case mergedIterations(count: Int)
        /// The nested machine (a branch or a Map's processor) of a container state never entered.
        case neverEntered
    }

    /// The cluster's DOT id (`c1`, `c2` …); the DOT writer names the subgraph `cluster_` + id.
    public var id: String
    /// What the cluster groups.
    public var kind: Kind
    /// The index in `ExecutionGraph.clusters` of the enclosing cluster; `nil` at the top level.
    public var parent: Int?
    /// The Parallel or Map state it belongs to.
    public var stateName: String
    /// How the branch or iteration ended; `nil` for merged iterations and states never entered.
    public var status: Status?
    /// The branch's or iteration's duration, when known.
    public var durationMilliseconds: Int64?

    /// Creates a cluster.
    public init(
        id: String, kind: Kind, parent: Int?, stateName: String, status: Status? = nil,
        durationMilliseconds: Int64? = nil
    ) {
        self.id = id
        self.kind = kind
        self.parent = parent
        self.stateName = stateName
        self.status = status
        self.durationMilliseconds = durationMilliseconds
    }
}
