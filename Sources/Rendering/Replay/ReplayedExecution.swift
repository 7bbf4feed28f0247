import Replay

/// One execution's definition replay, with the names reports show it by.
public struct ReplayedExecution: Sendable {
    /// The execution's name (its file, or the name in its ARN).
    public var name: String
    /// The execution ARN, when the history recorded it.
    public var arn: String?
    /// What the replay found.
    public var report: ReplayReport

    /// Creates an entry.
    public init(name: String, arn: String?, report: ReplayReport) {
        self.name = name
        self.arn = arn
        self.report = report
    }
}
