import Replay
import RetraceCore
import StepFunctions

/// The text `retrace replay --at` prints: the moment, the states by status in aligned columns, Map and Parallel
/// progress, and the last events.
public struct SnapshotText {
    /// States listed per status at most; earlier ones are counted.
    public static let statesShown = 20

    private let snapshot: ExecutionSnapshot
    private let style: TextStyle

    /// Creates the text of a snapshot.
    public init(snapshot: ExecutionSnapshot, style: TextStyle = .plain) {
        self.snapshot = snapshot
        self.style = style
    }

    /// The text, ending with a newline.
    public func render() -> String {
        var lines: [String] = []
        let time = snapshot.time.map { " (\(TimeText.human($0)))" } ?? ""
        lines.append(style.bold("At event #\(snapshot.eventID)\(time): execution \(snapshot.outcome.rawValue)"))
        let groups: [(String, [Status])] = [
            ("Running", [.running]), ("Done", [.succeeded]), ("Caught", [.caught]),
            ("Failed", [.failed, .timedOut]), ("Aborted", [.aborted]),
        ]
        for (title, statuses) in groups {
            let states = snapshot.states.filter { statuses.contains($0.status) }
            guard !states.isEmpty else { continue }
            lines += ["", style.bold("\(title) (\(states.count))")]
            var table = TextTable(columns: [
                .init("", maximumWidth: 80), .init(""), .init("", alignment: .right),
            ])
            if states.count > SnapshotText.statesShown {
                table.addRow([style.dim("… \(states.count - SnapshotText.statesShown) earlier"), "", ""])
            }
            for state in states.suffix(SnapshotText.statesShown) {
                let marker = StatusMarker.styled(state.status, StatusMarker.symbol(state.status), style: style)
                table.addRow([
                    marker + " " + TerminalText.sanitized(state.path.pathDescription), state.type.rawValue,
                    "#\(state.enteredEventID)",
                ])
            }
            lines += table.render(style: style).split(separator: "\n").map { "  " + $0 }
        }
        if !snapshot.containers.isEmpty {
            lines += ["", style.bold("Map and Parallel progress")]
            var table = TextTable(columns: [.init("", maximumWidth: 80), .init("")])
            for container in snapshot.containers {
                let unit = container.type == .map ? "iterations" : "branches"
                let total = container.total.map { " of \($0)" } ?? ""
                table.addRow([
                    TerminalText.sanitized(container.path.pathDescription),
                    "\(container.started)\(total) \(unit) started: \(container.succeeded) succeeded, "
                        + "\(container.failed) failed, \(container.aborted) aborted",
                ])
            }
            lines += table.render(style: style).split(separator: "\n").map { "  " + $0 }
        }
        lines += ["", style.bold("Last events")]
        var events = TextTable(columns: [.init("", alignment: .right), .init("")])
        for event in snapshot.lastEvents { events.addRow(["#\(event.id)", TerminalText.sanitized(event.type.name)]) }
        lines += events.render(style: style).split(separator: "\n").map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// One line per event when stepping through a history: id, type, and where it happened.
public struct EventLine {
    private let event: HistoryEvent
    private let context: [LocationStep]

    /// Creates the line of an event at its place in the tree.
    public init(event: HistoryEvent, context: [LocationStep]) {
        self.event = event
        self.context = context
    }

    /// The line, without a newline.
    public func render() -> String {
        let id = "#\(event.id)".padding(toLength: 7, withPad: " ", startingAt: 0)
        let type = event.type.name.padding(toLength: 28, withPad: " ", startingAt: 0)
        let place = context.isEmpty ? "execution" : context.pathDescription
        var line = "\(id)\(type)\(place)"
        if let error = event.details.error { line += "  error \(error)" }
        return TerminalText.sanitized(CredentialRedactor.standard.redact(line))
    }
}
