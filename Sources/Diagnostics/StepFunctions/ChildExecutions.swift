import RetraceCore
import StepFunctions

/// Follows a failed distributed Map into the child executions given with the parent history: the root cause is
/// then the first failed child's own root cause, at a path that starts in the parent.
struct ChildExecutions {
    let rootCause: Finding
    let findings: [Finding]

    init(parentRoot: Finding, tree: ExecutionTree, directory: VisitDirectory, children: [ExecutionGrouping.Execution]) {
        let runArn = parentRoot.evidence.first.flatMap { Int64($0) }.flatMap { directory.entry(forEvent: $0) }?
            .visit.mapRun?.arn
        guard let runArn else {
            rootCause = parentRoot
            findings = []
            return
        }
        let linked = children.filter { $0.isChild(ofMapRun: runArn) }
        let trees = linked.map { ExecutionTree(history: $0.history) }
        let failed = trees.filter { $0.outcome.isFailure }
        var extra: [Finding] = []
        if linked.isEmpty {
            extra.append(
                Finding(
                    severity: .info, code: "map-run-children-missing",
                    title: "None of the other histories given belongs to this Map Run",
                    location: parentRoot.location,
                    explanation: "Child executions are linked by Map Run ARN (\(runArn)): give each child history with "
                        + "its executionArn or mapRunArn beside its events."))
        }
        guard let first = failed.first else {
            rootCause = parentRoot
            findings = extra
            return
        }
        let others = children.filter { !$0.isChild(ofMapRun: runArn) }
        let childDiagnosis = ExecutionDiagnoser().diagnose(first, children: others)
        let childName = first.history.executionArn.map(ChildExecutions.name) ?? first.history.sources.first ?? "child"
        var root = childDiagnosis.rootCause ?? parentRoot
        root.location = parentRoot.location + [.mapRun(runArn), .execution(childName)] + root.location
        root.explanation =
            "The Map Run failed (\(parentRoot.error ?? "error")); \(failed.count) of the "
            + "\(linked.count) child execution(s) given failed. The first, \(childName): " + root.explanation
        root.evidence += parentRoot.evidence
        extra.append(
            Finding(
                severity: .warning, code: "map-run-children-failed",
                title: "\(failed.count) of \(linked.count) child executions failed",
                location: parentRoot.location + [.mapRun(runArn)],
                error: parentRoot.error, cause: parentRoot.cause,
                explanation: "Failed children: "
                    + failed.prefix(10).map {
                        ($0.history.executionArn.map(ChildExecutions.name) ?? "?")
                            + " (\($0.runs.last?.error ?? "no error"))"
                    }.joined(separator: ", ") + "."))
        rootCause = root
        findings = extra
    }

    /// The last part of an execution ARN: its name.
    static func name(_ arn: String) -> String {
        String(arn.split(separator: ":").last ?? Substring(arn))
    }
}
