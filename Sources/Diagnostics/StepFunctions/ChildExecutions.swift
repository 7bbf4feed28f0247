import RetraceCore
import StepFunctions

/// Follows a failed distributed Map into the child executions given with the parent history: the root cause is
/// then the first failed child's own root cause (its state, attempt and error, and the item it was given), at a
/// path that starts in the parent.
struct ChildExecutions {
    let rootCause: Finding
    let findings: [Finding]

    /// How much of a child's input (the item) the explanation quotes.
    static let itemPreviewLength = 200

    init(parentRoot: Finding, directory: VisitDirectory, children: [ChildExecution]) {
        let mapRun = parentRoot.evidence.first.flatMap { Int64($0) }.flatMap { directory.entry(forEvent: $0) }?
            .visit.mapRun
        guard let mapRun else {
            rootCause = parentRoot
            findings = []
            return
        }
        let runName = mapRun.arn ?? "started at event #\(mapRun.startedEventID)"
        let linked = children.filter { $0.mapRunStartedEventID == mapRun.startedEventID }
        let failed = linked.filter { $0.outcome.isFailure }
        var extra: [Finding] = []
        if linked.isEmpty {
            extra.append(
                Finding(
                    severity: .info, code: .mapRunChildrenMissing,
                    title: "No child execution of this Map Run was given",
                    location: parentRoot.location,
                    explanation: "The Map Run's child executions (\(runName)) have histories of their own; give the "
                        + "failed ones beside this history (any order, with or without their executionArn) to follow "
                        + "the failure into them.",
                    remedy: "aws stepfunctions list-executions --map-run-arn \(mapRun.arn ?? "<map run ARN>") "
                        + "--status-filter FAILED, then get-execution-history for each"))
        }
        guard let first = failed.first(where: { $0.history != nil }), let history = first.history else {
            rootCause = parentRoot
            findings = extra
            return
        }
        let tree = ExecutionTree(history: history)
        let childDiagnosis = ExecutionDiagnoser().diagnose(tree, children: first.children)
        var root = childDiagnosis.rootCause ?? parentRoot
        root.location = parentRoot.location + [.mapRun(runName), .execution(first.name)] + root.location
        var item = ""
        if let input = tree.input?.text {
            let preview =
                input.count > Self.itemPreviewLength
                ? String(input.prefix(Self.itemPreviewLength)) + "…" : input
            item = " Its item (execution input): \(preview)."
        }
        root.explanation =
            "The Map Run failed (\(parentRoot.error ?? "error")); \(failed.count) of the \(linked.count) child "
            + "execution\(linked.count == 1 ? "" : "s") given failed. The first, \(first.name): " + root.explanation
            + item
        root.evidence += parentRoot.evidence
        let failedList = failed.prefix(10).map { child in
            "\(child.name) (\(child.history.map { ExecutionTree(history: $0).runs.last?.error ?? "no error" } ?? child.outcome.rawValue))"
        }
        extra.append(
            Finding(
                severity: .warning, code: .mapRunChildrenFailed,
                title: "\(failed.count) of \(linked.count) child executions failed",
                location: parentRoot.location + [.mapRun(runName)],
                error: parentRoot.error, cause: parentRoot.cause,
                explanation: "Failed children: " + failedList.joined(separator: ", ")
                    + (failed.count > 10 ? ", …" : "") + "."))
        rootCause = root
        findings = extra
    }
}
