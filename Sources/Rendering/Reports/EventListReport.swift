import RetraceCore
import StepFunctions

/// `retrace events`: the history's events as a list, each with its place in the tree and what its details
/// say, including events of types this version does not know (shown with their raw details).
public struct EventListReport {
    /// Which events to list.
    public struct Filter: Sendable {
        /// Only these event types (names as the API writes them); empty for all.
        public var types: Set<String> = []
        /// Only events at or under a state of this name.
        public var state: String?
        /// Only failures (leaf failures, propagation and terminal failure events).
        public var failedOnly = false

        /// Creates a filter.
        public init(types: Set<String> = [], state: String? = nil, failedOnly: Bool = false) {
            self.types = types
            self.state = state
            self.failedOnly = failedOnly
        }
    }

    private let tree: ExecutionTree
    private let filter: Filter
    private let label: String?
    private let redactor = CredentialRedactor.standard

    /// Creates a list of `tree`'s events that pass `filter`.
    /// - Parameter label: the execution's name, shown with its events when several executions are listed.
    public init(tree: ExecutionTree, filter: Filter, label: String? = nil) {
        self.label = label
        self.tree = tree
        self.filter = filter
    }

    /// The events listed, each with its place.
    public func rows() -> [(event: HistoryEvent, path: [LocationStep])] {
        tree.events.compactMap { event in
            if !filter.types.isEmpty, !filter.types.contains(event.type.name) { return nil }
            if filter.failedOnly, !event.type.recordsFailure { return nil }
            let path = event.id > 0 ? tree.location(ofEvent: event.id) : []
            if let state = filter.state, !path.contains(.state(state)), event.details.name != state { return nil }
            return (event, path)
        }
    }

    /// Aligned text: id, time, type, place, details.
    public func text(style: TextStyle) -> String {
        var table = TextTable(columns: [
            .init("Event", alignment: .right), .init("Time"), .init("Type"), .init("Where", maximumWidth: 60),
            .init("Details", maximumWidth: 100),
        ])
        let rows = rows()
        for (event, path) in rows {
            // An unknown type's name is the log's text, as any other.
            let type = clean(event.type.name)
            let styledType: String
            if case .unknown = event.type {
                styledType = style.yellow(type + " (unknown)")
            } else {
                styledType = event.type.recordsFailure ? style.red(type) : type
            }
            table.addRow([
                "#\(event.id)", event.timestamp.map(TimeText.human) ?? style.dim("–"), styledType,
                clean(path.isEmpty ? "execution" : path.pathDescription), clean(summary(event)),
            ])
        }
        let heading = label.map { style.bold("Execution \(clean($0))") + "\n" } ?? ""
        if rows.isEmpty { return heading + "No event matches.\n" }
        return heading + table.render(style: style) + "\n" + style.dim("\(rows.count) of \(tree.events.count) events")
            + "\n"
    }

    /// JSON: an array of events with every detail that is present (payloads as recorded text).
    public func json() -> String { EventListReport.json([self]) }

    /// JSON: one array of the events of several executions, each event naming its execution when labelled.
    public static func json(_ reports: [EventListReport]) -> String {
        var text: [UInt8] = []
        writeJSON(reports) { text.append(contentsOf: $0) }
        return String(decoding: text, as: UTF8.self)
    }

    /// `json(_:)` handed to `sink` in chunks of about a megabyte as it is written: the listing carries every
    /// payload, as many bytes as the history, and is never held whole.
    public static func writeJSON(_ reports: [EventListReport], into sink: (UnsafeRawBufferPointer) -> Void) {
        var writer = JSONWriter()
        writer.beginArray()
        for report in reports { report.write(to: &writer, sink: sink) }
        writer.endArray()
        writer.nextDocument(separator: "\n")
        writer.drain(over: 0, into: sink)
    }

    private func write(to writer: inout JSONWriter, sink: (UnsafeRawBufferPointer) -> Void) {
        for (event, path) in rows() {
            writer.drain(over: 1 << 20, into: sink)
            writer.beginObject()
            if let label { writer.member("execution", redactor.redact(label)) }
            writer.member("id", event.id)
            writer.member("previousEventId", event.previousEventID)
            writer.member("timestamp", event.timestamp)
            writer.member("type", event.type.name)
            var known = true
            if case .unknown = event.type { known = false }
            writer.member("known", known)
            writer.member("path", path.pathDescription)
            writer.key("details")
            EventListReport.writeDetails(event.details, to: &writer)
            writer.endObject()
        }
    }

    /// Writes the details that are present as an object, by their API names (payloads as recorded text, assigned
    /// variables as `$name`), with the raw details of an unknown event type under `unrecognised`; redacted. Shared
    /// by `events --format json` and the HTML report.
    static func writeDetails(_ details: EventDetails, to writer: inout JSONWriter) {
        let redactor = CredentialRedactor.standard
        writer.beginObject()
        for (key, value) in EventListReport.scalarFields(details) {
            writer.key(dynamic: key)
            writer.string(redactor.redact(value))
        }
        // Payloads are most of a history's bytes: written from where the parser left them, redacted only when
        // they may hold a secret.
        for (key, payload) in EventListReport.payloadFields(details) {
            writer.key(dynamic: key)
            payload.withUTF8 { bytes in redactor.redacting(utf8: bytes) { writer.string(utf8: $0) } }
        }
        if let extra = details.unrecognised {
            writer.key("unrecognised")
            writer.value(redactor.redact(.object(extra)))
        }
        writer.endObject()
    }

    private func summary(_ event: HistoryEvent) -> String {
        var parts = EventListReport.fields(event.details).filter { !["input", "output", "parameters"].contains($0.0) }
            .map { "\($0.0)=\($0.1.count > 120 ? String($0.1.prefix(120)) + "…" : $0.1)" }
        if let extra = event.details.unrecognised { parts.append("raw=" + JSONValue.object(extra).serialized()) }
        return parts.joined(separator: " ")
    }

    private func clean(_ text: String) -> String { TerminalText.sanitized(redactor.redact(text)) }

    /// The details that are present, by their API names, as text.
    static func fields(_ details: EventDetails) -> [(String, String)] {
        scalarFields(details) + payloadFields(details).map { ($0.0, $0.1.text) }
    }

    /// The details that are present but the payloads, by their API names, as text.
    private static func scalarFields(_ details: EventDetails) -> [(String, String)] {
        let fields: [(String, String?)] = [
            ("name", details.name), ("error", details.error), ("cause", details.cause),
            ("resourceType", details.resourceType), ("resource", details.resource), ("region", details.region),
            ("timeoutInSeconds", details.timeoutInSeconds.map(String.init)),
            ("heartbeatInSeconds", details.heartbeatInSeconds.map(String.init)),
            ("index", details.index.map(String.init)), ("length", details.length.map(String.init)),
            ("mapRunArn", details.mapRunArn), ("redriveCount", details.redriveCount.map(String.init)),
            ("location", details.location), ("workerName", details.workerName), ("roleArn", details.roleArn),
        ]
        return fields.compactMap { key, value in value.map { (key, $0) } }
    }

    /// The payloads that are present (input, output, parameters, then the assigned variables as `$name`), after
    /// the other details.
    private static func payloadFields(_ details: EventDetails) -> [(String, Payload)] {
        var fields: [(String, Payload?)] = [
            ("input", details.input), ("output", details.output), ("parameters", details.parameters),
        ]
        if let variables = details.assignedVariables {
            for name in variables.keys.sorted() { fields.append(("$" + name, variables[name])) }
        }
        return fields.compactMap { key, value in value.map { (key, $0) } }
    }
}
