import Diagnostics
import RetraceCore
import StepFunctions

/// One log ready to export: an execution with the child executions given with it, analysed, or a deployment.
public enum ExportedLog: Sendable {
    /// A Step Functions execution.
    case execution(ExportedExecution)
    /// A deployment's lifecycles.
    case deployment(AnalyzedDeployment)

    /// Reads `log`'s child executions from `set` (a distributed Map's children, when given with it), so that they
    /// are exported inside their parent's trace.
    public init(_ log: AnalyzedLog, in set: LogSet) throws {
        switch log {
        case .execution(let execution): self = .execution(try ExportedExecution(execution, in: set))
        case .deployment(let deployment): self = .deployment(deployment)
        }
    }

    /// The identity its trace is known by.
    public var identity: TraceIdentity {
        switch self {
        case .execution(let execution): return TraceIdentity(key: execution.key)
        case .deployment(let deployment): return TraceIdentity(key: ExportedLog.key(of: deployment))
        }
    }

    /// When it started: the date its table rows are partitioned by.
    public var start: Instant? {
        switch self {
        case .execution(let execution): return execution.execution.tree.start
        case .deployment(let deployment): return deployment.run.events.lazy.compactMap(\.time).first
        }
    }

    /// What identifies a deployment across exports: the service, its identity, and its first event.
    static func key(of deployment: AnalyzedDeployment) -> String {
        let log = deployment.run.log
        return "deployment:\(log.source.rawValue):\(log.identity ?? log.name):\(log.events.first?.id ?? "")"
    }
}

/// An execution and its child executions, each analysed.
public struct ExportedExecution: Sendable {
    /// The execution.
    public var execution: AnalyzedExecution
    /// Its distributed Map children given with it, each with theirs.
    public var children: [ExportedExecution]

    /// Analyses `execution`'s children, at any depth, from `set`.
    public init(_ execution: AnalyzedExecution, in set: LogSet) throws {
        self.execution = execution
        children = try execution.entry.children.map { try ExportedExecution(try set.analyze($0), in: set) }
    }

    /// An execution without children, as analysed.
    public init(_ execution: AnalyzedExecution) {
        self.execution = execution
        children = []
    }

    /// What identifies it across exports: its ARN; without one, what its content says about it (its name, start,
    /// number of events and how it ended), never the file it was read from.
    public var key: String {
        let tree = execution.tree
        if let arn = tree.history.executionArn { return arn }
        let start = tree.start.map { String($0.millisecondsSinceEpoch) } ?? "-"
        let last = tree.terminalEvent.map { $0.type.name } ?? "-"
        return "execution:\(execution.entry.name):\(start):\(tree.events.count):\(last)"
    }
}
