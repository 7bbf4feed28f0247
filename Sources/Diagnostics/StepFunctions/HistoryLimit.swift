import RetraceCore
import StepFunctions

/// The 25,000-event limit: which states used the events, and the loop or retry storm behind it.
struct HistoryLimit {
    let context: DiagnosisContext

    /// Events consumed per state, largest first (the tree's per-state totals).
    func usage() -> [StateSummary] {
        StateSummary.rows(of: context.tree).sorted { ($0.events, $1.name) > ($1.events, $0.name) }
    }

    func finding(terminal: HistoryEvent) -> Finding {
        let top = usage().prefix(3)
        let total = context.tree.events.count
        let parts = top.map { usage in
            let share = total > 0 ? usage.events * 100 / total : 0
            var text = "\(usage.name) \(usage.events) events (\(share)%) in \(usage.visits) visits"
            if usage.attempts > usage.visits { text += ", \(usage.attempts - usage.visits) retries" }
            return text
        }
        let heaviest = top.first
        var explanation = "The execution used up the 25,000-event history budget."
        if !parts.isEmpty { explanation += " Largest consumers: \(parts.joined(separator: "; "))." }
        if let heaviest, heaviest.visits > 100 {
            explanation +=
                " \(heaviest.name) ran \(heaviest.visits) times: a loop (a Choice sending the execution "
                + "back) or a large inline Map."
        }
        return Finding(
            severity: .error, code: .historyLimit, title: "The execution reached the 25,000-event history limit",
            location: heaviest.map { [.state($0.name)] } ?? [], evidence: [String(terminal.id)],
            error: terminal.details.error, cause: terminal.details.cause, explanation: explanation,
            remedy: RemedyCatalogue.entry(error: nil, cause: "maximum number of history events")?.remedy)
    }
}
