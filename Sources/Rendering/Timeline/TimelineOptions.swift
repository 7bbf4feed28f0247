/// Limits that keep a timeline readable however large the run.
public struct TimelineOptions: Sendable, Hashable {
    /// The most rows drawn; the rest are counted in a last row.
    public var rowBudget: Int
    /// Map iterations drawn one group each up to this many; beyond, they merge into one row per state,
    /// with the failed ones still drawn apart.
    public var iterationsShownInFull: Int
    /// Failed iterations drawn apart when a Map's iterations are merged.
    public var failedIterationsShown: Int
    /// Visits of one thread drawn one row each up to this many; beyond (a long loop), one row per state.
    public var visitsShownInFull: Int
    /// Groups nested deeper than this are not drawn.
    public var maximumDepth: Int
    /// How finely merged rows resolve time: gaps shorter than the run's length divided by this are closed,
    /// since a drawing of ordinary width cannot show them (and thousands of slivers would only slow it).
    public var resolution: Int

    /// The defaults: 300 rows, 12 iterations in full, 5 failed ones apart, 80 visits per thread, gaps under
    /// 1/2000 of the run merged.
    public init(
        rowBudget: Int = 300, iterationsShownInFull: Int = 12, failedIterationsShown: Int = 5,
        visitsShownInFull: Int = 80, maximumDepth: Int = 24,
        resolution: Int = 2000
    ) {
        self.rowBudget = rowBudget
        self.iterationsShownInFull = iterationsShownInFull
        self.failedIterationsShown = failedIterationsShown
        self.visitsShownInFull = visitsShownInFull
        self.maximumDepth = maximumDepth
        self.resolution = resolution
    }
}
