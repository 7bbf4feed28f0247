import ArgumentParser
import Diagnostics
import Foundation
import Lifecycles
import Rendering
import RetraceCore
import StepFunctions

/// `retrace analyze`: what happened in a run, and why it failed.
struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reconstruct a run from its event log and explain its outcome.",
        discussion: """
            FILE is a Step Functions execution history (get-execution-history output: one or several pages, \
            JSON Lines, newest or oldest first), GameLift fleet events (describe-fleet-events), CloudFormation \
            or ParallelCluster stack events, or ModelArts service events; '-' reads standard input. The kind is \
            recognised from the content (--source overrides it). Several files are read as pages of one log. \
            Step Functions histories that name different executions (executionArn beside events, or different \
            ExecutionStarted events) are a parent and its distributed Map's child executions.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Argument(help: "Event log file(s), or '-' for standard input.")
    var files: [String]

    @Option(name: .shortAndLong, help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Option(help: "What the input is, when the content does not say: \(AnalyzedLog.Source.names).")
    var source: AnalyzedLog.Source?

    @Flag(help: "Exit with status 1 when the analysed run failed, timed out or was aborted.")
    var exitCode = false

    mutating func run() async throws {
        let inputs = try files.map { try InputBuffer.read(path: $0) }
        let log = try AnalyzedLog.load(inputs, source: source)
        switch log {
        case .execution(let tree, let diagnosis): write(tree: tree, diagnosis: diagnosis)
        case .lifecycle(let run, let diagnosis): write(run: run, diagnosis: diagnosis)
        }
        // Exit here, without freeing the reconstructed run: the kernel reclaims it at once, while freeing tens of
        // thousands of events one by one would only delay the prompt.
        Console.exitNow(status: exitCode && log.diagnosis.outcome.isFailure ? 1 : 0)
    }

    private func write(tree: ExecutionTree, diagnosis: Diagnosis) {
        switch format {
        case .json:
            ExecutionJSONReport(tree: tree, diagnosis: diagnosis).write { chunk in
                chunk.withUnsafeBytes { Console.write(bytes: $0) }
            }
        case .markdown:
            Console.write(ExecutionMarkdownReport(tree: tree, diagnosis: diagnosis).render())
        case .text:
            Console.write(ExecutionTextReport(tree: tree, diagnosis: diagnosis, style: Console.style).render())
        }
    }

    private func write(run: LifecycleRun, diagnosis: Diagnosis) {
        switch format {
        case .json:
            Console.write(LifecycleJSONReport(run: run, diagnosis: diagnosis).render())
        case .markdown:
            Console.write(LifecycleMarkdownReport(run: run, diagnosis: diagnosis).render())
        case .text:
            Console.write(LifecycleTextReport(run: run, diagnosis: diagnosis, style: Console.style).render())
        }
    }
}

extension AnalyzedLog.Source: ExpressibleByArgument {}
