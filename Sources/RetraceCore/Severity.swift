/// How much a finding matters, from most to least.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    /// The run failed because of this.
    case error
    /// Something is wrong or risky but did not decide the outcome (a caught error, a log anomaly).
    case warning
    /// Worth knowing (slow states, retries that succeeded).
    case info

    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .info: return 2
        }
    }

    /// Orders by importance: `error` first.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
