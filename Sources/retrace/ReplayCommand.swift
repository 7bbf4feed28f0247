import ArgumentParser
import Diagnostics
import Foundation
import Rendering
import Replay
import RetraceCore
import StepFunctions

/// `retrace replay`: re-enact a recorded execution, or replay a definition against it.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-enact a run, or check a state machine definition against what the run recorded.",
        discussion: """
            Without --definition, shows the execution as it stood at --at EVENT_ID|TIMESTAMP, or steps through \
            it: one line per event with where it happened when piped; on a terminal --speed N re-enacts in \
            N-times real time and --step waits for Enter after each event.

            With --definition (or given one bundle from `retrace fetch`, which holds the definition the execution \
            ran with), interprets the definition (ASL in JSON or YAML; a CloudFormation / SAM template's \
            Definition, DefinitionBody or DefinitionString is found) with the history as the oracle for task \
            results, and reports the first divergence (--all: every one) and what could not be compared, as text, \
            JSON (--format json, schema in docs/json-schema.md) or Markdown (--format markdown, for CI \
            summaries). Exit status 1 on divergence.
            """
    )

    /// How a definition replay is written.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @OptionGroup var inputs: InputOptions

    @Option(
        help: "State machine definition (ASL in JSON or YAML, or a CloudFormation / SAM template holding one).")
    var definition: String?

    @Option(name: .shortAndLong, help: "With --definition: how to write the report, text, json or markdown.")
    var format: Format = .text

    @Option(help: "Execution input (JSON) to replay with; by default the history's.")
    var input: String?

    @Flag(help: "With --definition: list every divergence and every comparison skipped.")
    var all = false

    // Both take the next word whatever it looks like: a negative number is a wrong value to name, not a flag.
    @Option(
        parsing: .unconditional, help: "Show the execution as it stood at this event id or ISO 8601 timestamp.")
    var at: String?

    @Option(
        parsing: .unconditional,
        help: "On a terminal: re-enact in scaled real time, a positive number (2 = twice as fast, 0.5 = half).")
    var speed: Double?

    @Flag(help: "On a terminal: wait for Enter after each event.")
    var step = false

    func validate() throws {
        if let speed, !(speed > 0 && speed.isFinite) {
            let shown = speed.rounded() == speed && abs(speed) < 1e15 ? String(Int64(speed)) : String(speed)
            throw ValidationError("--speed must be a positive number (2 = twice as fast), got \(shown)")
        }
        // Re-enactment and definition replay take different flags: one given for the other is a mistake to say,
        // not a wish to ignore.
        let reenacting = [("--at", at != nil), ("--speed", speed != nil), ("--step", step)].filter(\.1).map(\.0)
        if definition != nil, let flag = reenacting.first {
            throw ValidationError(
                "\(flag) re-enacts the history and --definition replays a definition against it; give one or the other")
        }
        if at != nil, let flag = reenacting.first(where: { $0 != "--at" }) {
            throw ValidationError(
                "--at shows one moment and \(flag) steps through every event; give one or the other")
        }
        let replaying = [("--input", input != nil), ("--all", all), ("--format", format != .text)].filter(\.1)
        guard let flag = replaying.first?.0, definition == nil else { return }
        if let other = reenacting.first {
            throw ValidationError(
                "\(flag) is for replaying a definition and \(other) re-enacts the history; give one or the other")
        }
        // One bundle (or an execution ARN, fetched into one) carries the definition its execution ran with.
        let carriesDefinition =
            inputs.inputs.count == 1
            && inputs.inputs.allSatisfy {
                RemoteReference.isStepFunctionsExecution($0) || DefinitionDocument.isBundle($0)
            }
        if !carriesDefinition {
            throw ValidationError(
                "\(flag) needs --definition (or one bundle from 'retrace fetch', which holds the definition)")
        }
    }

    mutating func run() async throws {
        let paths = try await inputs.paths()
        let set = try LogSet.load(paths, source: inputs.source)
        for warning in set.warnings { Console.error("warning: \(warning.message)") }
        guard !set.executions.isEmpty else {
            throw CommandFailure(status: 2, message: "replay needs a Step Functions execution history; none was given")
        }
        if let definition {
            try replayDefinition(set: set, path: definition)
            return
        }
        // A bundle carries the definition its execution ran with: without --at, --speed or --step, that is what
        // is replayed.
        if at == nil, speed == nil, !step, paths.count == 1, let bundle = paths.first,
            DefinitionDocument.isBundle(bundle)
        {
            try replayDefinition(set: set, path: bundle)
            return
        }
        guard set.executions.count == 1, let entry = set.executions.first else {
            let names = set.executions.prefix(8).map(\.name).joined(separator: ", ")
            throw CommandFailure(
                status: 2,
                message: "re-enactment steps through one execution, and the inputs hold \(set.executions.count) "
                    + "(\(names)\(set.executions.count > 8 ? ", …" : "")); give the pages of one, or use "
                    + "--definition to replay each")
        }
        let reenactment = Reenactment(tree: try set.analyze(entry).tree)
        if let at {
            let eventID = try moment(at, in: reenactment)
            Console.write(SnapshotText(snapshot: reenactment.snapshot(at: eventID), style: Console.style).render())
            return
        }
        try stepThrough(reenactment)
    }

    /// Replays each execution that ran this definition: one whose top-level states all exist in it.
    private func replayDefinition(set: LogSet, path: String) throws {
        let machine = try DefinitionDocument.load(path: path)
        var given: JSONValue?
        if let input {
            let buffer = try InputBuffer.read(path: input)
            given = try JSONValue.parse(String(decoding: buffer.bytes, as: UTF8.self), name: buffer.name)
        }
        var replayed: [ReplayedExecution] = []
        var skipped: [String] = []
        for entry in set.executions {
            let tree = try set.analyze(entry).tree
            guard tree.visits.allSatisfy({ machine[$0.name] != nil }) else {
                skipped.append(entry.name)
                continue
            }
            let children = try Self.mapRunChildren(of: entry, in: set)
            let report = DefinitionReplayer(definition: machine).replay(tree, input: given, children: children)
            replayed.append(ReplayedExecution(name: entry.name, arn: tree.history.executionArn, report: report))
        }
        if !skipped.isEmpty {
            let names = skipped.prefix(8).joined(separator: ", ") + (skipped.count > 8 ? ", …" : "")
            Console.error(
                "warning: \(skipped.count) execution\(skipped.count == 1 ? "" : "s") entered states that \(path) does "
                    + "not define, so \(skipped.count == 1 ? "it ran" : "they ran") another definition and "
                    + "\(skipped.count == 1 ? "was" : "were") not replayed: \(names)")
        }
        if replayed.isEmpty {
            throw CommandFailure(status: 2, message: "no execution given ran the definition \(path)")
        }
        switch format {
        case .json:
            Console.write(ReplayJSONReport(definition: path, executions: replayed, skipped: skipped).render())
        case .markdown:
            Console.write(ReplayMarkdownReport(definition: path, executions: replayed, skipped: skipped).render())
        case .text:
            for (index, execution) in replayed.enumerated() {
                if set.executions.count > 1 {
                    let name = TerminalText.sanitized(CredentialRedactor.standard.redact(execution.name))
                    Console.write((index > 0 ? "\n" : "") + Console.style.bold("Execution \(name)") + "\n")
                }
                Console.write(ReplayReportText(report: execution.report, all: all, style: Console.style).render())
            }
        }
        if !replayed.allSatisfy(\.report.agrees) { throw CommandFailure(status: 1, message: "") }
    }

    /// The distributed Map child executions given with `entry`, with theirs, for replay against the Map's
    /// `ItemProcessor`.
    private static func mapRunChildren(of entry: ExecutionEntry, in set: LogSet) throws -> [MapRunChild] {
        try entry.children.map { child in
            MapRunChild(
                name: child.name, mapRunStartedEventID: child.link?.mapRunStartedEventID ?? 0,
                tree: try set.analyze(child).tree, children: try mapRunChildren(of: child, in: set))
        }
    }

    private func moment(_ text: String, in reenactment: Reenactment) throws -> Int64 {
        if let id = Int64(text) {
            guard reenactment.tree.event(id) != nil else {
                let ids = reenactment.tree.events.map(\.id)
                let range = ids.min().map { "#\($0) to #\(ids.max() ?? $0)" } ?? "none"
                throw CommandFailure(
                    status: 2, message: "--at \(text): there is no event #\(id) in the history (its events: \(range))")
            }
            return id
        }
        guard let instant = Instant(parsing: text) else {
            throw CommandFailure(
                status: 2, message: "--at takes an event id or an ISO 8601 timestamp, not '\(text)'")
        }
        guard let id = reenactment.eventID(at: instant) else {
            throw CommandFailure(
                status: 2, message: "no event at or before \(text) (or the history's timestamps are not readable)")
        }
        return id
    }

    private func stepThrough(_ reenactment: Reenactment) throws {
        let interactive = Console.outputIsTerminal && (step || speed != nil)
        var previous: Instant?
        for event in reenactment.tree.events {
            if interactive, let speed, let time = event.timestamp, let last = previous {
                // Long pauses are capped so that a wait of hours does not stall the re-enactment.
                let seconds = min(Double(last.milliseconds(until: time)) / 1000 / speed, 5)
                if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
            }
            previous = event.timestamp ?? previous
            Console.write(EventLine(event: event, context: reenactment.context(of: event.id)).render() + "\n")
            if interactive, step { _ = readLine() }
        }
    }
}
