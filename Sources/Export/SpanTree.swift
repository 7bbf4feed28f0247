import Diagnostics
import Lifecycles
import RetraceCore
import StepFunctions

/// One log as a trace: its resource attributes, its spans (parents before children) and the names of its Chrome
/// trace tracks. Built once per log and written by `OTLPTraceEncoder` and `ChromeTraceEncoder`.
public struct SpanTree: Sendable {
    /// The trace's ids.
    public var identity: TraceIdentity
    /// What the trace is about: the service, the cloud account and region when the ARN says them.
    public var resource: [(key: String, value: TraceSpan.Value)]
    /// Every span, parents before children.
    public var spans: [TraceSpan]
    /// The name of each track, in track order (track 1 first).
    public var trackNames: [String]
    /// What people call the log: the execution or deployment name.
    public var name: String

    /// The trace of `log`. Payloads (state inputs and outputs) are attributes only when `includePayloads` is set,
    /// and redacted then; errors, causes and names are always redacted.
    public init(_ log: ExportedLog, includePayloads: Bool) {
        identity = log.identity
        var builder = SpanTreeBuilder(includePayloads: includePayloads)
        switch log {
        case .execution(let execution):
            name = execution.execution.entry.name
            resource = SpanTree.resource(
                arn: execution.execution.tree.history.executionArn, source: "stepfunctions", provider: "aws")
            builder.add(execution, identity: identity, parent: nil, kind: .execution)
        case .deployment(let deployment):
            name = deployment.run.log.name
            let source = deployment.run.log.source
            resource = SpanTree.resource(arn: nil, source: source.rawValue, provider: source.family.cloudProvider)
            builder.add(deployment, identity: identity)
        }
        spans = builder.spans
        trackNames = builder.trackNames
    }

    /// `service.name` is the state machine (from the execution ARN) or the log's service; the cloud attributes are
    /// OpenTelemetry's resource conventions.
    private static func resource(arn: String?, source: String, provider: String) -> [(
        key: String, value: TraceSpan.Value
    )] {
        var attributes: [(key: String, value: TraceSpan.Value)] = []
        // arn:partition:states:region:account:execution:stateMachine:name
        let parts = arn?.split(separator: ":", omittingEmptySubsequences: false).map(String.init) ?? []
        let machine = parts.count >= 8 && parts[5] == "execution" ? parts[6] : nil
        attributes.append(("service.name", .string(CredentialRedactor.standard.redact(machine ?? source))))
        attributes.append(("cloud.provider", .string(provider)))
        if parts.count >= 8 {
            if !parts[3].isEmpty { attributes.append(("cloud.region", .string(parts[3]))) }
            if !parts[4].isEmpty { attributes.append(("cloud.account.id", .string(parts[4]))) }
        }
        attributes.append(("retrace.source", .string(source)))
        return attributes
    }
}

/// Walks an execution tree (or a deployment's lifecycles) into spans.
struct SpanTreeBuilder {
    let includePayloads: Bool
    let redactor = CredentialRedactor.standard
    private(set) var spans: [TraceSpan] = []
    private(set) var trackNames: [String] = []

    init(includePayloads: Bool) {
        self.includePayloads = includePayloads
    }

    private mutating func newTrack(_ name: String) -> Int {
        trackNames.append(name)
        return trackNames.count
    }

    // MARK: - Step Functions

    mutating func add(
        _ exported: ExportedExecution, identity: TraceIdentity, parent: UInt64?, kind: TraceSpan.Kind
    ) {
        let execution = exported.execution
        let tree = execution.tree
        let name = redactor.redact(execution.entry.name)
        let track = newTrack(kind == .execution ? name : "child \(name)")
        let id = identity.spanID(.execution, 0)
        var attributes: [(key: String, value: TraceSpan.Value)] = [
            ("retrace.span.kind", .string(kind.rawValue)),
            ("retrace.execution.name", .string(name)),
        ]
        if let arn = tree.history.executionArn { attributes.append(("retrace.execution.arn", .string(arn))) }
        attributes.append(("retrace.outcome", .string(tree.outcome.rawValue)))
        attributes.append(("retrace.history.complete", .bool(tree.history.completeness.isComplete)))
        if tree.redriveCount > 0 { attributes.append(("retrace.redrive_count", .integer(Int64(tree.redriveCount)))) }
        let diagnosis = execution.diagnosis
        if let root = diagnosis.rootCause {
            let signature = BatchDiagnosis.Row(.execution(execution)).signature
            attributes.append(("retrace.root_cause.code", .string(root.code.rawValue)))
            attributes.append(("retrace.root_cause.title", .string(redactor.redact(root.title))))
            if let signature {
                attributes.append(("retrace.root_cause.place", .string(redactor.redact(signature.place))))
                attributes.append(("retrace.root_cause.error", .string(redactor.redact(signature.error))))
            }
            if !root.location.isEmpty {
                attributes.append(
                    ("retrace.root_cause.location", .string(redactor.redact(root.location.pathDescription))))
            }
        }
        if includePayloads {
            if let input = tree.input { attributes.append(("retrace.input", .string(redactor.redact(input.text)))) }
            if let output = tree.output { attributes.append(("retrace.output", .string(redactor.redact(output.text)))) }
        }
        let last = tree.runs.last
        var exceptions: [TraceSpan.Exception] = []
        if tree.outcome.isFailure, let last, last.error != nil || last.cause != nil {
            exceptions.append(exception(at: last.end, error: last.error ?? tree.outcome.rawValue, cause: last.cause))
            if let error = last.error { attributes.append(("error.type", .string(redactor.redact(error)))) }
        }
        spans.append(
            TraceSpan(
                id: id, parent: parent, kind: kind, name: name, start: tree.start, end: tree.end,
                outcome: tree.outcome.isFailure ? .error : (tree.outcome == .succeeded ? .ok : .unset),
                statusMessage: tree.outcome.isFailure ? last?.error ?? tree.outcome.rawValue : nil,
                attributes: attributes, exceptions: exceptions, track: track))
        var context = Context(
            identity: identity, rootEvidence: Set(diagnosis.rootCause?.evidence ?? []), mapRunSpans: [:])
        for visit in tree.visits { add(visit, parent: id, track: track, context: &context) }
        for child in exported.children {
            let childIdentity = identity.nested(key: child.key)
            let holder = child.execution.entry.link.flatMap { context.mapRunSpans[$0.mapRunStartedEventID] } ?? id
            add(child, identity: childIdentity, parent: holder, kind: .childExecution)
        }
    }

    /// What the walk of one execution carries along.
    private struct Context {
        var identity: TraceIdentity
        /// The root cause's evidence: the spans whose failure event is among them are the root cause.
        var rootEvidence: Set<String>
        /// The visit span of each distributed Map, by its `MapRunStarted` event id.
        var mapRunSpans: [Int64: UInt64]
    }

    private func exception(at time: Instant?, error: String, cause: String?) -> TraceSpan.Exception {
        TraceSpan.Exception(time: time, type: redactor.redact(error), message: cause.map { redactor.redact($0) })
    }

    private static func outcome(_ status: Status) -> TraceSpan.Outcome {
        switch status {
        case .succeeded: return .ok
        case .failed, .timedOut: return .error
        case .caught, .aborted, .running: return .unset
        }
    }

    private mutating func add(_ visit: StateVisit, parent: UInt64, track: Int, context: inout Context) {
        let id = context.identity.spanID(.visit, visit.enteredEventID)
        if let mapRun = visit.mapRun { context.mapRunSpans[mapRun.startedEventID] = id }
        let name = redactor.redact(visit.name)
        var attributes: [(key: String, value: TraceSpan.Value)] = [
            ("retrace.span.kind", .string(TraceSpan.Kind.visit.rawValue)),
            ("retrace.state.name", .string(name)),
            ("retrace.state.type", .string(visit.type.rawValue)),
            ("retrace.status", .string(visit.status.rawValue)),
            ("retrace.event.entered_id", .integer(visit.enteredEventID)),
        ]
        if visit.run > 0 { attributes.append(("retrace.run", .integer(Int64(visit.run)))) }
        if !visit.attempts.isEmpty {
            attributes.append(("retrace.attempt.count", .integer(Int64(visit.attempts.count))))
        }
        if let count = visit.itemCount { attributes.append(("retrace.map.item_count", .integer(count))) }
        if let arn = visit.mapRun?.arn { attributes.append(("retrace.map_run.arn", .string(arn))) }
        let attemptIsRoot = visit.attempts.contains { isRoot($0.endEventID, context) }
        let root = !attemptIsRoot && isRoot(visit.failureEventID, context)
        var exceptions: [TraceSpan.Exception] = []
        if let error = visit.error {
            attributes.append(("error.type", .string(redactor.redact(error))))
            let time = visit.failureEventID.flatMap { _ in visit.end }
            exceptions.append(exception(at: time, error: error, cause: visit.cause))
        }
        if root { attributes.append(("retrace.root_cause", .bool(true))) }
        if includePayloads {
            if let input = visit.input { attributes.append(("retrace.input", .string(redactor.redact(input.text)))) }
            if let output = visit.output {
                attributes.append(("retrace.output", .string(redactor.redact(output.text))))
            }
        }
        spans.append(
            TraceSpan(
                id: id, parent: parent, kind: .visit, name: name, start: visit.start, end: visit.end,
                outcome: SpanTreeBuilder.outcome(visit.status),
                statusMessage: visit.status.isFailure ? visit.error.map { redactor.redact($0) } : nil,
                attributes: attributes, exceptions: exceptions, track: track))
        for attempt in visit.attempts { add(attempt, of: visit, parent: id, track: track, context: context) }
        for branch in visit.branches {
            let branchID = context.identity.spanID(
                .branch, visit.enteredEventID &* 4096 &+ Int64(branch.number))
            let branchTrack = newTrack("\(name) › branch \(branch.number)")
            spans.append(
                TraceSpan(
                    id: branchID, parent: id, kind: .branch, name: "branch \(branch.number)", start: branch.start,
                    end: branch.end, outcome: SpanTreeBuilder.outcome(branch.status), statusMessage: nil,
                    attributes: [
                        ("retrace.span.kind", .string(TraceSpan.Kind.branch.rawValue)),
                        ("retrace.branch.number", .integer(Int64(branch.number))),
                        ("retrace.status", .string(branch.status.rawValue)),
                    ], exceptions: [], track: branchTrack))
            for inner in branch.visits { add(inner, parent: branchID, track: branchTrack, context: &context) }
        }
        for iteration in visit.iterations {
            let iterationID = context.identity.spanID(.iteration, iteration.startedEventID)
            let iterationTrack = newTrack("\(name) › iteration \(iteration.index)")
            spans.append(
                TraceSpan(
                    id: iterationID, parent: id, kind: .iteration, name: "iteration \(iteration.index)",
                    start: iteration.start, end: iteration.end, outcome: SpanTreeBuilder.outcome(iteration.status),
                    statusMessage: nil,
                    attributes: [
                        ("retrace.span.kind", .string(TraceSpan.Kind.iteration.rawValue)),
                        ("retrace.iteration.index", .integer(Int64(iteration.index))),
                        ("retrace.status", .string(iteration.status.rawValue)),
                    ], exceptions: [], track: iterationTrack))
            for inner in iteration.visits { add(inner, parent: iterationID, track: iterationTrack, context: &context) }
        }
    }

    private func isRoot(_ eventID: Int64?, _ context: Context) -> Bool {
        guard let eventID, !context.rootEvidence.isEmpty else { return false }
        return context.rootEvidence.contains(String(eventID))
    }

    private mutating func add(
        _ attempt: TaskAttempt, of visit: StateVisit, parent: UInt64, track: Int, context: Context
    ) {
        var attributes: [(key: String, value: TraceSpan.Value)] = [
            ("retrace.span.kind", .string(TraceSpan.Kind.attempt.rawValue)),
            ("retrace.attempt.number", .integer(Int64(attempt.number))),
            ("retrace.status", .string(attempt.status.rawValue)),
        ]
        if let resource = attempt.resource {
            attributes.append(("retrace.task.resource", .string(redactor.redact(resource))))
        }
        if let type = attempt.resourceType { attributes.append(("retrace.task.resource_type", .string(type))) }
        if let backoff = attempt.backoffMilliseconds {
            attributes.append(("retrace.attempt.backoff_ms", .integer(backoff)))
        }
        var exceptions: [TraceSpan.Exception] = []
        if let error = attempt.error {
            attributes.append(("error.type", .string(redactor.redact(error))))
            exceptions.append(exception(at: attempt.ended, error: error, cause: attempt.cause))
        }
        if isRoot(attempt.endEventID, context) { attributes.append(("retrace.root_cause", .bool(true))) }
        spans.append(
            TraceSpan(
                id: context.identity.spanID(.attempt, attempt.scheduledEventID), parent: parent,
                kind: .attempt, name: "\(redactor.redact(visit.name)) attempt \(attempt.number)",
                start: attempt.scheduled, end: attempt.ended, outcome: SpanTreeBuilder.outcome(attempt.status),
                statusMessage: attempt.status.isFailure ? attempt.error.map { redactor.redact($0) } : nil,
                attributes: attributes, exceptions: exceptions, track: track))
    }

    // MARK: - Deployments

    mutating func add(_ deployment: AnalyzedDeployment, identity: TraceIdentity) {
        let run = deployment.run
        let diagnosis = deployment.diagnosis
        let name = redactor.redact(run.log.name)
        let rootTrack = newTrack(name)
        let rootID = identity.spanID(.execution, 0)
        let times = run.events.compactMap(\.time)
        var attributes: [(key: String, value: TraceSpan.Value)] = [
            ("retrace.span.kind", .string(TraceSpan.Kind.deployment.rawValue)),
            ("retrace.deployment.name", .string(name)),
            ("retrace.outcome", .string(diagnosis.outcome.rawValue)),
        ]
        if let verdict = diagnosis.verdict {
            attributes.append(("retrace.deployment.status", .string(redactor.redact(verdict.status))))
        }
        var exceptions: [TraceSpan.Exception] = []
        if let root = diagnosis.rootCause {
            attributes.append(("retrace.root_cause.code", .string(root.code.rawValue)))
            attributes.append(("retrace.root_cause.title", .string(redactor.redact(root.title))))
            if !root.location.isEmpty {
                attributes.append(
                    ("retrace.root_cause.location", .string(redactor.redact(root.location.pathDescription))))
            }
            if let error = root.error { attributes.append(("error.type", .string(redactor.redact(error)))) }
            exceptions.append(exception(at: times.max(), error: root.error ?? root.code.rawValue, cause: root.cause))
        }
        spans.append(
            TraceSpan(
                id: rootID, parent: nil, kind: .deployment, name: name, start: times.min(), end: times.max(),
                outcome: diagnosis.outcome.isFailure ? .error : (diagnosis.outcome == .succeeded ? .ok : .unset),
                statusMessage: diagnosis.outcome.isFailure ? root(diagnosis) : nil, attributes: attributes,
                exceptions: exceptions, track: rootTrack))
        var ids: [String: UInt64] = [:]
        for (index, instance) in run.instances.enumerated() {
            ids[instance.key] = identity.spanID(.instance, Int64(index))
        }
        for (index, instance) in run.instances.enumerated() {
            let id = ids[instance.key] ?? rootID
            let instanceName = redactor.redact(instance.name)
            let track = newTrack(instanceName)
            let entered = instance.path.compactMap(\.enteredAt)
            let failed = instance.status == .failed
            spans.append(
                TraceSpan(
                    id: id, parent: instance.parentKey.flatMap { ids[$0] } ?? rootID, kind: .instance,
                    name: instanceName, start: entered.min(),
                    end: instance.path.compactMap { $0.exitedAt ?? $0.enteredAt }.max(),
                    outcome: failed ? .error : (instance.status == .succeeded ? .ok : .unset),
                    statusMessage: failed ? redactor.redact(instance.resultState ?? instance.state) : nil,
                    attributes: [
                        ("retrace.span.kind", .string(TraceSpan.Kind.instance.rawValue)),
                        ("retrace.instance.kind", .string(redactor.redact(instance.kind))),
                        ("retrace.status", .string(instance.status.rawValue)),
                        ("retrace.state.name", .string(redactor.redact(instance.state))),
                    ], exceptions: [], track: track))
            for (position, stay) in instance.path.enumerated() {
                let stayFailed = instance.machine.failureStates.contains(stay.state)
                spans.append(
                    TraceSpan(
                        id: identity.spanID(.stay, Int64(index) << 20 | Int64(position)), parent: id,
                        kind: .stay, name: redactor.redact(stay.state), start: stay.enteredAt,
                        end: stay.exitedAt ?? stay.enteredAt, outcome: stayFailed ? .error : .unset,
                        statusMessage: stayFailed ? redactor.redact(stay.state) : nil,
                        attributes: [
                            ("retrace.span.kind", .string(TraceSpan.Kind.stay.rawValue)),
                            ("retrace.state.name", .string(redactor.redact(stay.state))),
                        ] + (stay.eventID.map { [("retrace.event.id", TraceSpan.Value.string($0))] } ?? []),
                        exceptions: [], track: track))
            }
        }
    }

    private func root(_ diagnosis: Diagnosis) -> String {
        redactor.redact(diagnosis.rootCause?.error ?? diagnosis.outcome.rawValue)
    }
}

extension SpanTree {
    /// Each span's start and end in milliseconds since the epoch, in `spans` order. A time the log does not record
    /// is taken from the enclosing span (a span's end, missing, is its start), and 0 when no span has one: both
    /// formats need a number, and a span placed at its parent's start still shows where it belongs.
    public func resolvedTimes() -> [(start: Int64, end: Int64)] {
        var byID: [UInt64: (start: Int64, end: Int64)] = [:]
        byID.reserveCapacity(spans.count)
        var times: [(start: Int64, end: Int64)] = []
        times.reserveCapacity(spans.count)
        for span in spans {
            let parent = span.parent.flatMap { byID[$0] }
            let start = span.start?.millisecondsSinceEpoch ?? parent?.start ?? 0
            let end = max(span.end?.millisecondsSinceEpoch ?? start, start)
            byID[span.id] = (start, end)
            times.append((start, end))
        }
        return times
    }
}
