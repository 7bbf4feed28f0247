/// The fields particular to a Wait state: exactly one way of saying how long to wait.
public struct WaitState: Sendable, Hashable {
    /// How the wait is specified.
    public var duration: WaitDuration

    /// Creates the Wait fields.
    public init(duration: WaitDuration) {
        self.duration = duration
    }
}

/// The four ways (and their JSONata spellings) a Wait state says how long to wait.
public enum WaitDuration: Sendable, Hashable {
    /// `Seconds` (a literal count, or a JSONata expression) or `SecondsPath`.
    case seconds(FieldSource<Int64>)
    /// `Timestamp` (an RFC 3339 literal, or a JSONata expression) or `TimestampPath`.
    case timestamp(FieldSource<String>)
}
