import Diagnostics
import Foundation
import RetraceCore

/// Exports every log of a set, analysed on every core, into OTLP/JSON traces, a Chrome trace or NDJSON tables.
///
/// Each log is analysed, encoded and written in the set's order as soon as its turn comes, then dropped: memory
/// does not grow with the number of executions.
public struct Exporter: Sendable {
    /// What to write.
    public var options: ExportOptions

    /// Creates an exporter.
    public init(options: ExportOptions) {
        self.options = options
    }

    /// What was written.
    public struct Summary: Sendable {
        /// Number of logs (top-level executions and deployments) exported.
        public var logs: Int
        /// The files written.
        public var files: [String]
        /// Rows per table (NDJSON only).
        public var rows: [ExportTable: Int]
    }

    /// Writes `set` to `output`: a file (or `-`) for traces, a folder for tables.
    ///
    /// - Throws: `ExportError` when the output cannot be written; the loader's `InputError` when an input cannot
    ///   be read.
    public func export(
        _ set: LogSet, to output: String, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> Summary {
        let destination = try ExportDestination(output: output, options: options)
        let delivery = OrderedDelivery<EncodedLog>(
            window: 4 * ProcessInfo.processInfo.activeProcessorCount
        ) { encoded in try destination.write(encoded) }
        let options = options
        _ = try set.analyzeEach(progress: progress) { position, log -> Bool in
            let exported = try ExportedLog(log, in: set)
            try delivery.deliver(Exporter.encode(exported, position: position, options: options), at: position)
            return true
        }
        try destination.finish()
        return Summary(logs: set.count, files: destination.files, rows: destination.rowCounts)
    }

    /// One log in the chosen format; `position` numbers Chrome trace processes from 1.
    static func encode(_ log: ExportedLog, position: Int, options: ExportOptions) -> EncodedLog {
        switch options.format {
        case .otlp:
            var bytes: [UInt8] = []
            OTLPTraceEncoder().encode(SpanTree(log, includePayloads: options.includePayloads)) {
                bytes += $0
            }
            return .bytes(bytes)
        case .chrome:
            var bytes: [UInt8] = []
            ChromeTraceEncoder().encode(
                SpanTree(log, includePayloads: options.includePayloads), pid: position + 1, first: position == 0
            ) { bytes += $0 }
            return .bytes(bytes)
        case .ndjson:
            let date = log.start.map { String($0.iso8601.prefix(10)) } ?? "unknown"
            return .rows(NDJSONTableEncoder(includePayloads: options.includePayloads).encode(log), date: date)
        }
    }
}
