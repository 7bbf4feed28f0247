import RetraceCore
import StepFunctions

/// The rows of the per-state table that a report for people shows: all of them up to `shownInFull`; beyond, the
/// `kept` that say most (states that failed first, then those with the most events, then the longest), in the order
/// the states were first visited, and what the rest add up to. A history of 300,000 distinct states otherwise
/// printed a table of 300,000 rows; the JSON report keeps every row.
struct StateSummaryShown {
    /// Rows listed one by one up to this many.
    static let shownInFull = 40
    /// Rows kept when the table is folded.
    static let kept = 30

    /// The rows shown, in the order the states were first visited.
    let rows: [StateSummary]
    /// How many states were left out, and their visits, failed visits and events together.
    let folded: (states: Int, visits: Int, failedVisits: Int, events: Int)?

    init(_ all: [StateSummary]) {
        guard all.count > Self.shownInFull else {
            rows = all
            folded = nil
            return
        }
        let ranked = all.indices.sorted { left, right in
            let (a, b) = (all[left], all[right])
            return (a.failures > 0 ? 1 : 0, a.events, a.totalMilliseconds ?? 0, right)
                > (b.failures > 0 ? 1 : 0, b.events, b.totalMilliseconds ?? 0, left)
        }
        let shown = Set(ranked.prefix(Self.kept))
        rows = all.indices.filter { shown.contains($0) }.map { all[$0] }
        let rest = all.indices.filter { !shown.contains($0) }.map { all[$0] }
        folded = (
            rest.count, rest.reduce(0) { $0 + $1.visits }, rest.reduce(0) { $0 + $1.failedVisits },
            rest.reduce(0) { $0 + $1.events }
        )
    }

    /// "… 299970 more states", the name cell of the row that stands for the states left out; `nil` when none are.
    var foldedName: String? {
        folded.map { "… \(Noun("more state").counted($0.states))" }
    }
}
