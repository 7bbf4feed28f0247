import Lifecycles
import RetraceCore

/// CloudFormation and ParallelCluster: within the latest operation of each top-level stack, the root cause is
/// the earliest resource failure that is neither a cancellation nor a summary, followed into nested stacks
/// whose events were given. Rollback and cleanup failures are secondary findings.
struct CloudFormationDiagnoser: DeploymentDiagnoser {
    static var family: LifecycleSource.Family { .stack }

    let run: LifecycleRun

    /// The failures of one operation, sorted into what caused it and what followed.
    private struct OperationFailures {
        var primary: [LifecycleEvent] = []
        var rollback: [LifecycleEvent] = []
        var cleanup: [LifecycleEvent] = []
        var cancelled: [LifecycleEvent] = []
    }

    func diagnose() -> Diagnosis {
        var outcomes: [RunOutcome] = []
        var rootCause: Finding?
        var findings: [Finding] = []
        var verdicts: [(RunOutcome, ServiceVerdict)] = []
        let topStacks = run.instances.filter {
            $0.machine.name == CloudFormationModel.stackMachine.name && $0.parentKey == nil
        }
        for stack in topStacks {
            guard let operation = run.operations.last(where: { $0.instanceKey == stack.key }) else { continue }
            let result = diagnose(operation: operation, stack: stack, depth: 0)
            outcomes.append(result.outcome)
            if let verdict = result.verdict { verdicts.append((result.outcome, verdict)) }
            if let cause = result.rootCause {
                if rootCause == nil { rootCause = cause } else { findings.append(demoted(cause)) }
            }
            findings.append(contentsOf: result.findings)
            findings.append(contentsOf: earlierFailures(of: stack, before: operation))
        }
        let outcome = LifecycleDiagnoser.worst(outcomes)
        var diagnosis = Diagnosis(outcome: outcome, rootCause: rootCause, findings: findings)
        diagnosis.verdict = verdicts.first { $0.0 == outcome }?.1 ?? verdicts.first?.1
        return diagnosis
    }

    /// The stack's status and the operation that led to it, in the words of the CloudFormation console.
    private func verdict(operation: LifecycleOperation, stackEvents: [LifecycleEvent], outcome: RunOutcome)
        -> ServiceVerdict?
    {
        guard let last = stackEvents.last?.code else {
            return ServiceVerdict(
                status: "UNKNOWN", operation: operation.kind,
                summary: outcome == .failed
                    ? "\(operation.kind.lowercased()) failed (the stack's own events are not in the log)"
                    : "the stack's own events are not in the log")
        }
        let verb = operation.kind.lowercased()
        let summary: String
        switch last {
        case "CREATE_COMPLETE": summary = "created"
        case "UPDATE_COMPLETE": summary = "updated"
        case "IMPORT_COMPLETE": summary = "imported"
        case "DELETE_COMPLETE":
            summary = operation.kind == "CREATE" ? "create failed, then deleted (--on-failure DELETE)" : "deleted"
        case "DELETE_FAILED":
            summary = operation.kind == "CREATE" ? "create failed, then the deletion failed" : "delete failed"
        // The stack reports CREATE_FAILED / UPDATE_FAILED before a rollback too; ending there means the rollback
        // is not in the log (a filtered log) or was disabled, which the log alone cannot tell apart.
        case "CREATE_FAILED": summary = "create failed"
        case "UPDATE_FAILED": summary = "update failed"
        case "ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_ROLLBACK_COMPLETE":
            summary = "\(verb) failed, rolled back"
        case "ROLLBACK_FAILED", "UPDATE_ROLLBACK_FAILED", "IMPORT_ROLLBACK_FAILED":
            summary = "\(verb) failed, and the rollback failed too"
        default:
            if last.contains("ROLLBACK") || (operation.kind == "CREATE" && last == "DELETE_IN_PROGRESS") {
                summary = "\(verb) failed, undoing it"
            } else {
                summary = "\(verb) in progress"
            }
        }
        return ServiceVerdict(status: last, operation: operation.kind, summary: summary)
    }

    private func demoted(_ finding: Finding) -> Finding {
        var copy = finding
        copy.severity = .warning
        return copy
    }

    /// Diagnoses one operation of one stack; `depth` bounds the descent into nested stacks.
    private func diagnose(operation: LifecycleOperation, stack: MachineInstance, depth: Int)
        -> (outcome: RunOutcome, rootCause: Finding?, findings: [Finding], verdict: ServiceVerdict?)
    {
        let events = operation.eventIDs.compactMap { run.event($0) }
        let stackEvents = events.filter(\.isStackEvent)
        let failures = sort(events, undoneFrom: operation.undoEventID)
        let outcome = outcome(operation: operation, stackEvents: stackEvents, failures: failures, last: events.last)
        var findings: [Finding] = []
        var rootCause: Finding?
        if let first = failures.primary.first {
            rootCause = causeFinding(for: first, operation: operation, depth: depth)
            for other in failures.primary.dropFirst() {
                findings.append(
                    resourceFinding(
                        for: other, severity: .warning, code: .stackResourceFailed,
                        title: "\(other.resource) also failed (\(other.code))",
                        lead: "Another resource failed in the same operation."))
            }
        } else if outcome.isFailure {
            rootCause = stackReasonFinding(stackEvents: stackEvents, operation: operation, stack: stack)
        }
        for event in failures.rollback {
            findings.append(
                resourceFinding(
                    for: event, severity: .warning, code: .stackRollbackFailed,
                    title: "Rollback could not undo \(event.resource) (\(event.code))",
                    lead: "The rollback failed for this resource, so the stack may hold resources in a mixed state.",
                    extraRemedy: rollbackRemedy(stackEvents: stackEvents, stack: stack)))
        }
        for event in failures.cleanup {
            findings.append(
                resourceFinding(
                    for: event, severity: .warning, code: .stackCleanupFailed,
                    title: "Cleanup could not delete \(event.resource) (\(event.code))",
                    lead: "After the update, an old resource could not be deleted; the stack itself is fine but the "
                        + "resource may be left behind and cost money."))
        }
        if !failures.cancelled.isEmpty {
            let names = failures.cancelled.map(\.resource)
            findings.append(
                Finding(
                    severity: .info, code: .stackResourcesCancelled,
                    title: "\(Noun("resource").counted(failures.cancelled.count)) cancelled because another failed",
                    location: path(of: failures.cancelled[0]).dropLast().map { $0 },
                    evidence: failures.cancelled.map(\.id),
                    explanation: "CloudFormation stopped these when the operation failed: "
                        + names.prefix(10).joined(separator: ", ") + (names.count > 10 ? ", …" : "") + "."))
        }
        let verdict = depth == 0 ? verdict(operation: operation, stackEvents: stackEvents, outcome: outcome) : nil
        return (outcome, rootCause, findings, verdict)
    }

    /// Sorts the `*_FAILED` events of an operation: cancellations and summaries aside, failures after a rollback
    /// or cleanup began are secondary, the rest are primary (earliest first).
    private func sort(_ events: [LifecycleEvent], undoneFrom undoEventID: String?) -> OperationFailures {
        var failures = OperationFailures()
        var phase = "forward"
        for event in events {
            if event.id == undoEventID { phase = "rollback" }
            if event.isStackEvent {
                if event.code.hasSuffix("ROLLBACK_IN_PROGRESS") { phase = "rollback" }
                if event.code.hasSuffix("_CLEANUP_IN_PROGRESS") { phase = phase == "rollback" ? "rollback" : "cleanup" }
                continue
            }
            guard event.code.hasSuffix("_FAILED") else { continue }
            let reason = StackStatusReason(event.message ?? "")
            if reason.isCancellation {
                failures.cancelled.append(event)
            } else if reason.isSummary && event.resourceType != "AWS::CloudFormation::Stack" {
                continue
            } else if phase == "rollback" {
                failures.rollback.append(event)
            } else if phase == "cleanup" {
                failures.cleanup.append(event)
            } else {
                failures.primary.append(event)
            }
        }
        return failures
    }

    private func outcome(
        operation: LifecycleOperation, stackEvents: [LifecycleEvent], failures: OperationFailures,
        last lastEvent: LifecycleEvent?
    ) -> RunOutcome {
        guard let last = stackEvents.last else {
            // A filtered log without the stack's own events: judge by the resources.
            if !failures.primary.isEmpty { return .failed }
            return lastEvent?.code.hasSuffix("_IN_PROGRESS") == true ? .running : .unknown
        }
        // A create undone by its own deletion (`--on-failure DELETE`) failed, however well the deletion went.
        if operation.kind == "CREATE", last.code.hasPrefix("DELETE_") {
            return last.code == "DELETE_IN_PROGRESS" && failures.primary.isEmpty && operation.undoEventID == nil
                ? .running : .failed
        }
        let cancelled = stackEvents.contains { ($0.message ?? "").lowercased().contains("cancel") }
        if CloudFormationModel.stackMachine.successStates.contains(last.code) { return .succeeded }
        if CloudFormationModel.stackMachine.failureStates.contains(last.code) { return cancelled ? .aborted : .failed }
        if last.code.hasSuffix("_IN_PROGRESS") {
            return failures.primary.isEmpty && !last.code.contains("ROLLBACK") ? .running : .failed
        }
        return .unknown
    }

    /// The root-cause finding for a primary failure, followed into a nested stack when its events were given.
    private func causeFinding(for event: LifecycleEvent, operation: LifecycleOperation, depth: Int) -> Finding {
        if event.resourceType == "AWS::CloudFormation::Stack", depth < 16, let child = event.physicalResourceID,
            let childStack = run.instance(child)
        {
            // The nested operation under way when the parent saw it fail (its later deletion during the parent's
            // rollback is an operation of its own).
            let childOperations = run.operations.filter { $0.instanceKey == child }
            let failedAt = run.position(of: event.id) ?? Int.max
            let nested =
                childOperations.last { $0.parentOperationID == operation.id && $0.firstEventIndex <= failedAt }
                ?? childOperations.last { $0.firstEventIndex <= failedAt } ?? childOperations.first
            if let nested {
                let inner = diagnose(operation: nested, stack: childStack, depth: depth + 1)
                if var cause = inner.rootCause {
                    cause.evidence.append(event.id)
                    return cause
                }
            }
        }
        let reason = StackStatusReason(event.message ?? "")
        if event.resourceType == "AWS::ImageBuilder::Image" || reason.imageBuilderStage != nil {
            return imageBuildFinding(for: event, reason: reason)
        }
        if event.resourceType == "AWS::CloudFormation::Stack" {
            let child = event.physicalResourceID ?? "<nested stack ARN>"
            return Finding(
                severity: .error, code: .stackNestedStackFailed,
                title: "Nested stack \(event.resource) failed (\(event.code))", location: path(of: event),
                evidence: [event.id], error: event.code, cause: event.message,
                explanation: "The failure happened inside the nested stack \(event.resource), whose own events were "
                    + "not given; its reason above only summarises it.",
                remedy: "Fetch the nested stack's events and analyse them with this log: `retrace fetch --stack "
                    + "\(child) -o nested.json` (or `aws cloudformation describe-stack-events --stack-name \(child) > "
                    + "nested.json`), then pass nested.json too; `retrace fetch --stack` on the parent fetches every "
                    + "nested stack with it.")
        }
        let advice = StackFailureRemedies.advice(
            reason: reason, resourceType: event.resourceType, physicalID: event.physicalResourceID)
        return Finding(
            severity: .error, code: .stackResourceFailed, title: title(for: event, reason: reason),
            location: path(of: event), evidence: [event.id], error: reason.handlerErrorCode ?? event.code,
            cause: event.message,
            explanation: "\(event.resource) was the first resource to fail in the \(operation.kind) operation of "
                + "\(operation.subject) (\(event.timeDescription)). \(advice.explanation)",
            remedy: advice.remedy)
    }

    private func title(for event: LifecycleEvent, reason: StackStatusReason) -> String {
        let type = event.resourceType.map { " (\($0))" } ?? ""
        let detail = reason.handlerMessage ?? event.message ?? ""
        let suffix = detail.isEmpty ? "" : ": " + LifecycleDiagnoser.short(detail, 90)
        return "\(event.resource)\(type) \(event.code)\(suffix)"
    }

    /// A ParallelCluster (Image Builder) build failure: the stage, the failing component, and where its logs are.
    private func imageBuildFinding(for event: LifecycleEvent, reason: StackStatusReason) -> Finding {
        let imageID = event.stackName ?? "<image-id>"
        let region = region(of: event.stackID)
        let regionOption = region.map { " --region \($0)" } ?? ""
        let stage = reason.imageBuilderStage.map { " in stage \($0)" } ?? ""
        var explanation = "The Image Builder build of image \(imageID) failed\(stage)"
        if let status = reason.imageBuilderStatus { explanation += " with status \(status)" }
        explanation += "."
        let logFailure = run.log.attachedLogs.first { $0.eventID == nil }.flatMap(LogFailure.init)
        let component = reason.failingComponent ?? logFailure?.component
        if let component { explanation += " The failing component is \(component)." }
        if let failure = reason.imageBuilderFailure { explanation += " Image Builder said: \(failure)" }
        var detail: CauseDetail?
        if let logFailure {
            explanation += " In the \(logFailure.logName), the failure reads: \(logFailure.line)"
            detail = logFailure.causeDetail
        }
        var remedy =
            logFailure != nil
            ? "The build log's last lines above show the failing step's output. The whole log: "
            : "Read the build log: "
        remedy +=
            "`pcluster list-image-log-streams --image-id \(imageID)\(regionOption)`, "
            + "then `pcluster get-image-log-events --image-id \(imageID)\(regionOption) --log-stream-name <stream>` "
            + "(CloudWatch log group /aws/imagebuilder/ParallelClusterImage-\(imageID)); the last lines of the "
            + "failing component's step show the error. Keep the build instance for inspection with "
            + "`DevSettings: TerminateInstanceOnFailure: false` in the image configuration if needed."
        let failureText = (reason.imageBuilderFailure ?? "").lowercased()
        if failureText.contains("ssm agent") {
            remedy +=
                " An SSM Agent failure means the build instance could not reach Systems Manager: build in a "
                + "subnet with internet access or VPC endpoints for SSM."
        } else if component != nil {
            remedy +=
                " A ParallelCluster cookbook component usually fails on an unsupported or outdated parent "
                + "image (ParentImage) or on `Build: UpdateOsPackages`; try a supported, recent base AMI."
        }
        let stageStep: [LocationStep] = reason.imageBuilderStage.map { [.phase($0)] } ?? []
        return Finding(
            severity: .error, code: .imageBuildFailed,
            title: "Image build \(imageID) failed\(stage)"
                + (component.map { ": component \($0)" } ?? ""),
            location: path(of: event) + stageStep, evidence: [event.id],
            error: reason.handlerErrorCode ?? event.code, cause: event.message, causeDetail: detail,
            explanation: explanation, remedy: remedy)
    }

    /// When no resource failed, the stack's own reason explains the failure (a template error found at
    /// change-set execution, a rollback requested by the user).
    private func stackReasonFinding(
        stackEvents: [LifecycleEvent], operation: LifecycleOperation, stack: MachineInstance
    )
        -> Finding
    {
        let explained = stackEvents.first { event in
            guard let message = event.message, !message.isEmpty else { return false }
            let reason = StackStatusReason(message)
            return (event.code.hasSuffix("_FAILED") || event.code.contains("ROLLBACK")) && !reason.isSummary
                && message != "User Initiated"
        }
        let event = explained ?? stackEvents.last
        let evidence = event.map { [$0.id] } ?? []
        let message = event?.message
        return Finding(
            severity: .error, code: .stackFailed,
            title: "Stack \(stack.name) \(event?.code ?? "failed")"
                + (message.map { ": " + LifecycleDiagnoser.short($0, 90) } ?? ""),
            location: LifecycleDiagnoser.location(of: stack), evidence: evidence, error: event?.code, cause: message,
            explanation: "No resource of the stack failed in the \(operation.kind) operation; the stack's own status "
                + "reason is the only explanation in the log.",
            remedy: message == nil
                ? "The log records no reason; look at the stack in the console or describe it with `aws "
                    + "cloudformation describe-stacks --stack-name \(stack.name)`."
                : "Fix what the reason names in the template (validate it with `aws cloudformation "
                    + "validate-template` or cfn-lint) and run the operation again.")
    }

    private func rollbackRemedy(stackEvents: [LifecycleEvent], stack: MachineInstance) -> String {
        if stackEvents.contains(where: { $0.code == "UPDATE_ROLLBACK_FAILED" }) {
            return "Fix or remove what blocks the rollback, then `aws cloudformation continue-update-rollback "
                + "--stack-name \(stack.name)` (with `--resources-to-skip` for resources that cannot be restored)."
        }
        return "Fix what blocks the deletion (for example empty a bucket or detach a policy), then delete the stack; "
            + "use `--retain-resources` for resources that cannot be deleted."
    }

    private func resourceFinding(
        for event: LifecycleEvent, severity: Severity, code: Finding.Code, title: String, lead: String,
        extraRemedy: String? = nil
    ) -> Finding {
        let reason = StackStatusReason(event.message ?? "")
        let advice = StackFailureRemedies.advice(
            reason: reason, resourceType: event.resourceType, physicalID: event.physicalResourceID)
        return Finding(
            severity: severity, code: code, title: title, location: path(of: event), evidence: [event.id],
            error: reason.handlerErrorCode ?? event.code, cause: event.message,
            explanation: "\(lead) \(advice.explanation)", remedy: extraRemedy ?? advice.remedy)
    }

    /// Failed operations before the latest one, so that a successful retry does not hide them completely.
    private func earlierFailures(of stack: MachineInstance, before latest: LifecycleOperation) -> [Finding] {
        run.operations.filter { $0.instanceKey == stack.key && $0.id != latest.id }.compactMap { operation in
            // Its last stack event, looked for from the end (an operation of a large stack has thousands of
            // events, and the last is usually the stack's own).
            let last = operation.eventIDs.reversed().lazy.compactMap { run.event($0) }.first(where: \.isStackEvent)
            guard let last, CloudFormationModel.stackMachine.failureStates.contains(last.code) else {
                return nil
            }
            return Finding(
                severity: .info, code: .stackEarlierOperationFailed,
                title: "An earlier \(operation.kind) operation of \(stack.name) ended \(last.code)",
                location: LifecycleDiagnoser.location(of: stack), evidence: [last.id], error: last.code,
                cause: last.message,
                explanation: "The diagnosis covers the latest operation only; this one came before it.")
        }
    }

    /// The location of a stack event: the stack path (through nested stacks), then the resource.
    private func path(of event: LifecycleEvent) -> [LocationStep] {
        guard let instance = run.instance(CloudFormationModel.instanceKey(of: event)) else {
            return [.resource(event.stackName ?? "stack"), .resource(event.resource)]
        }
        return LifecycleDiagnoser.location(of: instance)
    }

    /// The Region in a CloudFormation stack ARN (`arn:aws:cloudformation:<region>:…`).
    private func region(of stackID: String?) -> String? {
        guard let parts = stackID?.split(separator: ":", omittingEmptySubsequences: false), parts.count > 4,
            parts[0] == "arn", !parts[3].isEmpty
        else { return nil }
        return String(parts[3])
    }
}
