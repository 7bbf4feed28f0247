import RetraceCore

/// A Map's items, the iterations started for them and how those ended, said in one sentence so that the counts
/// agree wherever they are shown ("3 items, 2 iterations started: 1 succeeded, 1 failed; 1 item never started").
public struct MapCounts: Sendable, Hashable {
    /// Items the Map was given (its `itemCount`, or the iterations when that is not recorded).
    public var items: Int
    /// Iterations that started.
    public var started: Int
    /// Iterations by outcome.
    public var succeeded: Int, failed: Int, aborted: Int

    /// Creates the counts.
    public init(items: Int, started: Int, succeeded: Int, failed: Int, aborted: Int) {
        self.items = max(items, started)
        self.started = started
        self.succeeded = succeeded
        self.failed = failed
        self.aborted = aborted
    }

    /// Iterations still running or of another outcome.
    public var other: Int { max(0, started - succeeded - failed - aborted) }

    /// `25 items`, or, when not every item started, `3 items, 1 never started`.
    public var itemsPhrase: String {
        Noun("item").counted(items) + (started < items ? ", \(items - started) never started" : "")
    }

    /// `17 succeeded, 1 failed, 7 aborted`: the started iterations by outcome, those with none left out.
    public var outcomesPhrase: String {
        var outcomes: [String] = []
        if succeeded > 0 { outcomes.append("\(succeeded) succeeded") }
        if failed > 0 { outcomes.append("\(failed) failed") }
        if aborted > 0 { outcomes.append("\(aborted) aborted") }
        if other > 0 { outcomes.append("\(other) unfinished") }
        return outcomes.joined(separator: ", ")
    }

    /// Both in one sentence: `25 items: 17 succeeded, 1 failed, 7 aborted`, or `3 items, 2 iterations
    /// started: 1 succeeded, 1 failed; 1 item never started`.
    public var sentence: String {
        var text = Noun("item").counted(items)
        if started < items { text += ", \(Noun("iteration").counted(started)) started" }
        let outcomes = outcomesPhrase
        if !outcomes.isEmpty { text += ": " + outcomes }
        if started < items { text += "; \(Noun("item").counted(items - started)) never started" }
        return text
    }
}
