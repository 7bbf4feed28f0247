import RetraceCore

/// What definition replay found: the divergences (first first), what could not be compared, and how much was
/// checked.
public struct ReplayReport: Sendable {
    /// Every divergence, ordered by event id.
    public var divergences: [Divergence]
    /// Everything that could not be compared, ordered by event id.
    public var notCompared: [NotCompared]
    /// Number of comparisons made that agreed.
    public var agreements: Int
    /// Number of recorded state visits the definition was replayed against (compared).
    public var statesReplayed: Int
    /// Number of state visits the history recorded, in every scope and run (the execution, Map iterations,
    /// Parallel branches, redrives, and child executions given with the parent).
    public var visitsRecorded: Int

    /// Creates a report.
    public init(
        divergences: [Divergence], notCompared: [NotCompared], agreements: Int, statesReplayed: Int,
        visitsRecorded: Int? = nil
    ) {
        self.divergences = divergences
        self.notCompared = notCompared
        self.agreements = agreements
        self.statesReplayed = statesReplayed
        self.visitsRecorded = max(visitsRecorded ?? statesReplayed, statesReplayed)
    }

    /// Recorded state visits the replay did not reach (after a divergence it could not follow, in a history
    /// that ends early, in iterations run as child executions not given): what "agrees" does not vouch for.
    public var visitsNotCompared: Int { visitsRecorded - statesReplayed }

    /// The first divergence in history order: the one to fix first.
    public var firstDivergence: Divergence? { divergences.first }

    /// Whether the definition and the history agree wherever they could be compared.
    public var agrees: Bool { divergences.isEmpty }

    /// How many comparisons were skipped, by category.
    public var notComparedCounts: [(category: NotComparedCategory, count: Int)] {
        var counts: [NotComparedCategory: Int] = [:]
        for entry in notCompared { counts[entry.category, default: 0] += 1 }
        return NotComparedCategory.allCases.compactMap { category in
            counts[category].map { (category, $0) }
        }
    }
}
