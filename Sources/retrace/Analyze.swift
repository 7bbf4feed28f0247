import ArgumentParser
import Diagnostics
import Foundation
import Lifecycles
import Rendering
import RetraceCore
import StepFunctions

/// `retrace analyze`: what happened in each run given, and why it failed.
struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Reconstruct runs from their event logs and explain their outcomes.",
        discussion: """
            INPUT is a Step Functions execution history (get-execution-history output: one or several pages, \
            JSON Lines, newest or oldest first), GameLift fleet events, CloudFormation or ParallelCluster stack \
            events, or ModelArts service events; a folder (its .json and .jsonl files); or '-' for standard \
            input. What belongs together is read from the content, never from the order or number of files: \
            pages of one execution are merged in any order, different executions stay apart, and distributed \
            Map child executions are linked to their parent. One execution gets the full report; several get \
            a line each, their failures grouped by root cause, and totals.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    enum Only: String, ExpressibleByArgument, CaseIterable {
        case failed
    }

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Flag(help: "Exit with status 1 when any run failed, timed out or was aborted.")
    var exitCode = false

    @Option(help: "With several runs: list only those that failed, timed out or were aborted.")
    var only: Only?

    @Flag(help: "With several runs (text, markdown): the full report of each after the summary.")
    var details = false

    // Takes the next word whatever it looks like: `--width -5` is a wrong value to name, not a flag.
    @Option(
        parsing: .unconditional,
        help: "Text report width in columns, 40 to 400 (default: the terminal's width; 80 when piped).")
    var width: Int?

    @Flag(help: "Text report: also the root cause's cause text as recorded (JSON always has it).")
    var verbose = false

    func validate() throws {
        if let width, !(40...400).contains(width) {
            throw ValidationError("--width must be between 40 and 400 columns, got \(width)")
        }
    }

    mutating func run() async throws {
        let batchAsked = only != nil || details
        // One file is usually one execution: read it for the full report. Several are usually several
        // executions: analyse each as it is read (`LogSet.analyzeAll`), and report on one only if one it was.
        let layout = TextLayout(width: width ?? Console.width, verbose: verbose)
        let summarise = Analyze.summary(format: format, details: details && format != .json, layout: layout)
        // Both reports end the process, so the progress line is cleared before either is written.
        let progress = Progress()
        if input.inputs.count == 1, !InputFiles.isFolder(input.inputs[0]), !batchAsked {
            let set = try await input.load(sayingWarnings: false)
            if set.count == 1 { return try single(set, layout: layout) }
            let results = try set.analyzeEach(progress: progress.update, summarise)
            progress.finish()
            return try batch(set, results: results)
        }
        let (paths, decoded) = try await input.gathered()
        let (set, results) = try LogSet.analyzeAll(
            paths, decoded: decoded, source: input.source, progress: progress.update, summarise)
        progress.finish()
        if set.count == 1, !batchAsked { return try single(set, layout: layout) }
        try batch(set, results: results)
    }

    /// One log summed up for the batch report: its row, and its full report when `details` asks for it.
    private static func summary(format: Format, details: Bool, layout: TextLayout)
        -> @Sendable (AnalyzedLog) -> (row: BatchDiagnosis.Row, details: String?)
    {
        { log in
            (row: BatchDiagnosis.Row(log), details: details ? Analyze.render(log, format: format, layout: layout) : nil)
        }
    }

    /// How a text report is laid out: its width and whether the raw cause is shown.
    struct TextLayout: Sendable {
        var width: Int
        var verbose: Bool
    }

    private func single(_ set: LogSet, layout: TextLayout) throws {
        let log: AnalyzedLog
        if let entry = set.executions.first {
            var execution = try set.analyze(entry)
            execution.tree.warnings += set.warnings
            log = .execution(execution)
        } else if let deployment = set.deployments.first {
            log = .deployment(try set.analyze(deployment))
            for warning in set.warnings { Console.error("warning: \(warning.message)") }
        } else {
            throw CommandFailure(status: 2, message: "no input was given")
        }
        if case .execution(let execution) = log, format == .json {
            // Streamed: a report of tens of thousands of states is never held whole.
            ExecutionJSONReport(tree: execution.tree, diagnosis: execution.diagnosis).write { Console.write(bytes: $0) }
        } else {
            Console.write(Analyze.render(log, format: format, layout: layout))
        }
        // Exit here, without freeing the reconstructed run: the kernel reclaims it at once, while freeing tens of
        // thousands of events one by one would only delay the prompt. Held to the end explicitly: Swift releases a
        // value after its last use, which would free it all just before the exit.
        let status: Int32 = exitCode && log.diagnosis.outcome.isFailure ? 1 : 0
        withExtendedLifetime(log) { Console.exitNow(status: status) }
    }

    private func batch(_ set: LogSet, results: [(row: BatchDiagnosis.Row, details: String?)]) throws {
        var shown = results
        if only == .failed { shown = results.filter { $0.row.outcome.isFailure } }
        let batch = BatchDiagnosis(rows: shown.map(\.row), warnings: set.warnings)
        switch format {
        case .json: Console.write(BatchJSONReport(batch: batch).render())
        case .markdown: Console.write(BatchMarkdownReport(batch: batch).render())
        case .text:
            Console.write(BatchTextReport(batch: batch, style: Console.style, width: width ?? Console.width).render())
        }
        for report in shown.compactMap(\.details) {
            Console.write((format == .markdown ? "\n---\n\n" : "\n" + String(repeating: "─", count: 80) + "\n\n"))
            Console.write(report)
        }
        Console.exitNow(status: exitCode && results.contains { $0.row.outcome.isFailure } ? 1 : 0)
    }

    /// One log's full report.
    static func render(_ log: AnalyzedLog, format: Format, layout: TextLayout) -> String {
        switch (log, format) {
        case (.execution(let execution), .json):
            return ExecutionJSONReport(tree: execution.tree, diagnosis: execution.diagnosis).render()
        case (.execution(let execution), .markdown):
            return ExecutionMarkdownReport(tree: execution.tree, diagnosis: execution.diagnosis).render()
        case (.execution(let execution), .text):
            return ExecutionTextReport(
                tree: execution.tree, diagnosis: execution.diagnosis, style: Console.style, width: layout.width,
                verbose: layout.verbose
            ).render()
        case (.deployment(let deployment), .json):
            return LifecycleJSONReport(run: deployment.run, diagnosis: deployment.diagnosis).render()
        case (.deployment(let deployment), .markdown):
            return LifecycleMarkdownReport(run: deployment.run, diagnosis: deployment.diagnosis).render()
        case (.deployment(let deployment), .text):
            return LifecycleTextReport(
                run: deployment.run, diagnosis: deployment.diagnosis, style: Console.style, width: layout.width
            ).render()
        }
    }
}
