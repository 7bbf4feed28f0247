import Lifecycles
import RetraceCore
import StepFunctions

/// One execution found among the inputs, with the child executions linked to it, before it is decoded.
public struct ExecutionEntry: Sendable {
    /// Its pages and what they tell before decoding.
    public var execution: AssembledExecution
    /// Where it belongs, for a child of a distributed Map given with its parent.
    public var link: ExecutionFamily.Link?
    /// Its distributed Maps' child executions given with it.
    public var children: [ExecutionEntry]

    /// What people call it.
    public var name: String { execution.name }
}

/// One execution read, reconstructed and diagnosed: what every Step Functions command works from.
public struct AnalyzedExecution: Sendable {
    /// Which execution it is.
    public var entry: ExecutionEntry
    /// Its reconstructed run.
    public var tree: ExecutionTree
    /// What happened and why.
    public var diagnosis: Diagnosis
}

/// One deployment log read, reconstructed into lifecycles and diagnosed.
public struct AnalyzedDeployment: Sendable {
    /// The lifecycles.
    public var run: LifecycleRun
    /// What happened and why.
    public var diagnosis: Diagnosis
}

/// Any log a command reads, analysed: an execution or a deployment.
public enum AnalyzedLog: Sendable {
    /// A Step Functions execution.
    case execution(AnalyzedExecution)
    /// A deployment log's lifecycles.
    case deployment(AnalyzedDeployment)

    /// The diagnosis, whatever the log.
    public var diagnosis: Diagnosis {
        switch self {
        case .execution(let execution): return execution.diagnosis
        case .deployment(let deployment): return deployment.diagnosis
        }
    }
}
