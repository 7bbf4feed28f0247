/// An AWS service as the client calls it: its signing name, endpoint prefix, the JSON protocol's target prefix and
/// version or the query protocol's API version, and the name its `AWS_ENDPOINT_URL_<NAME>` variable uses.
public struct AWSService: Sendable, Hashable {
    /// The SigV4 signing name (`states`).
    public var signingName: String
    /// The host prefix of its regional endpoint (`states` → `states.us-east-1.amazonaws.com`).
    public var endpointPrefix: String
    /// The `X-Amz-Target` prefix of its JSON protocol (`AWSStepFunctions`).
    public var targetPrefix: String
    /// The JSON protocol version (`1.0` or `1.1`).
    public var jsonVersion: String
    /// The service id as the SDKs spell it in `AWS_ENDPOINT_URL_<ID>` (`SFN`).
    public var environmentID: String
    /// The IAM action prefix (`states`), for error messages that name the refused permission.
    public var iamPrefix: String
    /// The query protocol's `Version` parameter (`2010-05-15`); empty for a JSON-protocol service.
    public var queryVersion = ""

    /// AWS Step Functions.
    public static let stepFunctions = AWSService(
        signingName: "states", endpointPrefix: "states", targetPrefix: "AWSStepFunctions", jsonVersion: "1.0",
        environmentID: "SFN", iamPrefix: "states")

    /// Amazon GameLift (its JSON protocol: `DescribeFleetEvents`, `DescribeFleetAttributes`).
    public static let gameLift = AWSService(
        signingName: "gamelift", endpointPrefix: "gamelift", targetPrefix: "GameLift", jsonVersion: "1.1",
        environmentID: "GAMELIFT", iamPrefix: "gamelift")

    /// Amazon CloudWatch Logs (its JSON protocol: `DescribeLogStreams`, `GetLogEvents`), where Image Builder writes
    /// a build's log.
    public static let cloudWatchLogs = AWSService(
        signingName: "logs", endpointPrefix: "logs", targetPrefix: "Logs_20140328", jsonVersion: "1.1",
        environmentID: "CLOUDWATCH_LOGS", iamPrefix: "logs")

    /// AWS Security Token Service (its query API: only `AssumeRole` is called).
    public static let sts = AWSService(
        signingName: "sts", endpointPrefix: "sts", targetPrefix: "", jsonVersion: "", environmentID: "STS",
        iamPrefix: "sts", queryVersion: "2011-06-15")

    /// AWS CloudFormation (its query API: `DescribeStackEvents`).
    public static let cloudFormation = AWSService(
        signingName: "cloudformation", endpointPrefix: "cloudformation", targetPrefix: "", jsonVersion: "",
        environmentID: "CLOUDFORMATION", iamPrefix: "cloudformation", queryVersion: "2010-05-15")
}
