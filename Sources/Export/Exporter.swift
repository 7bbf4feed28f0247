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
        /// What was noticed about the inputs as a whole (files passed over, copies).
        public var warnings: [LogWarning]
    }

    /// Reads `paths` (files, folders, `-`) as every command does and writes what they hold to `output`: a file
    /// (or `-`) for traces, a folder for tables.
    ///
    /// Each execution is analysed and encoded on every core as soon as it is read (while its events are at hand,
    /// so a folder is parsed once), spooled to an unlinked temporary file, and written out in the set's order
    /// once the set is known: memory stays that of a few executions. Executions with child executions given with
    /// them are analysed with their children when their turn comes.
    ///
    /// - Throws: `ExportError` when the output cannot be written; the loader's `InputError` when an input cannot
    ///   be read (nothing is written then).
    public func export(
        _ paths: [String], source: LogSource? = nil, to output: String,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> Summary {
        let spool = try Spool()
        let options = options
        let (set, slots) = try LogSet.analyzeAll(paths, source: source, progress: progress) { log -> Spool.Slice? in
            let exported: ExportedLog
            switch log {
            case .execution(let execution):
                guard execution.entry.children.isEmpty else { return nil }
                exported = .execution(ExportedExecution(execution))
            case .deployment(let deployment):
                exported = .deployment(deployment)
            }
            return try spool.append(Exporter.encode(exported, options: options))
        }
        let destination = try ExportDestination(output: output, options: options)
        for (index, slot) in slots.enumerated() {
            if let slot {
                try destination.write(try spool.read(slot))
            } else if index < set.executions.count {
                let exported = try ExportedLog(.execution(try set.analyze(set.executions[index])), in: set)
                try destination.write(Exporter.encode(exported, options: options))
            }
        }
        try destination.finish()
        return Summary(
            logs: set.count, files: destination.files, rows: destination.rowCounts, warnings: set.warnings)
    }

    /// One log in the chosen format.
    static func encode(_ log: ExportedLog, options: ExportOptions) -> EncodedLog {
        switch options.format {
        case .otlp:
            var bytes: [UInt8] = []
            OTLPTraceEncoder().encode(SpanTree(log, includePayloads: options.includePayloads)) {
                bytes.append(contentsOf: $0)
            }
            return .bytes(bytes)
        case .chrome:
            var bytes: [UInt8] = []
            ChromeTraceEncoder().encode(SpanTree(log, includePayloads: options.includePayloads)) {
                bytes.append(contentsOf: $0)
            }
            return .bytes(bytes)
        case .ndjson:
            let date = log.start.map { String($0.iso8601.prefix(10)) } ?? "unknown"
            return .rows(NDJSONTableEncoder(includePayloads: options.includePayloads).encode(log), date: date)
        }
    }
}
