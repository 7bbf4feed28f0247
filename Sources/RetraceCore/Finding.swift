/// One thing the diagnostics found: the root cause of a failure, a caught error, a retry storm, a slow state,
/// an anomaly in the log. Rendering formats findings; only `Diagnostics` decides what they are.
public struct Finding: Sendable, Hashable {
    /// How much it matters.
    public var severity: Severity
    /// A stable code for programs, documented in `docs/json-schema.md` (`task-failed`, `retry-storm`, …).
    public var code: Code
    /// One line for people: what happened.
    public var title: String
    /// Where it happened, outermost first.
    public var location: [LocationStep]
    /// The ids of the events that show it (Step Functions event ids, or a lifecycle log's event ids).
    public var evidence: [String]
    /// The error name as recorded (`States.Timeout`, `Lambda.ServiceException`, a resource status reason code).
    public var error: String?
    /// The cause text as recorded, credentials redacted by the renderer.
    public var cause: String?
    /// The cause read: a one-line summary and the frames that matter; `nil` when the cause says nothing more
    /// than its text.
    public var causeDetail: CauseDetail?
    /// Why this is the explanation, in a sentence or two.
    public var explanation: String
    /// What to change, concretely; `nil` when there is nothing to suggest.
    public var remedy: String?

    /// Creates a finding.
    public init(
        severity: Severity, code: Code, title: String, location: [LocationStep] = [], evidence: [String] = [],
        error: String? = nil, cause: String? = nil, causeDetail: CauseDetail? = nil, explanation: String,
        remedy: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.title = title
        self.location = location
        self.evidence = evidence
        self.error = error
        self.cause = cause
        self.causeDetail = causeDetail
        self.explanation = explanation
        self.remedy = remedy
    }
}
