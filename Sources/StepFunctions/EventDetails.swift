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
    /// Output of an execution, state or task.
    public var output: Payload?
    /// Resource: the service action (`Task*`), or the ARN of a Lambda function or activity.
    public var resource: String?
    /// Service name of a `Task*` event (`lambda`, `sqs`, `aws-sdk:s3`).
    public var resourceType: String?

    /// The fields few events carry (a failure's error and cause, the parameters of `TaskScheduled`, …), kept out
    /// of line so that an event stays small (152 bytes; 232 with the last three inline): a history is up to millions of events,
    /// decoded, copied and read as one array.
    private var rare = OutOfLine<RareDetails>()

    /// Parameters sent to a service integration (`TaskScheduled`).
    public var parameters: Payload? {
        get { rare.fields.parameters }
        set { rare.update { $0.parameters = newValue } }
    }
    /// Error name of a failure.
    public var error: String? {
        get { rare.fields.error }
        set { rare.update { $0.error = newValue } }
    }
    /// Cause of a failure, as recorded (often JSON text, for example a Lambda error object).
    public var cause: String? {
        get { rare.fields.cause }
        set { rare.update { $0.cause = newValue } }
    }

    /// Whether the input was truncated (CloudWatch Logs only).
    public var inputTruncated: Bool? {
        get { rare.fields.inputTruncated }
        set { rare.update { $0.inputTruncated = newValue } }
    }
    /// Whether the output was truncated (CloudWatch Logs only).
    public var outputTruncated: Bool? {
        get { rare.fields.outputTruncated }
        set { rare.update { $0.outputTruncated = newValue } }
    }
    /// Region of a `TaskScheduled` event.
    public var region: String? {
        get { rare.fields.region }
        set { rare.update { $0.region = newValue } }
    }
    /// `TimeoutSeconds` in force for the attempt.
    public var timeoutInSeconds: Int64? {
        get { rare.fields.timeoutInSeconds }
        set { rare.update { $0.timeoutInSeconds = newValue } }
    }
    /// `HeartbeatSeconds` in force for the attempt.
    public var heartbeatInSeconds: Int64? {
        get { rare.fields.heartbeatInSeconds }
        set { rare.update { $0.heartbeatInSeconds = newValue } }
    }
    /// Execution role (`ExecutionStarted`) or the task's assumed role (`taskCredentials.roleArn`).
    public var roleArn: String? {
        get { rare.fields.roleArn }
        set { rare.update { $0.roleArn = newValue } }
    }
    /// Alias used to start the execution.
    public var stateMachineAliasArn: String? {
        get { rare.fields.stateMachineAliasArn }
        set { rare.update { $0.stateMachineAliasArn = newValue } }
    }
    /// Version used to start the execution.
    public var stateMachineVersionArn: String? {
        get { rare.fields.stateMachineVersionArn }
        set { rare.update { $0.stateMachineVersionArn = newValue } }
    }
    /// Worker that took an activity task.
    public var workerName: String? {
        get { rare.fields.workerName }
        set { rare.update { $0.workerName = newValue } }
    }
    /// Number of items of an inline Map (`MapStateStarted`).
    public var length: Int64? {
        get { rare.fields.length }
        set { rare.update { $0.length = newValue } }
    }
    /// Iteration index (`MapIteration*`).
    public var index: Int64? {
        get { rare.fields.index }
        set { rare.update { $0.index = newValue } }
    }
    /// Map Run ARN (`MapRunStarted`, `MapRunRedriven`).
    public var mapRunArn: String? {
        get { rare.fields.mapRunArn }
        set { rare.update { $0.mapRunArn = newValue } }
    }
    /// Redrive count (`ExecutionRedriven`, `MapRunRedriven`).
    public var redriveCount: Int64? {
        get { rare.fields.redriveCount }
        set { rare.update { $0.redriveCount = newValue } }
    }
    /// JSONata location of an `EvaluationFailed` (`Output/error`).
    public var location: String? {
        get { rare.fields.location }
        set { rare.update { $0.location = newValue } }
    }
    /// Variables assigned on exit, by name, values as JSON text.
    public var assignedVariables: [String: Payload]? {
        get { rare.fields.assignedVariables }
        set { rare.update { $0.assignedVariables = newValue } }
    }
    /// Whether the assigned variables were truncated (CloudWatch Logs only).
    public var assignedVariablesTruncated: Bool? {
        get { rare.fields.assignedVariablesTruncated }
        set { rare.update { $0.assignedVariablesTruncated = newValue } }
    }
    /// Members this version does not know (a newer API, or a type it does not know), kept as recorded.
    public var unrecognised: JSONObject? {
        get { rare.fields.unrecognised }
        set { rare.update { $0.unrecognised = newValue } }
    }

    /// Empty details.
    public init() {}
}

/// The fields of `EventDetails` that few events carry.
struct RareDetails: OutOfLineFields {
    var parameters: Payload?
    var error: String?
    var cause: String?
    var inputTruncated: Bool?
    var outputTruncated: Bool?
    var region: String?
    var timeoutInSeconds: Int64?
    var heartbeatInSeconds: Int64?
    var roleArn: String?
    var stateMachineAliasArn: String?
    var stateMachineVersionArn: String?
    var workerName: String?
    var length: Int64?
    var index: Int64?
    var mapRunArn: String?
    var redriveCount: Int64?
    var location: String?
    var assignedVariables: [String: Payload]?
    var assignedVariablesTruncated: Bool?
    var unrecognised: JSONObject?
}
