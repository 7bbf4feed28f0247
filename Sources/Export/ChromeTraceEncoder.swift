import RetraceCore

/// Writes traces as Chrome Trace Event JSON (`{"traceEvents": [...]}`), which the Perfetto UI and
/// `chrome://tracing` open directly: each log is a process, each span a complete event (`"ph": "X"`, `ts` and
/// `dur` in microseconds) on its track (thread): the execution's own track, then one per Parallel branch, Map
/// iteration and child execution, named by metadata events (`"ph": "M"`).
///
/// Written as a stream: `header`, then each log's events (`separator` between logs), then `footer`, so a thousand
/// executions are never held at once. A log's process id comes from its trace id, so it is the same in every
/// export whatever else is exported with it.
public struct ChromeTraceEncoder: Sendable {
    /// Opens the document.
    public static let header = Array("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n".utf8)
    /// Closes the document.
    public static let footer = Array("\n]}\n".utf8)
    /// Goes between two logs' events.
    public static let separator = Array(",\n".utf8)

    /// Creates an encoder.
    public init() {}

    /// The process id of a trace: 31 bits of its trace id, never 0.
    public static func pid(of identity: TraceIdentity) -> Int {
        max(1, Int(identity.traceID.prefix(8), radix: 16).map { $0 & 0x7FFF_FFFF } ?? 1)
    }

    /// `tree`'s events, comma-separated, without a separator before the first.
    public func encode(_ tree: SpanTree, into sink: (UnsafeRawBufferPointer) -> Void) {
        let pid = ChromeTraceEncoder.pid(of: tree.identity)
        var writer = JSONWriter(compact: true)
        var needsSeparator = false
        func event(_ body: (inout JSONWriter) -> Void) {
            if needsSeparator { writer.nextDocument(separator: ",\n") }
            needsSeparator = true
            writer.beginObject()
            body(&writer)
            writer.endObject()
            writer.drain(into: sink)
        }
        event { writer in
            metadata("process_name", pid: pid, tid: 0, into: &writer)
            writer.key("args")
            writer.beginObject()
            writer.member("name", tree.name)
            writer.endObject()
        }
        for (index, name) in tree.trackNames.enumerated() {
            event { writer in
                metadata("thread_name", pid: pid, tid: index + 1, into: &writer)
                writer.key("args")
                writer.beginObject()
                writer.member("name", name)
                writer.endObject()
            }
            event { writer in
                metadata("thread_sort_index", pid: pid, tid: index + 1, into: &writer)
                writer.key("args")
                writer.beginObject()
                writer.member("sort_index", index + 1)
                writer.endObject()
            }
        }
        let times = tree.resolvedTimes()
        for (index, span) in tree.spans.enumerated() {
            event { writer in
                writer.member("name", span.name)
                writer.member("cat", span.kind.rawValue)
                writer.member("ph", "X")
                writer.member("ts", times[index].start.multipliedReportingOverflow(by: 1000).partialValue)
                writer.member(
                    "dur", (times[index].end - times[index].start).multipliedReportingOverflow(by: 1000).partialValue)
                writer.member("pid", pid)
                writer.member("tid", span.track)
                writer.key("args")
                writer.beginObject()
                writer.member("span_id", TraceIdentity.hex(span.id))
                for (key, value) in span.attributes {
                    writer.key(dynamic: key)
                    switch value {
                    case .string(let text): writer.string(text)
                    case .integer(let number): writer.integer(number)
                    case .bool(let flag): writer.bool(flag)
                    }
                }
                if let exception = span.exceptions.first {
                    writer.member("exception.type", exception.type)
                    writer.member("exception.message", exception.message)
                }
                writer.endObject()
            }
        }
        writer.drain(over: 0, into: sink)
    }

    private func metadata(_ name: String, pid: Int, tid: Int, into writer: inout JSONWriter) {
        writer.member("name", name)
        writer.member("ph", "M")
        writer.member("pid", pid)
        writer.member("tid", tid)
    }
}
