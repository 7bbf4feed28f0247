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

    enum Source: String, ExpressibleByArgument, CaseIterable {
        case stepfunctions, gamelift, cloudformation, parallelcluster, modelarts
    }

    @Argument(help: "Event log file(s), or '-' for standard input.")
    var files: [String]

    @Option(name: .shortAndLong, help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Option(
        help:
            "What the input is, when the content does not say: \(Source.allCases.map(\.rawValue).joined(separator: ", "))."
    )
    var source: Source?

    @Flag(help: "Exit with status 1 when the analysed run failed, timed out or was aborted.")
    var exitCode = false

    mutating func run() async throws {
        let inputs = try files.map { try InputBuffer.read(path: $0) }
        let outcome: RunOutcome
        if let lifecycle = lifecycleSource(of: inputs) {
            outcome = try analyzeLifecycle(inputs, source: lifecycle)
        } else {
            outcome = try analyzeExecution(inputs)
        }
        // Exit here, without freeing the reconstructed run: the kernel reclaims it at once, while freeing tens of
        // thousands of events one by one would only delay the prompt.
        Console.exitNow(status: exitCode && outcome.isFailure ? 1 : 0)
    }

    /// The lifecycle source to read the inputs as, or `nil` for a Step Functions history.
    private func lifecycleSource(of inputs: [InputBuffer]) -> LifecycleSource? {
        if let source { return source == .stepfunctions ? nil : LifecycleSource(rawValue: source.rawValue) }
        guard let first = inputs.first else { return nil }
        switch EventLogKind.sniff(first.bytes) {
        case .gameLiftFleetEvents?: return .gameLift
        case .cloudFormationStackEvents?: return .cloudFormation
        case .parallelClusterStackEvents?: return .parallelCluster
        case .modelArtsServiceEvents?: return .modelArts
        default: return nil
        }
    }

    private func analyzeExecution(_ inputs: [InputBuffer]) throws -> RunOutcome {
        var executions = try ExecutionGrouping().executions(inputs)
        let main = executions.removeFirst()
        let tree = ExecutionTree(history: main.history)
        let diagnosis = ExecutionDiagnoser().diagnose(tree, children: executions)
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
        return tree.outcome
    }

    private func analyzeLifecycle(_ inputs: [InputBuffer], source: LifecycleSource) throws -> RunOutcome {
        let log = try LifecycleDecoder(source: source).decode(inputs)
        let run = LifecycleRun(log: log)
        let diagnosis = LifecycleDiagnoser.diagnose(run)
        switch format {
        case .json:
            Console.write(LifecycleJSONReport(run: run, diagnosis: diagnosis).render())
        case .markdown:
            Console.write(LifecycleMarkdownReport(run: run, diagnosis: diagnosis).render())
        case .text:
            Console.write(LifecycleTextReport(run: run, diagnosis: diagnosis, style: Console.style).render())
        }
        return diagnosis.outcome
    }
}
