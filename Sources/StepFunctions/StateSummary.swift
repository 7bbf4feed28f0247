/// Per-state totals over a whole execution (every visit at any depth, by state name and type):
/// how often it ran, how many attempts and failures, how long in total and at most, how many events.
public struct StateSummary: Sendable, Hashable {
    /// The state's name.
    public var name: String
    /// The state's type.
    public var type: StateType
    /// Number of visits.
    public var visits: Int
    /// Number of task attempts (retries included).
    public var attempts: Int
    /// Visits that saw a failure: failed, timed out or caught, or with a failed attempt that a retry made good.
    public var failures: Int
    /// Visits that ended failed or timed out, or whose failure a Catch handled.
    public var failedVisits: Int
    /// Task attempts that failed or timed out (retried ones included).
    public var failedAttempts: Int
    /// Sum of visit durations.
    public var totalMilliseconds: Int64?
    /// Longest visit.
    public var maxMilliseconds: Int64?
    /// Events attached to the state's visits: what it consumed of the 25,000-event budget.
    public var events: Int

    /// One row per distinct (name, type), in order of first visit.
    public static func rows(of tree: ExecutionTree) -> [StateSummary] {
        var order: [String] = []
        var rows: [String: StateSummary] = [:]
        for visit in tree.placedVisits.map(\.visit) {
            let key = "\(visit.type.rawValue)\u{0}\(visit.name)"
            var row =
                rows[key]
                ?? StateSummary(
                    name: visit.name, type: visit.type, visits: 0, attempts: 0, failures: 0, failedVisits: 0,
                    failedAttempts: 0, totalMilliseconds: nil, maxMilliseconds: nil, events: 0)
            if rows[key] == nil { order.append(key) }
            row.visits += 1
            row.attempts += visit.attempts.count
            let failedAttempts = visit.attempts.count { $0.status.isFailure }
            let failedVisit = visit.status.isFailure || visit.status == .caught
            if failedVisit || failedAttempts > 0 { row.failures += 1 }
            if failedVisit { row.failedVisits += 1 }
            row.failedAttempts += failedAttempts
            if let duration = visit.durationMilliseconds {
                row.totalMilliseconds = (row.totalMilliseconds ?? 0).addingSaturating(duration)
                row.maxMilliseconds = max(row.maxMilliseconds ?? duration, duration)
            }
            row.events += visit.eventIDs.count
            rows[key] = row
        }
        return order.compactMap { rows[$0] }
    }
}
