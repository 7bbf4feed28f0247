/// The answer to "what happened and why": the outcome, the root cause when the run went wrong, and everything
/// else worth knowing, most important first.
public struct Diagnosis: Sendable, Hashable {
    /// How the run ended.
    public var outcome: RunOutcome
    /// The one finding that explains a failure, timeout or abort; `nil` for a run that went well or is running.
    public var rootCause: Finding?
    /// Further findings, sorted by severity.
    public var findings: [Finding]
    /// For a deployment, how it ended in its service's own words; `nil` for executions, whose outcome already is
    /// the service's word.
    public var verdict: ServiceVerdict?

    /// Creates a diagnosis; findings are sorted by severity, stable within one severity.
    public init(outcome: RunOutcome, rootCause: Finding?, findings: [Finding]) {
        self.outcome = outcome
        self.rootCause = rootCause
        self.findings = findings.enumerated().sorted {
            ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset)
        }.map(\.element)
    }
}
