import RetraceCore

/// The fields particular to a Task state.
public struct TaskState: Sendable, Hashable {
    /// The resource ARN: a Lambda function, an activity, or a service integration (`arn:aws:states:::sqs:sendMessage`).
    /// In JSONata states it may be a `{% … %}` expression.
    public var resource: String
    /// `TimeoutSeconds` / `TimeoutSecondsPath`; absent means the task can run for up to a year.
    public var timeout: FieldSource<Int64>?
    /// `HeartbeatSeconds` / `HeartbeatSecondsPath`.
    public var heartbeat: FieldSource<Int64>?
    /// `Credentials`: the role to assume for the task (a payload template in JSONPath states).
    public var credentials: JSONValue?

    /// Creates the Task fields.
    public init(
        resource: String, timeout: FieldSource<Int64>? = nil, heartbeat: FieldSource<Int64>? = nil,
        credentials: JSONValue? = nil
    ) {
        self.resource = resource
        self.timeout = timeout
        self.heartbeat = heartbeat
        self.credentials = credentials
    }
}
