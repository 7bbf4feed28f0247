import Diagnostics
import RetraceCore

/// The `--format json` report of many executions: a row each, the failure groups and totals, for programs.
/// Schema in `docs/json-schema.md` (`kind: "batch"`), stable within `schemaVersion`.
public struct BatchJSONReport {
    /// The schema version of batch documents; bumped only for incompatible changes.
    public static let schemaVersion = 1

    private let batch: BatchDiagnosis
    private let redactor = CredentialRedactor.standard

    /// Creates a report.
    public init(batch: BatchDiagnosis) {
        self.batch = batch
    }

    /// The report as pretty-printed JSON text, ending with a newline.
    public func render() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("schemaVersion", BatchJSONReport.schemaVersion)
        writer.member("kind", "batch")
        writer.key("executions")
        writer.beginArray()
        for row in batch.rows { write(row, to: &writer) }
        writer.endArray()
        writer.key("groups")
        writer.beginArray()
        for group in batch.groups {
            writer.beginObject()
            writer.key("signature")
            writer.beginObject()
            writer.member("place", redactor.redact(group.signature.place))
            writer.member("error", redactor.redact(group.signature.error))
            writer.endObject()
            writer.member("count", group.rows.count)
            writer.member("first", redactor.redact(batch.rows[group.first].name))
            writer.member("firstStart", batch.rows[group.first].start?.iso8601)
            writer.member("last", redactor.redact(batch.rows[group.last].name))
            writer.member("lastStart", batch.rows[group.last].start?.iso8601)
            writer.key("executions")
            writer.beginArray()
            for index in group.rows { writer.string(redactor.redact(batch.rows[index].name)) }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.key("totals")
        writer.beginObject()
        writer.member("count", batch.rows.count)
        for outcome in RunOutcome.allCases {
            writer.key(dynamic: outcome.rawValue)
            writer.integer(batch.rows.filter { $0.outcome == outcome }.count)
        }
        writer.endObject()
        writer.key("warnings")
        WarningsJSON.write(batch.warnings, to: &writer)
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }

    private func write(_ row: BatchDiagnosis.Row, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("name", redactor.redact(row.name))
        writer.member("arn", row.arn)
        writer.key("sources")
        writer.beginArray()
        for source in row.sources { writer.string(source) }
        writer.endArray()
        writer.member("outcome", row.outcome.rawValue)
        writer.member("start", row.start?.iso8601)
        writer.member("durationMs", row.durationMilliseconds)
        writer.member("complete", row.isComplete)
        writer.member("childExecutions", row.childCount)
        writer.member("warningCount", row.warningCount)
        writer.key("rootCause")
        if let root = row.rootCause {
            DiagnosisJSON.write(root, to: &writer)
        } else {
            writer.null()
        }
        writer.endObject()
    }
}
