import RetraceCore

/// One try at a Task state's work: from `*Scheduled` to its end. A Retry makes several.
public struct TaskAttempt: Sendable, Hashable {
    /// 1 for the first try, then 2, 3 … after each retry.
    public var number: Int
    /// Which integration ran it.
    public var family: TaskFamily
    /// The `*Scheduled` event.
    public var scheduledEventID: Int64
    /// The `*Started` event, once the work began.
    public var startedEventID: Int64?
    /// The `TaskSubmitted` event of `.sync` / `.waitForTaskToken` integrations.
    public var submittedEventID: Int64?
    /// The event that ended the attempt (succeeded, failed, timed out, start / submit / schedule failed).
    public var endEventID: Int64?
    /// How it ended.
    public var status: Status
    /// The service action, or the Lambda function / activity ARN.
    public var resource: String?
    /// The service name (`lambda`, `sqs`, `aws-sdk:s3`) for `Task*` events.
    public var resourceType: String?
    /// `TimeoutSeconds` in force, from the Scheduled event.
    public var timeoutInSeconds: Int64?
    /// `HeartbeatSeconds` in force, from the Scheduled event.
    public var heartbeatInSeconds: Int64?
    /// When it was scheduled.
    public var scheduled: Instant?
    /// When the work started.
    public var started: Instant?
    /// When it ended.
    public var ended: Instant?
    /// Time between the end of the previous attempt and this one's scheduling: the Retry backoff.
    public var backoffMilliseconds: Int64?
    /// The error of a failed attempt.
    public var error: String?
    /// The cause of a failed attempt.
    public var cause: String?

    /// Milliseconds from scheduling to the end.
    public var durationMilliseconds: Int64? {
        guard let scheduled, let ended else { return nil }
        return scheduled.elapsedMilliseconds(until: ended)
    }
}
