import RetraceCore

/// Writes a trace as one OTLP/JSON `TracesData` document on one line, as the OpenTelemetry file exporter does
/// (JSON Lines, `.jsonl`): trace and span ids in hex, 64-bit integers as strings, enums as numbers, field names
/// in lowerCamelCase. The file then loads into anything that reads OTLP (the Collector's `otlpjsonfile`
/// receiver, Jaeger, Tempo, vendors' importers).
public struct OTLPTraceEncoder: Sendable {
    /// The instrumentation scope's name, in every `scopeSpans`.
    public static let scopeName = "retrace"
    /// The version of the attribute set: raised when an attribute is renamed or changes meaning.
    public static let schemaVersion = 1

    /// Creates an encoder.
    public init() {}

    /// `tree` as one line, ending with a newline; `sink` gets the bytes in chunks.
    public func encode(_ tree: SpanTree, into sink: (UnsafeRawBufferPointer) -> Void) {
        var writer = JSONWriter(compact: true)
        let times = tree.resolvedTimes()
        writer.beginObject()
        writer.key("resourceSpans")
        writer.beginArray()
        writer.beginObject()
        writer.key("resource")
        writer.beginObject()
        attributes(tree.resource, into: &writer)
        writer.endObject()
        writer.key("scopeSpans")
        writer.beginArray()
        writer.beginObject()
        writer.key("scope")
        writer.beginObject()
        writer.member("name", OTLPTraceEncoder.scopeName)
        writer.member("version", String(OTLPTraceEncoder.schemaVersion))
        writer.endObject()
        writer.key("spans")
        writer.beginArray()
        for (index, span) in tree.spans.enumerated() {
            write(span, times: times[index], traceID: tree.identity.traceID, into: &writer)
            writer.drain(into: sink)
        }
        writer.endArray()
        writer.endObject()
        writer.endArray()
        writer.endObject()
        writer.endArray()
        writer.endObject()
        writer.nextDocument(separator: "\n")
        writer.drain(over: 0, into: sink)
    }

    private func write(
        _ span: TraceSpan, times: (start: Int64, end: Int64), traceID: String, into writer: inout JSONWriter
    ) {
        writer.beginObject()
        writer.member("traceId", traceID)
        writer.member("spanId", TraceIdentity.hex(span.id))
        if let parent = span.parent { writer.member("parentSpanId", TraceIdentity.hex(parent)) }
        writer.member("name", span.name)
        // SPAN_KIND_CLIENT for a task attempt (a call to another service), SPAN_KIND_INTERNAL otherwise.
        writer.member("kind", span.kind == .attempt ? 3 : 1)
        writer.member("startTimeUnixNano", nanoseconds(times.start))
        writer.member("endTimeUnixNano", nanoseconds(times.end))
        attributes(span.attributes, into: &writer)
        if !span.exceptions.isEmpty {
            writer.key("events")
            writer.beginArray()
            for exception in span.exceptions {
                writer.beginObject()
                writer.member("timeUnixNano", nanoseconds(exception.time?.millisecondsSinceEpoch ?? times.end))
                writer.member("name", "exception")
                var eventAttributes: [(key: String, value: TraceSpan.Value)] = [
                    ("exception.type", .string(exception.type))
                ]
                if let message = exception.message { eventAttributes.append(("exception.message", .string(message))) }
                attributes(eventAttributes, into: &writer)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.key("status")
        writer.beginObject()
        if span.outcome != .unset { writer.member("code", span.outcome.rawValue) }
        if let message = span.statusMessage, span.outcome == .error { writer.member("message", message) }
        writer.endObject()
        writer.endObject()
    }

    private func nanoseconds(_ milliseconds: Int64) -> String {
        // fixed64 nanoseconds hold 1970 to 2554: times outside are clamped to those ends.
        let clamped = min(max(milliseconds, 0), 18_446_744_073_709)
        return clamped == 0 ? "0" : String(clamped) + "000000"
    }

    private func attributes(_ attributes: [(key: String, value: TraceSpan.Value)], into writer: inout JSONWriter) {
        writer.key("attributes")
        writer.beginArray()
        for (key, value) in attributes {
            writer.beginObject()
            writer.member("key", key)
            writer.key("value")
            writer.beginObject()
            switch value {
            case .string(let text): writer.member("stringValue", text)
            case .integer(let number): writer.member("intValue", String(number))
            case .bool(let flag): writer.member("boolValue", flag)
            }
            writer.endObject()
            writer.endObject()
        }
        writer.endArray()
    }
}
