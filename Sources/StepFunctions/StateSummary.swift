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
        /// A state is its name and type together; rows keep the order in which states were first visited.
        struct Key: Hashable {
            var type: StateType
            var name: String
        }
        let placed = tree.placedVisits
        // Made at the largest size they can need, so that they are never copied to grow: a history may visit
        // hundreds of thousands of distinct states, and space never written is never faulted in.
        var rows: [StateSummary] = []
        rows.reserveCapacity(placed.count)
        var positions: [Key: Int] = Dictionary(minimumCapacity: placed.count)
        for index in placed.indices {
            let key = Key(type: placed[index].visit.type, name: placed[index].visit.name)
            let position: Int
            if let known = positions[key] {
                position = known
            } else {
                position = rows.count
                positions[key] = position
                rows.append(
                    StateSummary(
                        name: key.name, type: key.type, visits: 0, attempts: 0, failures: 0, failedVisits: 0,
                        failedAttempts: 0, totalMilliseconds: nil, maxMilliseconds: nil, events: 0))
            }
            let attempts = placed[index].visit.attempts.count
            let failedAttempts = placed[index].visit.attempts.count { $0.status.isFailure }
            let status = placed[index].visit.status
            let failedVisit = status.isFailure || status == .caught
            rows[position].visits += 1
            rows[position].attempts += attempts
            if failedVisit || failedAttempts > 0 { rows[position].failures += 1 }
            if failedVisit { rows[position].failedVisits += 1 }
            rows[position].failedAttempts += failedAttempts
            if let duration = placed[index].visit.durationMilliseconds {
                rows[position].totalMilliseconds = (rows[position].totalMilliseconds ?? 0).addingSaturating(duration)
                rows[position].maxMilliseconds = max(rows[position].maxMilliseconds ?? duration, duration)
            }
            rows[position].events += placed[index].visit.eventIDs.count
        }
        return rows
    }
}
