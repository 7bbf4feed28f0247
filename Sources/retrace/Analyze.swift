import ArgumentParser
import Diagnostics
import Foundation
import Rendering
import RetraceCore
import StepFunctions

/// `retrace analyze`: what happened in a run, and why it failed.
struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reconstruct a run from its event log and explain its outcome.",
        discussion: """
            FILE is a Step Functions execution history (get-execution-history output: one or several pages, \
            JSON Lines, newest or oldest first) or '-' for standard input. Several files are read as pages of \
            one history, unless they name different executions (executionArn beside events, or different \
            ExecutionStarted events): then the first is analysed and the others are its distributed Map's \
            child executions, followed when a Map Run failed.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Argument(help: "History file(s), or '-' for standard input.")
    var files: [String]

    @Option(name: .shortAndLong, help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Flag(help: "Exit with status 1 when the analysed run failed, timed out or was aborted.")
    var exitCode = false

    mutating func run() async throws {
        let inputs = try files.map { try InputBuffer.read(path: $0) }
        var executions = try ExecutionGrouping().executions(inputs)
        let main = executions.removeFirst()
        let tree = ExecutionTree(history: main.history)
        let diagnosis = ExecutionDiagnoser().diagnose(tree, children: executions)
        switch format {
        case .json:
            Console.write(ExecutionJSONReport(tree: tree, diagnosis: diagnosis).render())
        case .markdown:
            Console.write(ExecutionMarkdownReport(tree: tree, diagnosis: diagnosis).render())
        case .text:
            let style = TextStyle.detect(
                isTerminal: Console.outputIsTerminal, environment: ProcessInfo.processInfo.environment)
            Console.write(ExecutionTextReport(tree: tree, diagnosis: diagnosis, style: style).render())
        }
        if exitCode, tree.outcome.isFailure { throw CommandFailure(status: 1, message: "") }
    }
}
