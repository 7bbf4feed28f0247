extension Int64 {
    /// `self + other`, held at `Int64.max` / `Int64.min` instead of trapping: totals of durations and counts read
    /// from a log (timestamps near ±10¹³ s, counts as large as the log claims) must not crash a report.
    public func addingSaturating(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}
