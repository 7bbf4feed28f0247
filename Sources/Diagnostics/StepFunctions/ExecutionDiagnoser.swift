import RetraceCore
import StepFunctions

/// Attributes a Step Functions execution's failure, timeout or abort to its root cause, and says how to fix it.
///
/// The rules follow what real AWS histories show (`docs/diagnostics.md`): an interpreter cause that names
/// "the event id #n" is taken at its word; otherwise the walk goes back from the terminal event through
/// `previousEventId`, past events that only pass a failure on (`MapStateFailed`, `ParallelStateFailed`,
/// `MapIterationFailed`, every `*Aborted`, whose `previousEventId` names the failure that caused it), to the
/// first event that records a failure where it happened.
public struct ExecutionDiagnoser: Sendable {
    /// Creates a diagnoser.
    public init() {}

    /// The diagnosis of one execution.
    ///
    /// - Parameter children: its distributed Map's child executions given with it; when a Map Run failed, the root
    ///   cause continues into the run's first failed child.
    public func diagnose(_ tree: ExecutionTree, children: [ChildExecution] = []) -> Diagnosis {
        let directory = VisitDirectory(tree: tree)
        let context = DiagnosisContext(tree: tree, directory: directory)
        var rootCause = RootCauseFinder(context: context).find()
        var findings = FindingCollector(context: context, rootCause: rootCause).collect()
        if let root = rootCause, root.code == .mapRunFailed {
            let continued = ChildExecutions(parentRoot: root, directory: directory, children: children)
            rootCause = continued.rootCause
            findings += continued.findings
        }
        return Diagnosis(outcome: tree.outcome, rootCause: rootCause, findings: findings)
    }
}

/// What every rule reads: the tree and the directory of visits.
struct DiagnosisContext {
    let tree: ExecutionTree
    let directory: VisitDirectory
}
