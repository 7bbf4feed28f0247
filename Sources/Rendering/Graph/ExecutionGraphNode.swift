import RetraceCore
import StepFunctions

/// One node of an execution graph: a state as visited (all its visits in one thread folded together), a Map's
/// merged iterations, the start or end of the execution, or a stand-in for states left out by the node budget.
public struct ExecutionGraphNode: Sendable, Hashable {
    /// What the node stands for.
    public enum Kind: Sendable, Hashable {
        /// A state of the machine, visited (`visits > 0`) or, with a definition, never entered (`visits == 0`).
        case state
        /// A Map's iterations merged into one aggregate: `counts` over every iteration of the Map (expanded ones
        /// included), `merged` of them drawn in this node's cluster, the rest drawn apart.
        case iterations(total: Int, merged: Int)
        /// Where the execution began.
        case start
        /// How the execution ended.
        case end(RunOutcome)
        /// States of a thread not drawn because the node budget ran out; `states` distinct states, `visits` visits.
        case omitted(states: Int, visits: Int)
    }

    /// The node's DOT id: `n1`, `n2` … in the order nodes were made (state names go in labels, never in ids).
    public var id: String
    /// What the node stands for.
    public var kind: Kind
    /// The index in `ExecutionGraph.clusters` of the cluster holding the node; `nil` at the top level.
    public var cluster: Int?
    /// The state's name (for `state` nodes), the Map's name (for `iterations`), empty otherwise.
    public var name: String
    /// The state's type, when the node is a state.
    public var type: StateType?
    /// The outcome shown: the one that matters most among the visits (see `ExecutionGraph` for the rule); `nil`
    /// for a state never entered and for start, end and omitted nodes.
    public var status: Status?
    /// How many visits (or, for `iterations`, iterations) ended in each status.
    public var statusCounts: [Status: Int]
    /// Number of visits folded into the node (0 for a state never entered).
    public var visits: Int
    /// Task attempts over all visits (retries included).
    public var attempts: Int
    /// Task attempts that failed or timed out, retried or not.
    public var failedAttempts: Int
    /// Sum of the visits' durations, when at least one is known.
    public var totalMilliseconds: Int64?
    /// The longest visit, when at least one duration is known.
    public var maxMilliseconds: Int64?
    /// The error that matters most: the uncaught failure, else the caught one, else one that was retried.
    public var error: String?
    /// The cause recorded with `error`.
    public var cause: String?
    /// Whether the diagnosis's root cause happened in one of these visits (or, for the end node, at the
    /// execution level).
    public var isRootCause: Bool
    /// The highest redrive any folded visit ran in (0 without redrives).
    public var lastRun: Int
    /// A distributed Map's run status, when the state ran one.
    public var mapRunStatus: Status?
    /// Items announced by an inline Map's `MapStateStarted`.
    public var itemCount: Int64?

    /// Creates a node with no visits.
    public init(id: String, kind: Kind, cluster: Int?, name: String = "", type: StateType? = nil) {
        self.id = id
        self.kind = kind
        self.cluster = cluster
        self.name = name
        self.type = type
        status = nil
        statusCounts = [:]
        visits = 0
        attempts = 0
        failedAttempts = 0
        totalMilliseconds = nil
        maxMilliseconds = nil
        error = nil
        cause = nil
        isRootCause = false
        lastRun = 0
        mapRunStatus = nil
        itemCount = nil
    }

    /// Whether the node is a state the execution never entered (drawn from the definition, greyed).
    public var isNeverEntered: Bool {
        if case .state = kind { return visits == 0 }
        return false
    }
}
