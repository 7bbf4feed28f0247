import ArgumentParser
import Diagnostics
import Export
import Foundation
import RetraceCore

/// `retrace export`: the runs given, analysed, in the formats tracing backends and SQL engines read.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export analysed runs as OpenTelemetry traces, a Chrome trace, or NDJSON tables.",
        discussion: """
            INPUT is read as by 'retrace analyze' (files, folders, '-', bundles, execution ARNs). --format otlp \
            writes OTLP/JSON traces, one TracesData per line (.jsonl), for the OpenTelemetry Collector and any \
            backend that reads OTLP; chrome writes a Chrome trace (.json) for the Perfetto UI; ndjson writes the \
            tables executions, visits, attempts and findings into the folder -o names (with --partition, one \
            folder per table and start date). Each run is written as soon as it is analysed. Payloads (inputs and \
            outputs) only with --include-payloads, redacted. Schema: docs/export.md.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "What to write: otlp, chrome or ndjson.")
    var format: ExportFormat

    @Option(name: .shortAndLong, help: "Output file ('-' for standard output), or a folder for ndjson.")
    var output: String

    @Flag(help: "ndjson: one folder per table, partitioned by start date (visits/date=2026-12-05/part-0.jsonl).")
    var partition = false

    @Flag(help: "Also export state and execution inputs and outputs (redacted).")
    var includePayloads = false

    func validate() throws {
        if partition, format != .ndjson {
            throw ValidationError(ExportError.partitionNeedsTables(format).description)
        }
        if format == .ndjson, output == "-" {
            throw ValidationError("--format ndjson writes a folder of tables; name it with -o DIR")
        }
    }

    mutating func run() async throws {
        let paths = try await input.paths()
        let progress = Progress()
        let exporter = Exporter(
            options: ExportOptions(format: format, includePayloads: includePayloads, partition: partition))
        do {
            let summary = try exporter.export(paths, source: input.source, to: output, progress: progress.update)
            progress.finish()
            for warning in summary.warnings { Console.error("warning: \(warning.message)") }
            if output != "-", isatty(STDERR_FILENO) == 1 {
                let files = Noun("file").counted(summary.files.count)
                Console.error("exported \(Noun("run").counted(summary.logs)) to \(files)")
            }
        } catch let error as ExportError {
            progress.finish()
            throw CommandFailure(status: 2, message: error.description)
        }
        Console.exitNow(status: 0)
    }
}

extension ExportFormat: ExpressibleByArgument {}
