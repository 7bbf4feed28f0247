import Replay
import RetraceCore
import StepFunctions

/// The text `retrace replay --at` prints: the moment, the states by status, Map and Parallel progress, the last
/// events.
struct SnapshotText {
    var snapshot: ExecutionSnapshot

    func render() -> String {
        var lines: [String] = []
        let time = snapshot.time.map { " (\($0.iso8601))" } ?? ""
        lines.append("At event #\(snapshot.eventID)\(time): execution \(snapshot.outcome.rawValue)")
        let groups: [(String, [Status])] = [
            ("Running", [.running]), ("Done", [.succeeded]), ("Caught", [.caught]),
            ("Failed", [.failed, .timedOut]), ("Aborted", [.aborted]),
        ]
        for (title, statuses) in groups {
            let states = snapshot.states.filter { statuses.contains($0.status) }
            guard !states.isEmpty else { continue }
            lines.append("")
            lines.append("\(title) (\(states.count))")
            for state in states.suffix(20) {
                lines.append("  \(state.path.pathDescription)  \(state.type.rawValue)  #\(state.enteredEventID)")
            }
            if states.count > 20 { lines.insert("  … \(states.count - 20) earlier", at: lines.count - 20) }
        }
        if !snapshot.containers.isEmpty {
            lines.append("")
            lines.append("Map and Parallel progress")
            for container in snapshot.containers {
                let unit = container.type == .map ? "iterations" : "branches"
                let total = container.total.map { " of \($0)" } ?? ""
                lines.append(
                    "  \(container.path.pathDescription)  \(container.started)\(total) \(unit) started: "
                        + "\(container.succeeded) succeeded, \(container.failed) failed, \(container.aborted) aborted")
            }
        }
        lines.append("")
        lines.append("Last events")
        for event in snapshot.lastEvents {
            lines.append("  #\(event.id)  \(event.type)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// One line per event when stepping through a history: id, type, and where it happened.
struct EventLine {
    var event: HistoryEvent
    var context: [LocationStep]

    func render() -> String {
        let id = "#\(event.id)".padding(toLength: 6, withPad: " ", startingAt: 0)
        let type = "\(event.type)".padding(toLength: 26, withPad: " ", startingAt: 0)
        let place = context.isEmpty ? "execution" : context.pathDescription
        var line = "\(id) \(type) \(place)"
        if let error = event.details.error { line += "  error \(error)" }
        return line
    }
}
