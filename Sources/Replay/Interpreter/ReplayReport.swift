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
    /// Number of state visits replayed.
    public var statesReplayed: Int

    /// Creates a report.
    public init(divergences: [Divergence], notCompared: [NotCompared], agreements: Int, statesReplayed: Int) {
        self.divergences = divergences
        self.notCompared = notCompared
        self.agreements = agreements
        self.statesReplayed = statesReplayed
    }

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
