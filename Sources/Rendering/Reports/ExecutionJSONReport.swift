import Foundation
import RetraceCore
import StepFunctions

/// The `--format json` report of an execution: the same facts as the text report, for programs.
///
/// The schema is documented in `docs/json-schema.md`; field names are stable within `schemaVersion`,
/// durations are integer milliseconds, times ISO 8601 UTC with milliseconds.
public struct ExecutionJSONReport: Sendable {
    /// The schema version written in every report; bumped only for incompatible changes.
    public static let schemaVersion = 1

    private let tree: ExecutionTree
    private let diagnosis: Diagnosis?

    /// Creates a report of a reconstructed execution and, when available, its diagnosis.
    public init(tree: ExecutionTree, diagnosis: Diagnosis?) {
        self.tree = tree
        self.diagnosis = diagnosis
    }

    /// The report as pretty-printed JSON text, ending with a newline.
    public func render() -> String {
        var bytes: [UInt8] = []
        write { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the report in chunks to `sink` (standard output, a file), so that a report of tens of
    /// thousands of states is never held whole in memory.
    public func write(to sink: (UnsafeRawBufferPointer) -> Void) {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("schemaVersion", ExecutionJSONReport.schemaVersion)
        writer.member("kind", "stepfunctions-execution")
        writer.key("sources")
        writer.beginArray()
        for source in tree.history.sources { writer.string(source) }
        writer.endArray()
        writeExecution(&writer)
        writer.key("diagnosis")
        if let diagnosis {
            DiagnosisJSON.write(diagnosis, to: &writer)
        } else {
            writer.null()
        }
        writer.key("states")
        withoutActuallyEscaping(sink) { writeVisits(tree.visits, to: &writer, sink: $0) }
        writer.key("stateSummary")
        writer.beginArray()
        for row in StateSummary.rows(of: tree) {
            writer.beginObject()
            writer.member("name", row.name)
            writer.member("type", row.type.rawValue)
            writer.member("visits", row.visits)
            writer.member("attempts", row.attempts)
            writer.member("failures", row.failures)
            writer.member("failedVisits", row.failedVisits)
            writer.member("failedAttempts", row.failedAttempts)
            writer.member("totalDurationMs", row.totalMilliseconds)
            writer.member("maxDurationMs", row.maxMilliseconds)
            writer.member("events", row.events)
            writer.endObject()
            // Handed on as it grows: an execution of 300,000 distinct states has a summary of 75 MB.
            writer.drain(into: sink)
        }
        writer.endArray()
        writer.key("warnings")
        WarningsJSON.write(tree.warnings, to: &writer)
        writer.endObject()
        writer.nextDocument(separator: "\n")
        writer.drain(over: 0, into: sink)
    }

    private func writeExecution(_ writer: inout JSONWriter) {
        writer.key("execution")
        writer.beginObject()
        writer.member("arn", tree.history.executionArn)
        writer.member("outcome", tree.outcome.rawValue)
        writer.member("start", tree.start)
        writer.member("end", tree.end)
        writer.member("durationMs", tree.durationMilliseconds)
        writer.member("eventCount", tree.events.count)
        writer.member("pageCount", tree.history.pageCount)
        writer.member("complete", tree.history.completeness.isComplete)
        writer.key("missing")
        writer.beginArray()
        for piece in tree.history.completeness.missingPieces { writer.string(piece) }
        writer.endArray()
        writer.member("stateTransitions", tree.stateTransitionCount)
        writer.member("redriveCount", tree.redriveCount)
        writer.member("error", tree.runs.last?.error)
        writer.member("cause", tree.runs.last?.cause.map(ReportedCause.redacted))
        writer.key("runs")
        writer.beginArray()
        for run in tree.runs {
            writer.beginObject()
            writer.member("number", run.number)
            writer.member("startEventId", run.startEventID)
            writer.member("terminalEventId", run.terminalEventID)
            writer.member("outcome", run.outcome.rawValue)
            writer.member("start", run.start)
            writer.member("end", run.end)
            writer.member("error", run.error)
            writer.member("cause", run.cause.map(ReportedCause.redacted))
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// Writes one Map iteration with its states.
    private func writeIteration(
        _ iteration: MapIteration, to writer: inout JSONWriter, sink: ((UnsafeRawBufferPointer) -> Void)?
    ) {
        writer.beginObject()
        writer.member("index", iteration.index)
        writer.member("status", iteration.status.rawValue)
        writer.member("startedEventId", iteration.startedEventID)
        writer.member("endEventId", iteration.endEventID)
        writer.member("durationMs", iteration.durationMilliseconds)
        writer.key("states")
        writeVisits(iteration.visits, to: &writer, sink: sink)
        writer.endObject()
    }

    /// Writes `visits` as an array; with `sink`, hands what is written there as it grows (without, the caller holds
    /// it: an iteration written on another thread).
    private func writeVisits(
        _ visits: [StateVisit], to writer: inout JSONWriter, sink: ((UnsafeRawBufferPointer) -> Void)?
    ) {
        writer.beginArray()
        // Each visit is lent to `writeVisit`, not copied: a visit is a large value, and a copy retains every text
        // and list it holds.
        for index in visits.indices { writeVisit(visits[index], to: &writer, sink: sink) }
        writer.endArray()
    }

    private func writeVisit(
        _ visit: borrowing StateVisit, to writer: inout JSONWriter, sink: ((UnsafeRawBufferPointer) -> Void)?
    ) {
        if let sink { writer.drain(into: sink) }
        writer.beginObject()
        writer.member("name", visit.name)
        writer.member("type", visit.type.rawValue)
        writer.member("status", visit.status.rawValue)
        writer.member("run", visit.run)
        writer.member("enteredEventId", visit.enteredEventID)
        writer.member("exitedEventId", visit.exitedEventID)
        writer.member("endEventId", visit.endEventID)
        writer.member("start", visit.start)
        writer.member("end", visit.end)
        writer.member("durationMs", visit.durationMilliseconds)
        writer.member("error", visit.error)
        writer.member("cause", visit.cause.map(ReportedCause.redacted))
        writer.member("eventCount", visit.eventIDs.count)
        if !visit.attempts.isEmpty {
            writer.key("attempts")
            writeAttempts(visit.attempts, to: &writer)
        }
        if visit.type == .parallel {
            writer.key("branches")
            writer.beginArray()
            for branch in visit.branches {
                writer.beginObject()
                writer.member("number", branch.number)
                writer.member("status", branch.status.rawValue)
                writer.member("durationMs", branch.durationMilliseconds)
                writer.key("states")
                writeVisits(branch.visits, to: &writer, sink: sink)
                writer.endObject()
            }
            writer.endArray()
        }
        if visit.type == .map {
            writer.member("itemCount", visit.itemCount)
            writer.key("iterations")
            writer.beginArray()
            if let sink, visit.iterations.count >= IterationBatches.threshold {
                IterationBatches.write(visit.iterations, to: &writer, sink: sink) { iteration, writer in
                    writeIteration(iteration, to: &writer, sink: nil)
                }
            } else {
                for iteration in visit.iterations { writeIteration(iteration, to: &writer, sink: sink) }
            }
            writer.endArray()
            if let run = visit.mapRun {
                writer.key("mapRun")
                writer.beginObject()
                writer.member("arn", run.arn)
                writer.member("status", run.status.rawValue)
                writer.member("startedEventId", run.startedEventID)
                writer.member("endEventId", run.endEventID)
                writer.member("error", run.error)
                writer.member("cause", run.cause.map(ReportedCause.redacted))
                writer.member("redriveCount", run.redriveCount)
                writer.endObject()
            }
        }
        writer.endObject()
    }

    private func writeAttempts(_ attempts: [TaskAttempt], to writer: inout JSONWriter) {
        writer.beginArray()
        for attempt in attempts {
            writer.beginObject()
            writer.member("number", attempt.number)
            writer.member("family", attempt.family.rawValue)
            writer.member("status", attempt.status.rawValue)
            writer.member("resourceType", attempt.resourceType)
            writer.member("resource", attempt.resource)
            writer.member("scheduledEventId", attempt.scheduledEventID)
            writer.member("startedEventId", attempt.startedEventID)
            writer.member("endEventId", attempt.endEventID)
            writer.member("durationMs", attempt.durationMilliseconds)
            writer.member("backoffMs", attempt.backoffMilliseconds)
            writer.member("timeoutSeconds", attempt.timeoutInSeconds)
            writer.member("heartbeatSeconds", attempt.heartbeatInSeconds)
            writer.member("error", attempt.error)
            writer.member("cause", attempt.cause.map(ReportedCause.redacted))
            writer.endObject()
        }
        writer.endArray()
    }
}

/// A large Map's iterations written on every core, a batch at a time, each batch split between the cores and put
/// back in order: the report reads as if written in one pass, and holds no more than a batch beside what is
/// streamed. Most of a long execution's report is its iterations.
private enum IterationBatches {
    /// Fewer iterations than this are written in one pass.
    static let threshold = 64
    /// Iterations written between two hand-offs to the sink: few enough that a batch's text stays in the caches
    /// and its buffers are reused warm (1,024 iterations of a 25,000-event history made megabytes of buffers,
    /// faulted in and written cold, and took twice as long).
    static let batchSize = 128

    static func write(
        _ iterations: [MapIteration], to writer: inout JSONWriter, sink: (UnsafeRawBufferPointer) -> Void,
        each: @escaping @Sendable (MapIteration, inout JSONWriter) -> Void
    ) {
        let parts = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        // One writer per part for the whole Map, emptied after each batch but keeping its storage: a batch's
        // text is megabytes, and new buffers for each would be grown, copied and faulted in again every time.
        let outputs = Outputs(count: parts, template: writer.nested())
        var start = 0
        while start < iterations.count {
            let batch = iterations[start..<min(start + batchSize, iterations.count)]
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let lower = batch.startIndex + batch.count * part / parts
                let upper = batch.startIndex + batch.count * (part + 1) / parts
                var nested = outputs.take(part)
                for index in lower..<upper { each(batch[index], &nested) }
                outputs.store(part, nested)
            }
            // Each part goes straight from its writer to the sink, after what the main writer holds.
            for part in 0..<parts {
                var nested = outputs.take(part)
                writer.drain(appending: nested, into: sink)
                nested.removeAll()
                outputs.store(part, nested)
            }
            start += batch.count
        }
    }

    /// What each core wrote of a batch. A writer is taken out while it is written, an empty one left in its place,
    /// so that its storage has one owner and is never copied.
    private final class Outputs: @unchecked Sendable {
        private let lock = NSLock()
        private let empty: JSONWriter
        private var writers: [JSONWriter]

        init(count: Int, template: JSONWriter) {
            empty = template
            writers = Array(repeating: template, count: count)
        }

        func take(_ part: Int) -> JSONWriter {
            lock.withLock {
                defer { writers[part] = empty }
                return writers[part]
            }
        }

        func store(_ part: Int, _ writer: JSONWriter) { lock.withLock { writers[part] = writer } }
    }
}
