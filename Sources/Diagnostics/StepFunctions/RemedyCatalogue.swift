/// What to change for each family of Step Functions errors: short, concrete advice written for this project.
/// The catalogue is data, in one place, and documented in `docs/remedies.md`; the first matching entry wins.
public enum RemedyCatalogue {
    /// One family of errors and the advice for it.
    public struct Entry: Sendable {
        /// A stable id for the family (`data-limit`, `throttling`, …).
        public var family: String
        /// Error names that belong to the family, matched exactly or as a prefix when ending with `*`.
        public var errors: [String]
        /// Phrases in the cause that put a failure in the family (case-insensitive), whatever its error name.
        public var causePhrases: [String]
        /// The advice.
        public var remedy: String
    }

    /// The catalogue, most specific first.
    public static let entries: [Entry] = [
        Entry(
            family: "history-limit", errors: [], causePhrases: ["maximum number of history events"],
            remedy: "Standard executions stop at 25,000 history events. Move large loops into a Map state in "
                + "DISTRIBUTED mode (each child execution has its own history), or continue as a new execution "
                + "(StartExecution from a final Task) before the budget runs out; cut retries that re-run long chains."),
        Entry(
            family: "data-limit", errors: ["States.DataLimitExceeded"],
            causePhrases: ["exceeds the maximum", "256 KiB", "262144"],
            remedy: "A payload passed 256 KiB. Keep only what later states need with ResultSelector, drop the task "
                + "result with ResultPath: null or OutputPath, or write large data to S3 and pass its key."),
        Entry(
            family: "throttling",
            errors: [
                "Lambda.TooManyRequestsException", "*ThrottlingException", "*Throttled*",
                "Lambda.EC2ThrottledException",
            ],
            causePhrases: ["rate exceeded", "throttl", "too many requests"],
            remedy: "The called service throttled the request. Add a Retry on this error with IntervalSeconds ≥ 2, "
                + "BackoffRate 2, MaxAttempts 6 and JitterStrategy FULL; lower the Map's MaxConcurrency; or raise "
                + "the service quota (Lambda reserved / account concurrency)."),
        Entry(
            family: "lambda-service",
            errors: [
                "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                "Lambda.ClientExecutionTimeoutException",
            ],
            causePhrases: [],
            remedy: "A transient Lambda service error. AWS recommends retrying these: add a Retry on "
                + "Lambda.ServiceException, Lambda.AWSLambdaException and Lambda.SdkClientException with backoff."),
        Entry(
            family: "permissions",
            errors: ["States.Permissions", "*AccessDenied*", "*AccessDeniedException", "*UnauthorizedOperation"],
            causePhrases: ["not authorized", "accessdenied", "access denied", "is not authorized to perform"],
            remedy: "The role lacks a permission. Add the action named in the cause to the policy of the role that "
                + "made the call (the state machine's execution role, or the task's Credentials role), scoped to the "
                + "resource named; for a role the task assumes, also let the execution role sts:AssumeRole it."),
        Entry(
            family: "heartbeat-timeout", errors: ["States.HeartbeatTimeout"], causePhrases: [],
            remedy: "The worker stopped sending heartbeats. Call SendTaskHeartbeat with the task token more often "
                + "than HeartbeatSeconds (every third of it is a safe cadence), or raise HeartbeatSeconds; check that "
                + "the worker did not crash or lose the token."),
        Entry(
            family: "query-evaluation", errors: ["States.QueryEvaluationError"], causePhrases: [],
            remedy: "A JSONata expression failed at the location named. Guard against missing fields with $exists() "
                + "or a default (a ? a : b), check the types the expression combines, and test it with the TestState "
                + "API on the input recorded here."),
        Entry(
            family: "no-choice", errors: ["States.NoChoiceMatched"],
            causePhrases: ["no choice rule", "no matching choice", "choice rule matched"],
            remedy: "No Choice rule matched and there is no Default. Add a Default transition, or a rule for the value "
                + "recorded in the state's input."),
        Entry(
            family: "runtime-path", errors: ["States.Runtime"], causePhrases: [],
            remedy: "A JSONPath did not match the state's input. Compare the path named in the cause with the input "
                + "recorded at the state's entry; make the field always present, or select it with ResultSelector / "
                + "Parameters after checking it with a Choice state (IsPresent)."),
        Entry(
            family: "item-reader", errors: ["States.ItemReaderFailed"], causePhrases: [],
            remedy: "The distributed Map could not read its items. Check the ItemReader's bucket, key and format "
                + "(CSV headers must be unique; JSON must be an array), and the role's s3:GetObject / s3:ListBucket."),
        Entry(
            family: "tolerated-failures", errors: ["States.ExceedToleratedFailureThreshold"], causePhrases: [],
            remedy: "More child executions failed than the Map tolerates. Look at the failed children (give their "
                + "histories to retrace), fix their common error, or raise ToleratedFailurePercentage / Count if "
                + "partial results are acceptable; redrive the Map Run after the fix."),
        Entry(
            family: "result-writer", errors: ["States.ResultWriterFailed"], causePhrases: [],
            remedy: "The Map could not write its results. Check the ResultWriter bucket and prefix, and the role's "
                + "s3:PutObject permission there."),
        Entry(
            family: "timeout", errors: ["States.Timeout"], causePhrases: [],
            remedy: "The task ran longer than TimeoutSeconds. Raise TimeoutSeconds to the work's real duration, or "
                + "make long work asynchronous (.sync or .waitForTaskToken with HeartbeatSeconds), and add a Retry on "
                + "States.Timeout if a second try can succeed."),
        Entry(
            family: "intrinsic", errors: ["States.IntrinsicFailure"], causePhrases: [],
            remedy: "An intrinsic function received arguments it cannot use. Check the argument types and counts "
                + "against the input recorded at the state's entry."),
        Entry(
            family: "result-path", errors: ["States.ResultPathMatchFailure"], causePhrases: [],
            remedy: "ResultPath could not be applied to the state's input (it is not an object at that path). Point "
                + "ResultPath at a field of an object, or use ResultPath: \"$\" to replace the input."),
        Entry(
            family: "parameter-path", errors: ["States.ParameterPathFailure"], causePhrases: [],
            remedy: "A path in Parameters did not match the input. Make the field always present or choose it with "
                + "a Choice state first."),
        Entry(
            family: "branch-failed", errors: ["States.BranchFailed"], causePhrases: [],
            remedy: "A Parallel branch failed; the root cause is inside that branch. Catch the error inside the "
                + "branch if the other branches' results should survive it."),
        Entry(
            family: "resource-not-found",
            errors: ["*ResourceNotFoundException", "*NoSuchKey*", "*NoSuchBucket*", "*NotFoundException"],
            causePhrases: ["does not exist", "not found", "no such"],
            remedy: "The resource the task names does not exist (or not in that Region / account). Check the name "
                + "or ARN in the task's parameters against what is deployed; create it before the workflow runs."),
        Entry(
            family: "validation", errors: ["*ValidationException", "*InvalidParameter*", "*InvalidRequest*"],
            causePhrases: ["validation error", "invalid parameter"],
            remedy: "The service rejected the request's parameters. Compare the parameters recorded in the "
                + "TaskScheduled event with the API's requirements named in the cause."),
        Entry(
            family: "task-failed", errors: ["States.TaskFailed"], causePhrases: [],
            remedy: "The task failed in the called service. Read the cause for the service's own error; retry only "
                + "errors that are transient."),
    ]

    /// How much of a cause is searched for the phrases: the service's or the code's message opens it, and a cause
    /// of megabytes must not cost a search of megabytes per phrase.
    static let searchedCauseBytes = 16_384

    /// Every entry's cause phrases, in the entries' order, looked for together.
    private static let causePhrases = PhraseMatcher(entries.flatMap(\.causePhrases))

    /// The first entry whose family matches the error or the cause.
    public static func entry(error: String?, cause: String?) -> Entry? {
        var cause = cause ?? ""
        let found = cause.withUTF8 {
            causePhrases.occurrences(in: UnsafeBufferPointer(rebasing: $0.prefix(searchedCauseBytes)))
        }
        var phrase = 0
        for entry in entries {
            if let error, entry.errors.contains(where: { matches(error, pattern: $0) }) { return entry }
            if found[phrase..<(phrase + entry.causePhrases.count)].contains(true) { return entry }
            phrase += entry.causePhrases.count
        }
        return nil
    }

    /// `*` at either end of a pattern matches any text there.
    static func matches(_ error: String, pattern: String) -> Bool {
        let leading = pattern.hasPrefix("*")
        let trailing = pattern.hasSuffix("*") && pattern.count > 1
        let core = String(pattern.dropFirst(leading ? 1 : 0).dropLast(trailing ? 1 : 0))
        switch (leading, trailing) {
        case (true, true): return error.contains(bytes: core)
        case (true, false): return error.hasSuffix(core)
        case (false, true): return error.hasPrefix(core)
        case (false, false): return error == core
        }
    }
}
