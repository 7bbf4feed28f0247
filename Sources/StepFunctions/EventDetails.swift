import RetraceCore

/// The details of one event: the members of its `*EventDetails` object, typed.
///
/// One flat structure serves all 35 detail shapes of the API: each field is present only for the types that
/// carry it, as the field comments say. Flat because reconstruction and diagnostics ask the same
/// questions of many types ("what error?", "which state?"), and a field that does not apply is simply `nil`.
public struct EventDetails: Sendable, Hashable {
    /// State name (`stateEnteredEventDetails`, `stateExitedEventDetails`), Map name (`mapIteration*`), or the
    /// failing state of `EvaluationFailed` (`state`).
    public var name: String?
    /// Input of an execution, state, activity or Lambda function.
    public var input: Payload?
    /// Whether the input was truncated (CloudWatch Logs only).
    public var inputTruncated: Bool?
    /// Output of an execution, state or task.
    public var output: Payload?
    /// Whether the output was truncated (CloudWatch Logs only).
    public var outputTruncated: Bool?
    /// Parameters sent to a service integration (`TaskScheduled`).
    public var parameters: Payload?
    /// Error name of a failure.
    public var error: String?
    /// Cause of a failure, as recorded (often JSON text, for example a Lambda error object).
    public var cause: String?
    /// Resource: the service action (`Task*`), or the ARN of a Lambda function or activity.
    public var resource: String?
    /// Service name of a `Task*` event (`lambda`, `sqs`, `aws-sdk:s3`).
    public var resourceType: String?
    /// Region of a `TaskScheduled` event.
    public var region: String?
    /// `TimeoutSeconds` in force for the attempt.
    public var timeoutInSeconds: Int64?
    /// `HeartbeatSeconds` in force for the attempt.
    public var heartbeatInSeconds: Int64?
    /// Execution role (`ExecutionStarted`) or the task's assumed role (`taskCredentials.roleArn`).
    public var roleArn: String?
    /// Alias used to start the execution.
    public var stateMachineAliasArn: String?
    /// Version used to start the execution.
    public var stateMachineVersionArn: String?
    /// Worker that took an activity task.
    public var workerName: String?
    /// Number of items of an inline Map (`MapStateStarted`).
    public var length: Int64?
    /// Iteration index (`MapIteration*`).
    public var index: Int64?
    /// Map Run ARN (`MapRunStarted`, `MapRunRedriven`).
    public var mapRunArn: String?
    /// Redrive count (`ExecutionRedriven`, `MapRunRedriven`).
    public var redriveCount: Int64?
    /// JSONata location of an `EvaluationFailed` (`Output/error`).
    public var location: String?
    /// Variables assigned on exit, by name, values as JSON text.
    public var assignedVariables: [String: Payload]?
    /// Whether the assigned variables were truncated (CloudWatch Logs only).
    public var assignedVariablesTruncated: Bool?
    /// Members this version does not know (a newer API, or a type it does not know), kept as recorded.
    public var unrecognised: JSONObject?

    /// Empty details.
    public init() {}
}
