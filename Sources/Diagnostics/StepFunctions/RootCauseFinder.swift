import RetraceCore
import StepFunctions

/// The root-cause rules, one method each, in the order they are tried.
struct RootCauseFinder {
    let context: DiagnosisContext
    private var tree: ExecutionTree { context.tree }
    private var directory: VisitDirectory { context.directory }

    /// Events that pass a failure on without recording one; their `previousEventId` leads towards the cause.
    static func isPropagation(_ type: EventType) -> Bool {
        switch type {
        case .mapStateFailed, .parallelStateFailed, .mapIterationFailed, .mapIterationAborted, .taskStateAborted,
            .mapStateAborted, .parallelStateAborted, .waitStateAborted, .mapRunAborted:
            return true
        default: return false
        }
    }

    func find() -> Finding? {
        guard let terminal = tree.terminalEvent else { return nil }
        switch terminal.type {
        case .executionTimedOut: return executionTimeout(terminal)
        case .executionAborted: return executionAborted(terminal)
        case .executionFailed: return executionFailed(terminal)
        default: return nil
        }
    }

    // MARK: Failed

    private func executionFailed(_ terminal: HistoryEvent) -> Finding {
        let parsed = terminal.details.cause.map(ParsedCause.init)
        // Rule 1: the interpreter names the state's Entered event.
        if let entered = parsed?.enteredEventID, let entry = directory.entry(enteredBy: entered) {
            if let leaf = entry.visit.failureEventID.flatMap(tree.event) {
                return finding(for: leaf, visitEntry: entry, terminal: terminal)
            }
            var result = finding(for: terminal, visitEntry: entry, terminal: terminal)
            result.code = .stateFailed
            result.evidence = [String(entered), String(terminal.id)]
            result.explanation =
                "The interpreter failed while executing \(entry.visit.name) (entered at event "
                + "#\(entered)): the state's own definition could not be applied to its input."
            return result
        }
        // Rule 2: walk back past propagation events to the leaf failure.
        guard let leaf = walkBackToLeaf(from: terminal) else {
            return executionLevel(terminal)
        }
        if leaf.type == .failStateEntered {
            return failState(leaf, terminal: terminal)
        }
        return finding(for: leaf, visitEntry: directory.entry(forEvent: leaf.id), terminal: terminal, uncaught: true)
    }

    /// Follows `previousEventId` from `event` through propagation events to the first leaf failure.
    func walkBackToLeaf(from event: HistoryEvent) -> HistoryEvent? {
        var current = event
        var steps = 0
        while steps < tree.events.count + 1, current.previousEventID > 0,
            let previous = tree.event(current.previousEventID), previous.id < current.id
        {
            steps += 1
            if previous.type.isLeafFailure { return previous }
            guard RootCauseFinder.isPropagation(previous.type) else {
                return fallbackLeaf(before: current)
            }
            current = previous
        }
        return fallbackLeaf(before: current)
    }

    /// When links give out (a masked or broken history), the latest leaf failure before `event` stands in.
    private func fallbackLeaf(before event: HistoryEvent) -> HistoryEvent? {
        tree.events.last { $0.id > 0 && $0.id < event.id && $0.type.isLeafFailure }
    }

    /// Rule 4: a Fail state. With its own Error, it is the root cause (and the caught failure that led to it is
    /// named); with empty details on `ExecutionFailed`, the caught failure is the root cause.
    private func failState(_ leaf: HistoryEvent, terminal: HistoryEvent) -> Finding {
        let entry = directory.entry(forEvent: leaf.id)
        let caught = caughtFailure(before: leaf)
        let hasOwnError = terminal.details.error != nil || terminal.details.cause != nil
        if !hasOwnError, let caught {
            var result = finding(for: caught.event, visitEntry: caught.entry, terminal: terminal)
            let failName = entry?.visit.name ?? "a Fail state"
            result.explanation +=
                " A Catch on \(caught.entry.visit.name) handled it and routed the execution to "
                + "\(failName), which failed the execution without an error of its own."
            result.evidence.append(String(leaf.id))
            return result
        }
        let name = entry?.visit.name ?? "Fail"
        var explanation = "The execution reached the Fail state \(name)"
        if let error = terminal.details.error { explanation += ", which set the error \(error)" }
        explanation += "."
        if let caught {
            explanation +=
                " It was reached after \(caught.entry.visit.name) failed with "
                + "\(caught.event.details.error ?? "an error") (event #\(caught.event.id)) and a Catch routed the "
                + "execution there."
        }
        let remedy =
            caught.flatMap { RemedyCatalogue.entry(error: $0.event.details.error, cause: $0.event.details.cause) }?
            .remedy ?? "The definition fails deliberately here; change the condition that leads to this state."
        return Finding(
            severity: .error, code: .failState, title: "Fail state \(name) ended the execution",
            location: entry?.path ?? [.state(name)],
            evidence: [String(leaf.id), String(terminal.id)] + (caught.map { [String($0.event.id)] } ?? []),
            error: terminal.details.error, cause: terminal.details.cause, explanation: explanation, remedy: remedy)
    }

    /// The failure a Catch handled on the way to `event`: the caught visit nearest before it in its thread.
    private func caughtFailure(before event: HistoryEvent) -> (event: HistoryEvent, entry: VisitDirectory.Entry)? {
        var current = event
        var steps = 0
        while steps < tree.events.count + 1, current.previousEventID > 0,
            let previous = tree.event(current.previousEventID), previous.id < current.id
        {
            steps += 1
            if let entry = directory.entry(forEvent: previous.id), entry.visit.status == .caught,
                let failureID = entry.visit.failureEventID, let failure = tree.event(failureID)
            {
                if failure.type.isLeafFailure { return (failure, entry) }
                if let leaf = walkBackToLeaf(from: failure), let leafEntry = directory.entry(forEvent: leaf.id) {
                    return (leaf, leafEntry)
                }
                return (failure, entry)
            }
            current = previous
        }
        return nil
    }

    /// A failure at the execution level with no state to blame (the history limit, a runtime error).
    private func executionLevel(_ terminal: HistoryEvent) -> Finding {
        let error = terminal.details.error
        let cause = terminal.details.cause
        if let cause, cause.contains(bytes: "maximum number of history events") {
            return HistoryLimit(context: context).finding(terminal: terminal)
        }
        let last = directory.all.last { $0.visit.run == max(tree.runs.count - 1, 0) }
        return Finding(
            severity: .error, code: .executionFailed, title: "The execution failed: \(error ?? "no error given")",
            location: last?.path ?? [], evidence: [String(terminal.id)], error: error, cause: cause,
            explanation: "No state recorded a failure; the execution itself failed"
                + (last.map { " while at \($0.visit.name)" } ?? "") + ".",
            remedy: RemedyCatalogue.entry(error: error, cause: cause)?.remedy)
    }

    // MARK: Timed out and aborted

    private func executionTimeout(_ terminal: HistoryEvent) -> Finding {
        let open = openVisits(atRun: tree.runs.count - 1)
        let longest = open.max { ($0.visit.durationMilliseconds ?? -1) < ($1.visit.durationMilliseconds ?? -1) }
        // Only the five named are spelled out: thousands of open states must not cost thousands of paths.
        let names = open.prefix(5).map { $0.path.pathDescription }
        var explanation = "The state machine's TimeoutSeconds ran out"
        if let start = tree.runs.last?.start, let end = terminal.timestamp {
            explanation += " after \(DurationFormatter.string(milliseconds: start.elapsedMilliseconds(until: end)))"
        }
        explanation += names.isEmpty ? "." : "; running then: \(names.joined(separator: "; "))."
        if let longest, let duration = longest.visit.durationMilliseconds {
            explanation +=
                " The longest, \(longest.visit.name), had run \(DurationFormatter.string(milliseconds: duration))."
        }
        return Finding(
            severity: .error, code: .executionTimedOut, title: "The execution timed out",
            location: longest?.path ?? [],
            evidence: [String(terminal.id)] + open.prefix(5).map { String($0.visit.enteredEventID) },
            error: terminal.details.error ?? "States.Timeout", cause: terminal.details.cause, explanation: explanation,
            remedy: "Raise the state machine's TimeoutSeconds to the run's real length, or bound the slow state with "
                + "its own TimeoutSeconds and a Retry / Catch so that it fails where it happens.")
    }

    private func executionAborted(_ terminal: HistoryEvent) -> Finding {
        let open = openVisits(atRun: tree.runs.count - 1)
        var explanation = "The execution was stopped (StopExecution, or a parent execution stopping it)"
        if terminal.details.error != nil || terminal.details.cause != nil {
            explanation += " with error \(terminal.details.error ?? "-") and cause \(terminal.details.cause ?? "-")"
        }
        explanation +=
            open.isEmpty
            ? "." : "; running then: \(open.prefix(5).map { $0.path.pathDescription }.joined(separator: "; "))."
        return Finding(
            severity: .warning, code: .executionAborted, title: "The execution was stopped",
            location: open.first?.path ?? [],
            evidence: [String(terminal.id)] + open.prefix(5).map { String($0.visit.enteredEventID) },
            error: terminal.details.error, cause: terminal.details.cause, explanation: explanation,
            remedy:
                "Nothing failed: someone or something stopped it. CloudTrail's StopExecution events name the caller.")
    }

    /// Visits of `run` without an exit that the end of the run interrupted, deepest first.
    private func openVisits(atRun run: Int) -> [VisitDirectory.Entry] {
        directory.all.filter { entry in
            entry.visit.run == run && entry.visit.isUnfinished && entry.visit.exitedEventID == nil
                && (entry.visit.status == .aborted || entry.visit.status == .timedOut || entry.visit.status == .running)
        }.sorted { $0.depth > $1.depth }
    }

    // MARK: The finding for a leaf failure

    /// The finding for `leaf`; `uncaught` when the failure is known to have passed every Catch up to the
    /// execution (it was followed there through propagation events).
    func finding(
        for leaf: HistoryEvent, visitEntry: VisitDirectory.Entry?, terminal: HistoryEvent, uncaught: Bool = false
    ) -> Finding {
        let indexed = tree.location(ofEvent: leaf.id)
        let location = indexed.isEmpty ? (visitEntry?.path ?? []) : indexed
        let error = leaf.details.error ?? terminal.details.error
        let cause = leaf.details.cause ?? (leaf.details.error == nil ? terminal.details.cause : nil)
        let parsed = cause.map(ParsedCause.init)
        let stateName = visitEntry?.visit.name ?? leaf.details.name ?? "a state"
        var explanation: String
        var remedy = RemedyCatalogue.entry(error: error, cause: cause)?.remedy
        var code = FailureKind.code(for: leaf.type)
        switch leaf.type {
        case .taskTimedOut, .activityTimedOut, .lambdaFunctionTimedOut:
            let timeout = TimeoutAnalysis(leaf: leaf, visit: visitEntry?.visit, tree: tree)
            explanation = timeout.explanation(stateName: stateName)
            if timeout.kind == .heartbeat {
                code = .heartbeatTimedOut
                remedy = RemedyCatalogue.entry(error: "States.HeartbeatTimeout", cause: nil)?.remedy
            }
        case .evaluationFailed:
            explanation = "A JSONata expression of \(stateName) failed"
            if let location = leaf.details.location { explanation += " at \(location)" }
            explanation += "."
        case .mapRunFailed:
            explanation = "The distributed Map \(stateName) failed as a whole"
            if let arn = visitEntry?.visit.mapRun?.arn { explanation += " (Map Run \(arn))" }
            explanation += ". Its child executions have their own histories: give them to retrace with this one."
        default:
            explanation = "\(stateName) failed"
            if let attempts = visitEntry?.visit.attempts, attempts.count > 1 {
                explanation += " on its last attempt (\(attempts.count) attempts: the Retry policy was used up)"
            }
            explanation +=
                uncaught ? " and no Catch handled \(error ?? "the error"), so the failure reached the execution." : "."
        }
        let detail = parsed?.detail
        if remedy == nil, let raised = detail?.raisedAt, parsed?.errorType != nil {
            remedy = Self.codeRemedy(
                error: error ?? "the error", raisedAt: raised, state: stateName,
                enclosingMap: Self.enclosingMap(location))
        }
        return Finding(
            severity: .error, code: code, title: "\(stateName) failed: \(error ?? leaf.type.name)",
            location: location, evidence: [String(leaf.id), String(terminal.id)], error: error, cause: cause,
            causeDetail: detail, explanation: explanation, remedy: remedy)
    }

    /// The advice for an error the function's own code raised: which line to open, and how to let a run go on
    /// past bad input.
    static func codeRemedy(error: String, raisedAt: SourceFrame, state: String, enclosingMap: String?) -> String {
        "The function's code raised \(error) at \(raisedAt). Fix the code there or the input it was given; to let "
            + "the run go on past such input, add a Catch for \(error) on \(state)"
            + (enclosingMap.map { ", or a ToleratedFailurePercentage on \($0)" } ?? "") + "."
    }

    /// The innermost Map whose iteration holds `location`, by name.
    static func enclosingMap(_ location: [LocationStep]) -> String? {
        guard let index = location.lastIndex(where: { if case .iteration = $0 { true } else { false } }), index > 0,
            case .state(let name) = location[index - 1]
        else { return nil }
        return name
    }
}

/// Stable codes for the kinds of leaf failure.
enum FailureKind {
    static func code(for type: EventType) -> Finding.Code {
        switch type {
        case .taskFailed: return .taskFailed
        case .taskTimedOut, .activityTimedOut, .lambdaFunctionTimedOut: return .taskTimedOut
        case .taskStartFailed, .lambdaFunctionStartFailed: return .taskStartFailed
        case .taskSubmitFailed: return .taskSubmitFailed
        case .lambdaFunctionScheduleFailed, .activityScheduleFailed: return .taskScheduleFailed
        case .lambdaFunctionFailed: return .lambdaFailed
        case .activityFailed: return .activityFailed
        case .evaluationFailed: return .evaluationFailed
        case .mapRunFailed: return .mapRunFailed
        case .failStateEntered: return .failState
        default: return .failed
        }
    }
}
