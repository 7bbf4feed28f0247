/// How a deployment ended, named as its service names it: the headline an operator reads before anything else.
///
/// `RunOutcome` answers "did it work" in terms shared with workflows (and drives `--exit-code`); this says what
/// the service would show on its console, which is what an operator looks for: a stack's status and the operation
/// that led to it, a fleet's status and health, a ModelArts service's status and the phase its deployment reached.
/// The vocabulary per service is in `docs/diagnostics.md`.
public struct ServiceVerdict: Sendable, Hashable {
    /// The service's own word for where the deployment ended: a stack status (`ROLLBACK_COMPLETE`), a fleet status
    /// (`ACTIVE`), a ModelArts service status (`RUNNING`, `FAILED`).
    public var status: String
    /// What was being done or how far it got: the CloudFormation operation (`CREATE`, `UPDATE`, `DELETE`,
    /// `ROLLBACK`, `IMPORT`), the GameLift phase a fleet failed in, the ModelArts phase reached.
    public var operation: String?
    /// The verdict in a few words: "create failed, then deleted (--on-failure DELETE)", "active, degraded".
    public var summary: String
    /// Whether the deployment stands but is not healthy (an ACTIVE fleet whose server processes crash). The
    /// outcome stays a success; reports mark it so that it is not read as one without a second look.
    public var isDegraded: Bool
    /// The figures behind a degraded verdict ("59 server-process crashes, 17.7 an hour").
    public var detail: String?

    /// Creates a verdict.
    public init(
        status: String, operation: String? = nil, summary: String, isDegraded: Bool = false, detail: String? = nil
    ) {
        self.status = status
        self.operation = operation
        self.summary = summary
        self.isDegraded = isDegraded
        self.detail = detail
    }
}
