import RetraceCore

/// Writes traces as Chrome Trace Event JSON (`{"traceEvents": [...]}`), which the Perfetto UI and
/// `chrome://tracing` open directly: each log is a process, each span a complete event (`"ph": "X"`, `ts` and
/// `dur` in microseconds) on its track (thread): the execution's own track, then one per Parallel branch, Map
/// iteration and child execution, named by metadata events (`"ph": "M"`).
///
/// Written as a stream: `header`, then each log's events, then `footer`, so a thousand executions are never held
/// at once.
public struct ChromeTraceEncoder: Sendable {
    /// Opens the document.
    public static let header = Array("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n".utf8)
    /// Closes the document.
    public static let footer = Array("\n]}\n".utf8)

    /// Creates an encoder.
    public init() {}

    /// `tree`'s events as process `pid`; `first` when nothing was written after the header yet.
    public func encode(_ tree: SpanTree, pid: Int, first: Bool, into sink: ([UInt8]) -> Void) {
        var writer = JSONWriter(compact: true)
        var needsSeparator = !first
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
                    switch value {
                    case .string(let text): writer.member(key, text)
                    case .integer(let number): writer.member(key, number)
                    case .bool(let flag): writer.member(key, flag)
                    }
                }
                if let exception = span.exceptions.first {
                    writer.member("exception.type", exception.type)
                    writer.member("exception.message", exception.message)
                }
                writer.endObject()
            }
        }
        sink(writer.bytes)
    }

    private func metadata(_ name: String, pid: Int, tid: Int, into writer: inout JSONWriter) {
        writer.member("name", name)
        writer.member("ph", "M")
        writer.member("pid", pid)
        writer.member("tid", tid)
    }
}
