import Replay
import RetraceCore

/// The `retrace replay --definition --format json` document: per execution, every divergence with its event,
/// state path, check, expected and recorded value, what was not compared, and how many visits were compared.
/// Schema in `docs/json-schema.md` (`kind: "replay"`), stable within `schemaVersion`, so that CI can gate on it.
public struct ReplayJSONReport {
    /// The schema version of replay documents; bumped only for incompatible changes.
    public static let schemaVersion = 1

    private let definition: String
    private let executions: [ReplayedExecution]
    private let skipped: [String]
    private let redactor = CredentialRedactor.standard

    /// Creates a report of `executions` replayed against the definition read from `definition`; `skipped` names
    /// the executions given that ran another definition.
    public init(definition: String, executions: [ReplayedExecution], skipped: [String] = []) {
        self.definition = definition
        self.executions = executions
        self.skipped = skipped
    }

    /// The report as pretty-printed JSON text, ending with a newline.
    public func render() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("schemaVersion", Self.schemaVersion)
        writer.member("kind", "replay")
        writer.member("definition", redactor.redact(definition))
        writer.member("agrees", executions.allSatisfy(\.report.agrees))
        writer.key("executions")
        writer.beginArray()
        for execution in executions { write(execution, to: &writer) }
        writer.endArray()
        writer.key("skipped")
        writer.beginArray()
        for name in skipped { writer.string(redactor.redact(name)) }
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }

    private func write(_ execution: ReplayedExecution, to writer: inout JSONWriter) {
        let report = execution.report
        writer.beginObject()
        writer.member("name", redactor.redact(execution.name))
        writer.member("arn", execution.arn.map(redactor.redact))
        writer.member("agrees", report.agrees)
        writer.key("visits")
        writer.beginObject()
        writer.member("recorded", report.visitsRecorded)
        writer.member("compared", report.statesReplayed)
        writer.member("notCompared", report.visitsNotCompared)
        writer.endObject()
        writer.member("agreements", report.agreements)
        writer.key("divergences")
        writer.beginArray()
        for divergence in report.divergences {
            writer.beginObject()
            writer.member("eventId", divergence.eventID)
            writer.key("path")
            writer.beginArray()
            for step in divergence.statePath { writer.string(redactor.redact(step.description)) }
            writer.endArray()
            writer.member("state", divergence.state.map(redactor.redact))
            writer.member("check", divergence.kind.rawValue)
            writer.member("expected", redactor.redact(divergence.expected))
            writer.member("recorded", redactor.redact(divergence.recorded))
            writer.endObject()
        }
        writer.endArray()
        writer.key("notCompared")
        writer.beginArray()
        for entry in report.notCompared {
            writer.beginObject()
            writer.member("category", entry.category.rawValue)
            writer.member("eventId", entry.eventID)
            writer.key("path")
            writer.beginArray()
            for step in entry.location { writer.string(redactor.redact(step.description)) }
            writer.endArray()
            writer.member("detail", redactor.redact(entry.detail))
            writer.endObject()
        }
        writer.endArray()
        writer.key("notComparedCounts")
        writer.beginObject()
        for (category, count) in report.notComparedCounts {
            writer.key(dynamic: category.rawValue)
            writer.integer(count)
        }
        writer.endObject()
        writer.endObject()
    }

}
