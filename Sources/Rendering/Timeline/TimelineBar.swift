import StepFunctions

/// One bar of a timeline row: a visit, a task attempt, the backoff before a retry, the span of a branch or
/// iteration, or the merged time covered by many visits.
///
/// Times are milliseconds from the execution's start, so the bar is independent of the picture's scale.
public struct TimelineBar: Sendable, Hashable {
    /// What the bar shows.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A state visit, from entered to its end (behind its attempts for Task states).
        case visit
        /// One task attempt, from scheduled to its end.
        case attempt
        /// The wait between a failed attempt and the next one: the Retry's backoff.
        case backoff
        /// The span of a Parallel branch or a Map iteration (a group row).
        case span
        /// The union of the times many merged visits or iterations ran (an aggregate row).
        case coverage
    }

    /// What the bar shows.
    public var kind: Kind
    /// Where it starts, in milliseconds from the execution's start.
    public var startOffset: Int64
    /// Where it ends, in milliseconds from the execution's start (never before `startOffset`).
    public var endOffset: Int64
    /// How what it shows ended; `nil` for backoff and coverage.
    public var status: Status?
    /// Whether the end is not known (still running, or cut off by the end of the history).
    public var isOpen: Bool
    /// Whether this is where the root cause happened.
    public var isRootCause: Bool
    /// What a pointer over the bar shows: name, attempt, status, duration, error.
    public var tooltip: String

    /// Creates a bar; an end before the start is taken as the start.
    public init(
        kind: Kind, startOffset: Int64, endOffset: Int64, status: Status?, isOpen: Bool = false,
        isRootCause: Bool = false, tooltip: String
    ) {
        self.kind = kind
        self.startOffset = startOffset
        self.endOffset = max(startOffset, endOffset)
        self.status = status
        self.isOpen = isOpen
        self.isRootCause = isRootCause
        self.tooltip = tooltip
    }
}
