import Diagnostics
import Lifecycles
import RetraceCore
import StepFunctions

/// Writes a log as rows of the four export tables, one JSON object per line, for SQL engines over files (DuckDB,
/// Athena, Spark, Trino): stable snake_case column names, each always present (null when unknown) with one
/// type, times as ISO 8601 UTC text and epoch milliseconds side by side, durations in milliseconds.
public struct NDJSONTableEncoder: Sendable {
    /// The version of the tables' columns, in every row as `schema_version`: raised when a column is renamed,
    /// removed or changes type (new columns may be added within a version).
    public static let schemaVersion = 1
    /// Whether state and execution inputs and outputs are columns (redacted).
    public var includePayloads: Bool
    private let redactor = CredentialRedactor.standard

    /// Creates an encoder.
    public init(includePayloads: Bool) {
        self.includePayloads = includePayloads
    }

    /// The rows of `log`, one byte buffer per table (each row ending with a newline).
    public func encode(_ log: ExportedLog) -> [ExportTable: [UInt8]] {
        var rows = Rows()
        let identity = log.identity
        switch log {
        case .execution(let execution):
            add(execution, identity: identity, parent: nil, into: &rows)
        case .deployment(let deployment):
            add(deployment, identity: identity, into: &rows)
        }
        return [
            .executions: rows.executions.bytes, .visits: rows.visits.bytes, .attempts: rows.attempts.bytes,
            .findings: rows.findings.bytes,
        ]
    }

    private struct Rows {
        var executions = JSONWriter(compact: true)
        var visits = JSONWriter(compact: true)
        var attempts = JSONWriter(compact: true)
        var findings = JSONWriter(compact: true)
    }

    // MARK: - Step Functions

    private func add(
        _ exported: ExportedExecution, identity: TraceIdentity, parent: UInt64?, into rows: inout Rows
    ) {
        let execution = exported.execution
        let tree = execution.tree
        let executionID = TraceIdentity.hex(identity.spanID(.execution, 0))
        let row = BatchDiagnosis.Row(.execution(execution))
        let name = redactor.redact(execution.entry.name)
        let keys = RowKeys(traceID: identity.traceID, executionID: executionID, executionName: name)
        begin(&rows.executions, keys)
        rows.executions.member("parent_execution_id", parent.map { TraceIdentity.hex($0) })
        rows.executions.member("arn", tree.history.executionArn.map { redactor.redact($0) })
        rows.executions.member("source", "stepfunctions")
        rows.executions.member("outcome", tree.outcome.rawValue)
        rows.executions.member("complete", tree.history.completeness.isComplete)
        time(&rows.executions, "start", tree.start)
        time(&rows.executions, "end", tree.end)
        rows.executions.member("duration_ms", tree.durationMilliseconds)
        rows.executions.member("event_count", tree.events.count)
        rows.executions.member("visit_count", tree.placedVisits.count)
        rows.executions.member("child_count", exported.children.count)
        rows.executions.member("redrive_count", tree.redriveCount)
        rows.executions.member("warning_count", tree.warnings.count)
        rootCause(&rows.executions, execution.diagnosis.rootCause, signature: row.signature)
        if includePayloads {
            rows.executions.member("input", tree.input.map { redactor.redact($0.text) })
            rows.executions.member("output", tree.output.map { redactor.redact($0.text) })
        }
        end(&rows.executions)
        let evidence = Set(execution.diagnosis.rootCause?.evidence ?? [])
        for placed in tree.placedVisits {
            let visit = placed.visit
            let path = placed.path
            let visitID = TraceIdentity.hex(identity.spanID(.visit, visit.enteredEventID))
            let attemptIsRoot = visit.attempts.contains { $0.endEventID.map { evidence.contains(String($0)) } ?? false }
            begin(&rows.visits, keys)
            rows.visits.member("visit_id", visitID)
            rows.visits.member("state", redactor.redact(visit.name))
            rows.visits.member("type", visit.type.rawValue)
            rows.visits.member("status", visit.status.rawValue)
            rows.visits.member("path", redactor.redact(path.pathDescription))
            rows.visits.member("depth", placed.depth)
            rows.visits.member(
                "iteration", innermost(path) { if case .iteration(let index) = $0 { index } else { nil } })
            rows.visits.member("branch", innermost(path) { if case .branch(let number) = $0 { number } else { nil } })
            rows.visits.member("run", visit.run)
            rows.visits.member("entered_event_id", visit.enteredEventID)
            time(&rows.visits, "start", visit.start)
            time(&rows.visits, "end", visit.end)
            rows.visits.member("duration_ms", visit.durationMilliseconds)
            rows.visits.member("attempt_count", visit.attempts.count)
            rows.visits.member("failed_attempt_count", visit.attempts.count { $0.status.isFailure })
            rows.visits.member("error", visit.error.map { redactor.redact($0) })
            rows.visits.member("cause", visit.cause.map { redactor.redact($0) })
            rows.visits.member(
                "is_root_cause",
                !attemptIsRoot && (visit.failureEventID.map { evidence.contains(String($0)) } ?? false))
            if includePayloads {
                rows.visits.member("input", visit.input.map { redactor.redact($0.text) })
                rows.visits.member("output", visit.output.map { redactor.redact($0.text) })
            }
            end(&rows.visits)
            for attempt in visit.attempts {
                begin(&rows.attempts, keys)
                rows.attempts.member("visit_id", visitID)
                rows.attempts.member(
                    "attempt_id", TraceIdentity.hex(identity.spanID(.attempt, attempt.scheduledEventID)))
                rows.attempts.member("state", redactor.redact(visit.name))
                rows.attempts.member("number", attempt.number)
                rows.attempts.member("status", attempt.status.rawValue)
                rows.attempts.member("resource", attempt.resource.map { redactor.redact($0) })
                rows.attempts.member("resource_type", attempt.resourceType)
                time(&rows.attempts, "scheduled", attempt.scheduled)
                time(&rows.attempts, "started", attempt.started)
                time(&rows.attempts, "ended", attempt.ended)
                rows.attempts.member("duration_ms", attempt.durationMilliseconds)
                rows.attempts.member("backoff_ms", attempt.backoffMilliseconds)
                rows.attempts.member("error", attempt.error.map { redactor.redact($0) })
                rows.attempts.member("cause", attempt.cause.map { redactor.redact($0) })
                rows.attempts.member("is_root_cause", attempt.endEventID.map { evidence.contains(String($0)) } ?? false)
                end(&rows.attempts)
            }
        }
        findings(execution.diagnosis, signature: row.signature, keys: keys, into: &rows.findings)
        for child in exported.children {
            add(child, identity: identity.nested(key: child.key), parent: identity.spanID(.execution, 0), into: &rows)
        }
    }

    private func innermost(_ path: [LocationStep], _ pick: (LocationStep) -> Int?) -> Int64? {
        path.reversed().lazy.compactMap(pick).first.map(Int64.init)
    }

    // MARK: - Deployments

    private func add(_ deployment: AnalyzedDeployment, identity: TraceIdentity, into rows: inout Rows) {
        let run = deployment.run
        let diagnosis = deployment.diagnosis
        let row = BatchDiagnosis.Row(.deployment(deployment))
        let keys = RowKeys(
            traceID: identity.traceID, executionID: TraceIdentity.hex(identity.spanID(.execution, 0)),
            executionName: redactor.redact(run.log.name))
        let times = run.events.compactMap(\.time)
        begin(&rows.executions, keys)
        rows.executions.member("parent_execution_id", nil as String?)
        rows.executions.member("arn", nil as String?)
        rows.executions.member("source", run.log.source.rawValue)
        rows.executions.member("outcome", diagnosis.outcome.rawValue)
        rows.executions.member("complete", true)
        time(&rows.executions, "start", times.min())
        time(&rows.executions, "end", times.max())
        rows.executions.member("duration_ms", row.durationMilliseconds)
        rows.executions.member("event_count", run.events.count)
        rows.executions.member("visit_count", run.instances.reduce(0) { $0 + $1.path.count })
        rows.executions.member("child_count", 0)
        rows.executions.member("redrive_count", 0)
        rows.executions.member("warning_count", run.log.warnings.count)
        rootCause(&rows.executions, diagnosis.rootCause, signature: row.signature)
        if includePayloads {
            rows.executions.member("input", nil as String?)
            rows.executions.member("output", nil as String?)
        }
        end(&rows.executions)
        for (index, instance) in run.instances.enumerated() {
            let scope = (instance.scope + [instance.name]).map { redactor.redact($0) }
            for (position, stay) in instance.path.enumerated() {
                let failed = instance.machine.failureStates.contains(stay.state)
                let succeeded = instance.machine.successStates.contains(stay.state)
                begin(&rows.visits, keys)
                rows.visits.member(
                    "visit_id", TraceIdentity.hex(identity.spanID(.stay, Int64(index) << 20 | Int64(position))))
                rows.visits.member("state", redactor.redact(stay.state))
                rows.visits.member("type", redactor.redact(instance.kind))
                rows.visits.member("status", failed ? "failed" : succeeded ? "succeeded" : "entered")
                rows.visits.member("path", (scope + [redactor.redact(stay.state)]).joined(separator: " › "))
                rows.visits.member("depth", scope.count + 1)
                rows.visits.member("iteration", nil as Int64?)
                rows.visits.member("branch", nil as Int64?)
                rows.visits.member("run", 0)
                rows.visits.member("entered_event_id", nil as Int64?)
                time(&rows.visits, "start", stay.enteredAt)
                time(&rows.visits, "end", stay.exitedAt)
                rows.visits.member("duration_ms", stay.durationMilliseconds)
                rows.visits.member("attempt_count", 0)
                rows.visits.member("failed_attempt_count", 0)
                rows.visits.member("error", nil as String?)
                rows.visits.member("cause", nil as String?)
                rows.visits.member("is_root_cause", false)
                if includePayloads {
                    rows.visits.member("input", nil as String?)
                    rows.visits.member("output", nil as String?)
                }
                end(&rows.visits)
            }
        }
        findings(diagnosis, signature: row.signature, keys: keys, into: &rows.findings)
    }

    // MARK: - Shared columns

    /// The columns that start every row: which schema, which trace, which execution.
    private struct RowKeys {
        var traceID: String
        var executionID: String
        var executionName: String
    }

    private func begin(_ writer: inout JSONWriter, _ keys: RowKeys) {
        writer.beginObject()
        writer.member("schema_version", NDJSONTableEncoder.schemaVersion)
        writer.member("trace_id", keys.traceID)
        writer.member("execution_id", keys.executionID)
        writer.member("execution_name", keys.executionName)
    }

    private func end(_ writer: inout JSONWriter) {
        writer.endObject()
        writer.nextDocument(separator: "\n")
    }

    /// `name` as ISO 8601 text and `name_ms` as epoch milliseconds.
    private func time(_ writer: inout JSONWriter, _ name: String, _ instant: Instant?) {
        writer.key(dynamic: name)
        writer.instant(instant)
        writer.key(dynamic: name + "_ms")
        writer.integer(instant?.millisecondsSinceEpoch)
    }

    private func rootCause(_ writer: inout JSONWriter, _ finding: Finding?, signature: BatchDiagnosis.Signature?) {
        writer.member("root_cause_code", finding?.code.rawValue)
        writer.member("root_cause_title", finding.map { redactor.redact($0.title) })
        writer.member("root_cause_location", finding.map { redactor.redact($0.location.pathDescription) })
        writer.member("root_cause_place", signature.map { redactor.redact($0.place) })
        writer.member("root_cause_error", signature.map { redactor.redact($0.error) })
        writer.member("root_cause_signature", signature.map { redactor.redact(NDJSONTableEncoder.signature($0)) })
    }

    /// A failure's signature as one column: `place: error`, what `retrace analyze` groups failures by.
    public static func signature(_ signature: BatchDiagnosis.Signature) -> String {
        "\(signature.place): \(signature.error)"
    }

    private func findings(
        _ diagnosis: Diagnosis, signature: BatchDiagnosis.Signature?, keys: RowKeys, into writer: inout JSONWriter
    ) {
        let all = (diagnosis.rootCause.map { [($0, true)] } ?? []) + diagnosis.findings.map { ($0, false) }
        for (position, (finding, isRoot)) in all.enumerated() {
            begin(&writer, keys)
            writer.member("position", position)
            writer.member("is_root_cause", isRoot)
            writer.member("severity", finding.severity.rawValue)
            writer.member("code", finding.code.rawValue)
            writer.member("title", redactor.redact(finding.title))
            writer.member("location", redactor.redact(finding.location.pathDescription))
            writer.member("error", finding.error.map { redactor.redact($0) })
            writer.member("cause", finding.cause.map { redactor.redact($0) })
            writer.member("summary", finding.causeDetail.map { redactor.redact($0.summary) })
            writer.member("remedy", finding.remedy.map { redactor.redact($0) })
            writer.member(
                "signature", isRoot ? signature.map { redactor.redact(NDJSONTableEncoder.signature($0)) } : nil)
            writer.member("evidence_event_id", finding.evidence.first)
            end(&writer)
        }
    }
}
