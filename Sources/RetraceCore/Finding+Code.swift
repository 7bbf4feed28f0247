extension Finding {
    /// A finding's stable code for programs (`task-failed`, `retry-storm`, …). A typed value rather than a bare
    /// string, so that a code is spelt in one place, a typo does not compile, and `catalogue` is the one table the
    /// documentation (`docs/diagnostics.md`) is checked against.
    public struct Code: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
        /// The code as written in JSON output and the documentation.
        public let rawValue: String

        /// A code from its written form; prefer the static members.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The written form.
        public var description: String { rawValue }

        /// Alphabetical order of the written forms, for stable listings.
        public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The finding that reports an anomaly of the log itself: `log-` and the warning's code.
        public static func logAnomaly(_ warning: LogWarning.Code) -> Code { Code(rawValue: "log-" + warning.rawValue) }

        /// Whether this code reports an anomaly of the log (`logAnomaly(_:)`) rather than of the run.
        public var isLogAnomaly: Bool { rawValue.hasPrefix("log-") }
    }
}

// MARK: - Step Functions: root causes

extension Finding.Code {
    /// A task reported failure (`TaskFailed`).
    public static let taskFailed = Self(rawValue: "task-failed")
    /// A task, activity or Lambda call ran past its `TimeoutSeconds`.
    public static let taskTimedOut = Self(rawValue: "task-timed-out")
    /// A task sent no heartbeat within its `HeartbeatSeconds`.
    public static let heartbeatTimedOut = Self(rawValue: "heartbeat-timed-out")
    /// A task or Lambda function could not be started.
    public static let taskStartFailed = Self(rawValue: "task-start-failed")
    /// A task could not be submitted to its service.
    public static let taskSubmitFailed = Self(rawValue: "task-submit-failed")
    /// A Lambda function or activity could not be scheduled.
    public static let taskScheduleFailed = Self(rawValue: "task-schedule-failed")
    /// A Lambda function failed (`LambdaFunctionFailed`, the legacy integration).
    public static let lambdaFailed = Self(rawValue: "lambda-failed")
    /// An activity worker reported failure.
    public static let activityFailed = Self(rawValue: "activity-failed")
    /// A state's paths or expressions could not be evaluated (`EvaluationFailed`).
    public static let evaluationFailed = Self(rawValue: "evaluation-failed")
    /// A distributed Map's Map Run failed as a whole.
    public static let mapRunFailed = Self(rawValue: "map-run-failed")
    /// The execution reached a Fail state.
    public static let failState = Self(rawValue: "fail-state")
    /// The interpreter failed applying a state's own definition (a path or expression that did not evaluate).
    public static let stateFailed = Self(rawValue: "state-failed")
    /// A failure event of a kind with no more specific code.
    public static let failed = Self(rawValue: "failed")
    /// The execution failed and no state explains it.
    public static let executionFailed = Self(rawValue: "execution-failed")
    /// The execution ran past the state machine's `TimeoutSeconds`.
    public static let executionTimedOut = Self(rawValue: "execution-timed-out")
    /// The execution was stopped; the states that were running are named.
    public static let executionAborted = Self(rawValue: "execution-aborted")
    /// The execution reached the 25,000-event history limit.
    public static let historyLimit = Self(rawValue: "history-limit")
}

// MARK: - Step Functions: further findings

extension Finding.Code {
    /// A Catch handled a failure.
    public static let caughtError = Self(rawValue: "caught-error")
    /// A state was retried.
    public static let retried = Self(rawValue: "retried")
    /// A state was retried so often, or backed off so long, that the retries are the story.
    public static let retryStorm = Self(rawValue: "retry-storm")
    /// Iterations of a Map failed or were aborted.
    public static let mapIterationsFailed = Self(rawValue: "map-iterations-failed")
    /// Child executions of a distributed Map, given with their parent, failed.
    public static let mapRunChildrenFailed = Self(rawValue: "map-run-children-failed")
    /// A Map Run failed and none of its child executions was given.
    public static let mapRunChildrenMissing = Self(rawValue: "map-run-children-missing")
    /// The execution was redriven.
    public static let redriven = Self(rawValue: "redriven")
    /// The states that set the run's length.
    public static let criticalPath = Self(rawValue: "critical-path")
    /// A state that took a large share of the run.
    public static let slowState = Self(rawValue: "slow-state")
    /// A history that used most of its 25,000 events.
    public static let historyBudget = Self(rawValue: "history-budget")
}

// MARK: - Deployment lifecycles

extension Finding.Code {
    /// The event that took a GameLift fleet to `ERROR`.
    public static let gameLiftFleetError = Self(rawValue: "gamelift-fleet-error")
    /// The event that took a GameLift fleet location to `ERROR`.
    public static let gameLiftLocationError = Self(rawValue: "gamelift-location-error")
    /// Process crashes and unhealthy terminations on a GameLift fleet.
    public static let gameLiftFleetHealth = Self(rawValue: "gamelift-fleet-health")
    /// A GameLift failure event that did not end the fleet.
    public static let gameLiftFailureEvent = Self(rawValue: "gamelift-failure-event")
    /// A GameLift event carries a pre-signed log URL.
    public static let gameLiftEventLog = Self(rawValue: "gamelift-event-log")
    /// A GameLift game session ended in ERROR (or was cut short), with the failure its log archive shows.
    public static let gameLiftGameSession = Self(rawValue: "gamelift-game-session")
    /// A CloudFormation resource failed.
    public static let stackResourceFailed = Self(rawValue: "stack-resource-failed")
    /// A nested stack failed.
    public static let stackNestedStackFailed = Self(rawValue: "stack-nested-stack-failed")
    /// A stack failed with no resource failure in the log.
    public static let stackFailed = Self(rawValue: "stack-failed")
    /// A ParallelCluster image build failed in Image Builder.
    public static let imageBuildFailed = Self(rawValue: "image-build-failed")
    /// A stack's rollback failed.
    public static let stackRollbackFailed = Self(rawValue: "stack-rollback-failed")
    /// A stack's cleanup after an update failed.
    public static let stackCleanupFailed = Self(rawValue: "stack-cleanup-failed")
    /// Resources whose operations were cancelled because another failed.
    public static let stackResourcesCancelled = Self(rawValue: "stack-resources-cancelled")
    /// An earlier operation of the stack failed.
    public static let stackEarlierOperationFailed = Self(rawValue: "stack-earlier-operation-failed")
    /// A ModelArts service deployment failed.
    public static let modelArtsDeploymentFailed = Self(rawValue: "modelarts-deployment-failed")
    /// A ModelArts abnormal event.
    public static let modelArtsAbnormalEvent = Self(rawValue: "modelarts-abnormal-event")
    /// The phase a ModelArts deployment reached.
    public static let modelArtsPhaseReached = Self(rawValue: "modelarts-phase-reached")
    /// An earlier deployment of the ModelArts service failed.
    public static let modelArtsEarlierDeploymentFailed = Self(rawValue: "modelarts-earlier-deployment-failed")
    /// A lifecycle moved in a way its service does not allow.
    public static let lifecycleUnexpectedTransition = Self(rawValue: "lifecycle-unexpected-transition")
    /// A status or event code Retrace does not know; kept and shown.
    public static let lifecycleUnknownEvent = Self(rawValue: "lifecycle-unknown-event")
}

extension Finding.Code {
    /// Every code a finding can have, but the `log-` family (one per `LogWarning.Code`): the table the
    /// documentation is checked against. A new code is added here and to `docs/diagnostics.md`.
    public static let catalogue: [Finding.Code] = [
        .taskFailed, .taskTimedOut, .heartbeatTimedOut, .taskStartFailed, .taskSubmitFailed, .taskScheduleFailed,
        .lambdaFailed, .activityFailed, .evaluationFailed, .mapRunFailed, .failState, .stateFailed, .failed,
        .executionFailed, .executionTimedOut, .executionAborted, .historyLimit,
        .caughtError, .retried, .retryStorm, .mapIterationsFailed, .mapRunChildrenFailed, .mapRunChildrenMissing,
        .redriven, .criticalPath, .slowState, .historyBudget,
        .gameLiftFleetError, .gameLiftLocationError, .gameLiftFleetHealth, .gameLiftFailureEvent, .gameLiftEventLog,
        .gameLiftGameSession,
        .stackResourceFailed, .stackNestedStackFailed, .stackFailed, .imageBuildFailed, .stackRollbackFailed,
        .stackCleanupFailed, .stackResourcesCancelled, .stackEarlierOperationFailed,
        .modelArtsDeploymentFailed, .modelArtsAbnormalEvent, .modelArtsPhaseReached, .modelArtsEarlierDeploymentFailed,
        .lifecycleUnexpectedTransition, .lifecycleUnknownEvent,
    ]
}
