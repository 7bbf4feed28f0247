/// One element of a state's `Retry` array: which errors it retries and how long it waits between attempts.
public struct Retrier: Sendable, Hashable {
    /// The error names this retrier handles (`States.ALL`, `States.TaskFailed`, custom names).
    public var errorEquals: [String]
    /// Seconds before the first retry; ASL's default is 1.
    public var intervalSeconds: Int64
    /// Retries after the first attempt; 0 means never retry. ASL's default is 3.
    public var maxAttempts: Int64
    /// Factor by which the interval grows with each retry; ASL's default is 2.0.
    public var backoffRate: Double
    /// Upper bound on the interval between retries, when set.
    public var maxDelaySeconds: Int64?
    /// Whether retry intervals are randomised.
    public var jitterStrategy: JitterStrategy
    /// The retrier's `Comment`.
    public var comment: String?

    /// Creates a retrier; the defaults are those ASL applies to absent fields.
    public init(
        errorEquals: [String], intervalSeconds: Int64 = 1, maxAttempts: Int64 = 3, backoffRate: Double = 2.0,
        maxDelaySeconds: Int64? = nil, jitterStrategy: JitterStrategy = .none, comment: String? = nil
    ) {
        self.errorEquals = errorEquals
        self.intervalSeconds = intervalSeconds
        self.maxAttempts = maxAttempts
        self.backoffRate = backoffRate
        self.maxDelaySeconds = maxDelaySeconds
        self.jitterStrategy = jitterStrategy
        self.comment = comment
    }

    /// Whether this retrier applies to `error` by name (`States.ALL` matches every name; which errors AWS never
    /// retries, such as `States.Runtime`, is the interpreter's business).
    public func handles(_ error: String) -> Bool {
        errorEquals.contains(error) || errorEquals.contains("States.ALL")
    }
}

/// How retry intervals are randomised (`JitterStrategy`).
public enum JitterStrategy: String, Sendable, Hashable, CaseIterable {
    /// Exact intervals (the default).
    case none = "NONE"
    /// Each interval is drawn uniformly between 0 and the computed interval.
    case full = "FULL"
}
