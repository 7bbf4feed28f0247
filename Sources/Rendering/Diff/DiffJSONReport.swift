import Comparison
import RetraceCore

/// `retrace diff --format json`: the comparison for programs. Schema in `docs/json-schema.md` (`kind: "diff"`),
/// stable within `schemaVersion`.
public struct DiffJSONReport {
    /// The schema version of diff documents; bumped only for incompatible changes.
    public static let schemaVersion = 1
    private let differences: [ExecutionDifference]

    /// Creates a report of one or more comparisons against one baseline.
    public init(differences: [ExecutionDifference]) {
        self.differences = differences
    }

    /// The JSON text, ending with a newline.
    public func render() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("schemaVersion", DiffJSONReport.schemaVersion)
        writer.member("kind", "diff")
        writer.key("comparisons")
        writer.beginArray()
        for difference in differences { write(difference, into: &writer) }
        writer.endArray()
        writer.endObject()
        return writer.text + "\n"
    }

    private func write(_ d: ExecutionDifference, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("verdict", d.verdict)
        writer.member("outcomesDiffer", d.outcomesDiffer)
        for (key, side) in [("baseline" as StaticString, d.baseline), ("other", d.other)] {
            writer.key(key)
            writer.beginObject()
            writer.member("name", side.name)
            writer.member("outcome", side.outcome.rawValue)
            writer.member("durationMs", side.durationMilliseconds)
            writer.member("rootCause", side.rootCause)
            writer.member(
                "rootCauseLocation", side.rootCauseLocation.isEmpty ? nil : side.rootCauseLocation.pathDescription)
            writer.endObject()
        }
        writer.key("split")
        if let split = d.split {
            writer.beginObject()
            writer.member("scope", split.scope.pathDescription)
            writer.member("after", split.after)
            writer.member("baselineNext", split.baselineNext)
            writer.member("otherNext", split.otherNext)
            writer.member("reason", split.reason)
            writer.key("inputDifferences")
            writer.beginArray()
            for change in split.inputDifferences {
                writer.beginObject()
                writer.member("path", change.path)
                writer.member("change", change.kind.rawValue)
                writer.key("baseline")
                if let before = change.before { writer.value(before) } else { writer.null() }
                writer.key("other")
                if let after = change.after { writer.value(after) } else { writer.null() }
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        } else {
            writer.null()
        }
        writer.key("states")
        writer.beginArray()
        for state in d.states {
            writer.beginObject()
            writer.member("name", state.name)
            writer.member("type", state.type.rawValue)
            pair(&writer, "visits", Int64(state.visits.baseline), Int64(state.visits.other))
            pair(&writer, "attempts", Int64(state.attempts.baseline), Int64(state.attempts.other))
            pair(&writer, "failures", Int64(state.failures.baseline), Int64(state.failures.other))
            pair(&writer, "totalMs", state.milliseconds.baseline, state.milliseconds.other)
            writer.member("deltaMs", state.millisecondsDelta)
            writer.endObject()
        }
        writer.endArray()
        writer.key("parts")
        writer.beginArray()
        for part in d.parts {
            writer.beginObject()
            writer.member("location", part.location.pathDescription)
            writer.member("baseline", part.baseline?.rawValue)
            writer.member("other", part.other?.rawValue)
            writer.endObject()
        }
        writer.endArray()
        writer.key("children")
        writer.beginArray()
        for child in d.children {
            writer.beginObject()
            writer.member("name", child.name)
            writer.member("baseline", child.baseline?.rawValue)
            writer.member("other", child.other?.rawValue)
            writer.endObject()
        }
        writer.endArray()
        for (key, errors) in [
            ("baselineOnlyErrors" as StaticString, d.baselineOnlyErrors), ("otherOnlyErrors", d.otherOnlyErrors),
        ] {
            writer.key(key)
            writer.beginArray()
            for error in errors {
                writer.beginObject()
                writer.member("state", error.state)
                writer.member("error", error.error)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
    }

    private func pair(_ writer: inout JSONWriter, _ key: StaticString, _ baseline: Int64?, _ other: Int64?) {
        writer.key(key)
        writer.beginObject()
        writer.member("baseline", baseline)
        writer.member("other", other)
        writer.endObject()
    }
}
