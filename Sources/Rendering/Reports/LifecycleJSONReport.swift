import Lifecycles
import RetraceCore

/// The `--format json` report of a deployment log: its lifecycles side by side and the diagnosis, in the same
/// schema family as executions (`docs/json-schema.md`, `kind: "lifecycle"`).
///
/// Each instance's `path` and `transitions` are bounded (`shownEachEnd` at each end, with the number left out
/// between): a stack updated for years moves each resource tens of thousands of times, and a report that listed
/// every move was larger than the log it came from. The whole sequence is in the events (`retrace events`).
public struct LifecycleJSONReport {
    /// The schema version of lifecycle documents; 2 since `path` and `transitions` are bounded (version 1 listed
    /// them whole). Execution documents keep `ExecutionJSONReport.schemaVersion`.
    public static let schemaVersion = 2

    /// How many entries of an instance's `path` and of its `transitions` are written at each end; the entries
    /// between are counted in `pathOmitted` / `transitionsOmitted`.
    public static let shownEachEnd = 50

    private let run: LifecycleRun
    private let diagnosis: Diagnosis
    private let redactor = CredentialRedactor.standard

    /// Creates a report.
    public init(run: LifecycleRun, diagnosis: Diagnosis) {
        self.run = run
        self.diagnosis = diagnosis
    }

    /// The report as pretty-printed JSON text, ending with a newline.
    public func render() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("schemaVersion", LifecycleJSONReport.schemaVersion)
        writer.member("kind", "lifecycle")
        writer.member("source", run.source.rawValue)
        writer.key("sources")
        writer.beginArray()
        for file in run.log.files { writer.string(file) }
        writer.endArray()
        writer.key("log")
        writer.beginObject()
        writer.member("eventCount", run.events.count)
        writer.member("start", run.events.compactMap(\.time).min()?.iso8601)
        writer.member("end", run.events.compactMap(\.time).max()?.iso8601)
        writer.member("serviceName", run.log.serviceName)
        writer.member("serviceId", run.log.serviceID)
        writer.endObject()
        writer.key("verdict")
        if let verdict = diagnosis.verdict {
            writer.beginObject()
            writer.member("status", verdict.status)
            writer.member("operation", verdict.operation)
            writer.member("summary", verdict.summary)
            writer.member("degraded", verdict.isDegraded)
            writer.member("detail", verdict.detail)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.key("diagnosis")
        DiagnosisJSON.write(diagnosis, to: &writer)
        writer.key("instances")
        writer.beginArray()
        for instance in run.instances { write(instance, to: &writer) }
        writer.endArray()
        writer.key("operations")
        writer.beginArray()
        for operation in run.operations {
            writer.beginObject()
            writer.member("id", operation.id)
            writer.member("subject", operation.subject)
            writer.member("kind", operation.kind)
            writer.member("instanceKey", operation.instanceKey)
            writer.member("parentOperationId", operation.parentOperationID)
            writer.key("serviceIds")
            writer.beginArray()
            for id in operation.serviceIDs { writer.string(id) }
            writer.endArray()
            writer.member("undoEventId", operation.undoEventID)
            writer.member("eventCount", operation.eventIDs.count)
            writer.endObject()
        }
        writer.endArray()
        writer.key("warnings")
        WarningsJSON.write(run.log.warnings, to: &writer)
        writer.endObject()
        return writer.text + "\n"
    }

    private func write(_ instance: MachineInstance, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("key", redactor.redact(instance.key))
        writer.member("name", redactor.redact(instance.name))
        writer.member("kind", instance.kind)
        writer.key("scope")
        writer.beginArray()
        for name in instance.scope { writer.string(redactor.redact(name)) }
        writer.endArray()
        writer.member("parentKey", instance.parentKey.map(redactor.redact))
        writer.member("state", instance.state)
        writer.member("resultState", instance.resultState)
        writer.member("status", instance.status.rawValue)
        writer.member("startsMidway", instance.startsMidway)
        let path = Bounded(instance.path)
        writer.key("path")
        writer.beginArray()
        for visit in path.shown {
            writer.beginObject()
            writer.member("state", visit.state)
            writer.member("eventId", visit.eventID)
            writer.member("enteredAt", visit.enteredAt?.iso8601)
            writer.member("exitedAt", visit.exitedAt?.iso8601)
            writer.member("durationMs", visit.durationMilliseconds)
            writer.endObject()
        }
        writer.endArray()
        writer.member("pathOmitted", path.omitted)
        let transitions = Bounded(instance.transitions)
        writer.key("transitions")
        writer.beginArray()
        for transition in transitions.shown {
            writer.beginObject()
            writer.member("from", transition.from)
            writer.member("to", transition.to)
            writer.member("trigger", transition.trigger)
            writer.member("eventId", transition.eventID)
            writer.member("time", transition.time?.iso8601)
            writer.member("expected", transition.isExpected)
            writer.endObject()
        }
        writer.endArray()
        writer.member("transitionsOmitted", transitions.omitted)
        writer.key("anomalies")
        writer.beginArray()
        for anomaly in instance.anomalies {
            writer.beginObject()
            writer.member("kind", anomaly.kind.rawValue)
            writer.member("eventId", anomaly.eventID)
            writer.member("message", redactor.redact(anomaly.message))
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// The first and last `shownEachEnd` elements of a list, and how many were left out between them.
    private struct Bounded<Element> {
        let shown: [Element]
        let omitted: Int

        init(_ all: [Element]) {
            let limit = LifecycleJSONReport.shownEachEnd
            if all.count <= 2 * limit {
                shown = all
                omitted = 0
            } else {
                shown = Array(all.prefix(limit)) + all.suffix(limit)
                omitted = all.count - 2 * limit
            }
        }
    }
}
