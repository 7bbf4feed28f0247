/// Where the ticks of a time axis go: a round step (1 ms, 2 ms, 5 ms … 1 s, 15 s, 1 m … 1 d …) that gives
/// at most about ten ticks, so the labels read as durations people use.
enum TimelineAxis {
    /// The steps offered, in milliseconds.
    static let steps: [Int64] = [
        1, 2, 5, 10, 20, 50, 100, 200, 500,
        1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
        60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
        3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000,
        86_400_000, 172_800_000, 604_800_000, 2_592_000_000, 31_536_000_000,
    ]

    /// The smallest round step that divides `span` into at most `maximumTicks` intervals.
    static func step(forSpan span: Int64, maximumTicks: Int64 = 10) -> Int64 {
        let span = max(span, 1)
        for step in steps where span / step <= maximumTicks {
            return step
        }
        // Beyond a year per tick: a whole multiple of the largest step.
        let largest = steps.last ?? 31_536_000_000
        return max(largest, (span / maximumTicks / largest + 1) * largest)
    }
}
