import RetraceCore

/// A decoded execution history: every event once, in id order, with what ingest noticed along the way.
public struct History: Sendable {
    /// The events, sorted by id; events without a usable id follow the event they came after in their file.
    public var events: [HistoryEvent]
    /// Names of the inputs read (paths, or `<stdin>`).
    public var sources: [String]
    /// The execution ARN, when a wrapper around the events recorded it.
    public var executionArn: String?
    /// What of the history was not given.
    public var completeness = HistoryCompleteness()
    /// Number of pages (JSON documents) read across all inputs.
    public var pageCount: Int
    /// Whether events came newest first (`reverseOrder`), which is fine and only noted.
    public var wasReverseOrder: Bool
    /// Number of identical duplicate events dropped (overlapping pages).
    public var duplicatesDropped: Int
    /// Anomalies in the input: unreadable timestamps, conflicting duplicates, unknown event types.
    public var warnings: [LogWarning]

    /// Creates a history from events already decoded (tests, generators).
    public init(
        events: [HistoryEvent], sources: [String] = [], executionArn: String? = nil, pageCount: Int = 1,
        wasReverseOrder: Bool = false, duplicatesDropped: Int = 0, warnings: [LogWarning] = []
    ) {
        self.events = events
        self.sources = sources
        self.executionArn = executionArn
        self.pageCount = pageCount
        self.wasReverseOrder = wasReverseOrder
        self.duplicatesDropped = duplicatesDropped
        self.warnings = warnings
    }

    /// Merges the pages of one execution, given in any order or direction, overlapping or not.
    public init(pages: [HistoryPage]) {
        var collector = EventCollector()
        if pages.count > 1 { collector.reserveCapacity(pages.reduce(0) { $0 + $1.events.count }) }
        var sources: [String] = []
        for page in pages {
            collector.add(page)
            if sources.last != page.origin.input, !sources.contains(page.origin.input) {
                sources.append(page.origin.input)
            }
        }
        self = collector.finish(sources: sources)
    }
}
