import ArgumentParser
import Diagnostics
import Foundation
import Rendering
import RetraceCore
import StepFunctions

/// `retrace events`: the history's events, filtered, with their place in the tree.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List a history's events with their place in the tree and their details.",
        discussion: """
            Events of types this version of Retrace does not know (a newer API) are listed with their raw \
            details. Payloads (input, output, parameters) are included with --format json.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("type"), help: "Only events of this type (repeat for several), e.g. TaskFailed.")
    var types: [String] = []

    @Option(help: "Only events at or under the state of this name.")
    var state: String?

    @Flag(help: "Only events that record or pass on a failure.")
    var failed = false

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    mutating func run() async throws {
        let set = try input.load()
        guard !set.executions.isEmpty else {
            throw CommandFailure(status: 2, message: "events lists Step Functions history events; no history was given")
        }
        let filter = EventListReport.Filter(types: Set(types), state: state, failedOnly: failed)
        let reports = try set.executions.map { entry in
            let tree = try set.analyze(entry).tree
            return EventListReport(tree: tree, filter: filter, label: set.executions.count > 1 ? entry.name : nil)
        }
        switch format {
        case .text: Console.write(reports.map { $0.text(style: Console.style) }.joined(separator: "\n"))
        case .json: Console.write(EventListReport.json(reports))
        }
    }
}
