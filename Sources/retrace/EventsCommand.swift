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
        let set = try await input.load()
        guard !set.executions.isEmpty else {
            throw CommandFailure(status: 2, message: "events lists Step Functions history events; no history was given")
        }
        let filter = EventListReport.Filter(types: Set(types), state: state, failedOnly: failed)
        let trees = try set.executions.map { try set.analyze($0).tree }
        let reports = zip(set.executions, trees).map { entry, tree in
            EventListReport(tree: tree, filter: filter, label: set.executions.count > 1 ? entry.name : nil)
        }
        if reports.allSatisfy({ $0.rows().isEmpty }), let hint = noMatchHint(trees) { Console.error(hint) }
        switch format {
        case .text: Console.write(reports.map { $0.text(style: Console.style) }.joined(separator: "\n"))
        case .json: EventListReport.writeJSON(reports) { Console.write(bytes: $0) }
        }
    }

    /// When no event passes a `--type` or `--state` filter, what the histories do hold, with the closest
    /// name (a filter is exact, so `taskfailed` matches nothing): a typo must not read as "nothing happened".
    /// The listing itself still says "No event matches" and the status stays 0, as for any empty result.
    private func noMatchHint(_ trees: [ExecutionTree]) -> String? {
        var presentTypes: [String] = []
        var presentStates: [String] = []
        var seenTypes: Set<String> = []
        var seenStates: Set<String> = []
        for event in trees.lazy.flatMap(\.events) {
            if seenTypes.insert(event.type.name).inserted { presentTypes.append(event.type.name) }
            if let name = event.details.name, seenStates.insert(name).inserted { presentStates.append(name) }
        }
        var lines: [String] = []
        for type in types where !seenTypes.contains(type) {
            let guess = ClosestMatch.best(for: type, among: presentTypes).map { "did you mean '\($0)'? " } ?? ""
            lines.append(
                "no event has the type '\(type)'; \(guess)" + (guess.isEmpty ? "the" : "The") + " types present: "
                    + Self.list(presentTypes.sorted()))
        }
        if let state, !seenStates.contains(state) {
            let guess = ClosestMatch.best(for: state, among: presentStates).map { "did you mean '\($0)'? " } ?? ""
            lines.append(
                "no state is named '\(state)'; \(guess)" + (guess.isEmpty ? "the" : "The") + " states present: "
                    + Self.list(presentStates.sorted()))
        }
        if lines.isEmpty, !types.isEmpty || state != nil {
            let kinds = types.isEmpty ? "" : " of type " + types.map { "'\($0)'" }.joined(separator: " or ")
            let place = state.map { " at or under the state '\($0)'" } ?? ""
            lines.append("no event\(kinds)\(failed ? " recording a failure" : "")\(place)")
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\nretrace: ")
    }

    /// Names joined with commas, the first 30 of a long list, then how many more.
    private static func list(_ names: [String]) -> String {
        let shown = 30
        let more = names.count > shown ? ", and \(names.count - shown) more" : ""
        return names.isEmpty ? "none" : names.prefix(shown).joined(separator: ", ") + more
    }
}
