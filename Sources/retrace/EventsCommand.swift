import ArgumentParser
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

    @Argument(help: "History file(s), or '-' for standard input.")
    var files: [String]

    @Option(name: .customLong("type"), help: "Only events of this type (repeat for several), e.g. TaskFailed.")
    var types: [String] = []

    @Option(help: "Only events at or under the state of this name.")
    var state: String?

    @Flag(help: "Only events that record or pass on a failure.")
    var failed = false

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    mutating func run() async throws {
        let inputs = try files.map { try InputBuffer.read(path: $0) }
        let history = try HistoryDecoder().decode(inputs)
        let report = EventListReport(
            tree: ExecutionTree(history: history),
            filter: EventListReport.Filter(types: Set(types), state: state, failedOnly: failed))
        switch format {
        case .text: Console.write(report.text(style: Console.style))
        case .json: Console.write(report.json())
        }
    }
}
