import RetraceCore
import StepFunctions

/// The 25,000-event limit: which states used the events, and the loop or retry storm behind it.
struct HistoryLimit {
    let context: DiagnosisContext

    /// The `count` states that consumed the most events, largest first (of the tree's per-state totals). Picked,
    /// not sorted: a history may visit hundreds of thousands of distinct states.
    func usage(top count: Int) -> [StateSummary] {
        func isLarger(_ a: StateSummary, _ b: StateSummary) -> Bool { (a.events, b.name) > (b.events, a.name) }
        var top: [StateSummary] = []
        for row in StateSummary.rows(of: context.tree) {
            guard top.count < count || top.last.map({ isLarger(row, $0) }) == true else { continue }
            let place = top.firstIndex { isLarger(row, $0) } ?? top.count
            top.insert(row, at: place)
            if top.count > count { top.removeLast() }
        }
        return top
    }

    func finding(terminal: HistoryEvent) -> Finding {
        let top = usage(top: 3)
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
