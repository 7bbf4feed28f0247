import ArgumentParser
import Comparison
import Diagnostics
import Foundation
import Rendering
import RetraceCore
import StepFunctions

/// `retrace diff A B [C…]`: what differs between executions of one state machine, each against the first.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare executions of one state machine: where their paths split, and why.",
        discussion: """
            Each INPUT is one execution: a history (pages in one file), a bundle, or an execution ARN. The first \
            is the baseline; each other is compared with it: the first transition that differs and the Choice or \
            error that made it differ (with a definition, given or in a bundle, the rule that held on each side), \
            the input that reached the split (a JSON diff), per-state time and attempt \
            differences (largest first), Map iterations by index and Parallel branches by position that ended \
            differently, errors only one side met, and a verdict line.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Option(
        help: ArgumentHelp(
            "The state machine definition the executions ran with (ASL in JSON or YAML, a CloudFormation / SAM "
                + "template, or a bundle): a Choice that chose differently is explained by the rule that held. "
                + "Bundles carry theirs.",
            valueName: "file"))
    var definition: String?

    @Flag(help: "Exit with status 1 when an execution's outcome differs from the baseline's.")
    var exitCode = false

    func validate() throws {
        if input.inputs.count < 2 {
            throw ValidationError("diff compares executions: give at least two (the first is the baseline)")
        }
    }

    mutating func run() async throws {
        let paths = try await input.paths()
        let executions: [ExecutionComparer.Compared]
        do {
            let machine = try definition.map(DefinitionDocument.load(path:))
            executions = try ExecutionComparer.analyze(
                paths, names: input.inputs, source: input.source, definition: machine)
        } catch let error as ComparisonError {
            throw CommandFailure(status: 2, message: error.description)
        }
        let comparer = ExecutionComparer()
        let differences = executions.dropFirst().map { comparer.compare(executions[0], $0) }
        switch format {
        case .json: Console.write(DiffJSONReport(differences: differences).render())
        case .markdown: Console.write(DiffMarkdownReport(differences: differences).render())
        case .text:
            let reports = differences.map { DiffTextReport(difference: $0, style: Console.style).render() }
            Console.write(reports.joined(separator: "\n" + String(repeating: "─", count: 80) + "\n\n"))
        }
        Console.exitNow(status: exitCode && differences.contains(where: \.outcomesDiffer) ? 1 : 0)
    }
}
