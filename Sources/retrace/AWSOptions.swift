import AWSClient
import ArgumentParser
import Diagnostics
import Foundation
import RetraceCore

/// How to reach AWS when an execution is fetched live: the SDKs' options, read the SDKs' way.
struct AWSOptions: ParsableArguments {
    @Option(help: "AWS region (default: the ARN's, then AWS_REGION / AWS_DEFAULT_REGION, then the profile's).")
    var region: String?

    @Option(help: "Profile in the shared AWS config and credentials files (default: AWS_PROFILE, else 'default').")
    var profile: String?

    @Option(
        help: """
            Endpoint URL (default: AWS_ENDPOINT_URL_SFN, _CLOUDFORMATION, _GAMELIFT or _CLOUDWATCH_LOGS, then \
            AWS_ENDPOINT_URL, else the regional one).
            """)
    var endpointURL: String?

    @Option(
        help: """
            PEM file of the certificate authorities to trust for HTTPS (default: AWS_CA_BUNDLE, then the profile's \
            ca_bundle, else the system's).
            """)
    var caBundle: String?

    @Option(parsing: .unconditional, help: "Attempts per AWS call, 1 to 20, retries of throttling included.")
    var maxAttempts = 5

    @Option(help: "Distributed Map child executions to fetch: failed, all or none.")
    var children: StepFunctionsFetcher.Children = .failed

    @Option(parsing: .unconditional, help: "Child executions fetched at once, 1 to 64.")
    var concurrency = 8

    @Flag(help: "Say each AWS call on standard error: action, endpoint, status, time, size and retries (no secrets).")
    var debug = false

    func validate() throws {
        guard (1...20).contains(maxAttempts) else {
            throw ValidationError("--max-attempts must be between 1 and 20, got \(maxAttempts)")
        }
        guard (1...64).contains(concurrency) else {
            throw ValidationError("--concurrency must be between 1 and 64, got \(concurrency)")
        }
    }

    /// Where `service` is called for `arn` (or a name, which carries no region) and the credentials to sign with.
    private func resolve(_ service: AWSService, for arn: String?) async throws -> (Endpoint, AWSCredentials) {
        let environment = ProcessInfo.processInfo.environment
        let chain = CredentialChain(explicitProfile: profile, environment: environment)
        let endpoint = try Endpoint.resolve(
            service, region: region, arn: arn, endpointURL: endpointURL, environment: environment,
            profileRegion: chain.profileSetting("region"))
        return (endpoint, try await chain.resolve(transport: try transport(timeout: 5)))
    }

    /// The HTTP client for every call, trusting `--ca-bundle`, `AWS_CA_BUNDLE` or the profile's `ca_bundle` (the AWS
    /// CLI's order) when one is given; a bundle that cannot be read is refused before anything is sent.
    func transport(timeout: TimeInterval = 60) throws -> CurlTransport {
        let environment = ProcessInfo.processInfo.environment
        let named: (source: String, path: String)? =
            caBundle.map { ("--ca-bundle", $0) }
            ?? environment["AWS_CA_BUNDLE"].flatMap { $0.isEmpty ? nil : ("AWS_CA_BUNDLE", $0) }
            ?? CredentialChain(explicitProfile: profile, environment: environment).profileSetting("ca_bundle")
            .map { ("the profile's ca_bundle", $0) }
        if let named, !FileManager.default.isReadableFile(atPath: named.path) {
            throw CommandFailure(
                status: 2,
                message:
                    "\(named.path): the certificate bundle named by \(named.source) cannot be read (expected a PEM "
                    + "file of certificate authorities)")
        }
        return CurlTransport(timeout: timeout, caBundle: named?.path)
    }

    /// With `--debug`, a sink for the client's trace lines, after a first line naming the credentials (by the last
    /// four characters of their key id) and the region; `nil` otherwise.
    private func trace(credentials: AWSCredentials, endpoint: Endpoint) -> (@Sendable (String) -> Void)? {
        guard debug else { return nil }
        Console.error("debug: \(credentials), region \(endpoint.region)")
        return { Console.error("debug: \($0)") }
    }

    /// A JSON-protocol client of `service` for `arn` (or a name), traced with `--debug`.
    private func jsonClient(_ service: AWSService, for arn: String?) async throws -> AWSJSONClient {
        let (endpoint, credentials) = try await resolve(service, for: arn)
        var client = AWSJSONClient(
            service: service, endpoint: endpoint, credentials: credentials, transport: try transport(),
            maxAttempts: maxAttempts)
        client.retry.trace = trace(credentials: credentials, endpoint: endpoint)
        return client
    }

    /// Runs one fetch with a progress line on a terminal ("fetching 3 pages, 250 events, 1 nested stack", the last
    /// part named by `related`), an AWS error becoming the command's message and exit status 2.
    private func fetching<Result>(
        related: String? = nil,
        _ body: (_ progress: @escaping @Sendable (FetchProgress) -> Void) async throws -> Result
    ) async throws -> Result {
        let progress = Progress()
        defer { progress.finish() }
        do {
            return try await body { done in
                var line = "fetching \(Noun("page").counted(done.pages)), \(Noun("event").counted(done.events))"
                if let related, done.children > 0 { line += ", \(Noun(related).counted(done.children))" }
                progress.say(line)
            }
        } catch let error as AWSError {
            throw CommandFailure(status: 2, message: error.description)
        }
    }

    /// Fetches the events of GameLift fleet `fleet` (an id or ARN) with its attributes, as `describe-fleet-events`
    /// output; with `gameSessionLogs`, also the links to the logs of its game sessions that ended badly.
    func fetchFleet(_ fleet: String, gameSessionLogs: Bool = false) async throws
        -> (log: JSONValue, sessions: [LogLink])
    {
        try await fetching { progress in
            let fetcher = GameLiftFetcher(
                client: try await jsonClient(.gameLift, for: fleet.hasPrefix("arn:") ? fleet : nil))
            let id = RemoteReference.fleetID(fleet)
            let log = try await fetcher.log(of: id, progress: progress)
            return (log, gameSessionLogs ? try await fetcher.failedGameSessionLogs(of: id) : [])
        }
    }

    /// Fetches the event log of ModelArts service `service` in `project`, with the token from `MODELARTS_TOKEN` (or
    /// `OS_TOKEN`), at `--endpoint-url`, `MODELARTS_ENDPOINT_URL`, or the Huawei Cloud endpoint of `--region`.
    func fetchModelArts(service: String, project: String) async throws -> JSONValue {
        let environment = ProcessInfo.processInfo.environment
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let token = value("MODELARTS_TOKEN") ?? value("OS_TOKEN") else {
            throw CommandFailure(
                status: 2,
                message: "no ModelArts token: set MODELARTS_TOKEN (or OS_TOKEN) to an IAM user token (the "
                    + "X-Subject-Token header of IAM's POST /v3/auth/tokens answer)")
        }
        let region = self.region ?? value("HUAWEICLOUD_SDK_REGION") ?? value("OS_REGION_NAME")
        let address =
            endpointURL ?? value("MODELARTS_ENDPOINT_URL") ?? region.map { "https://modelarts.\($0).myhuaweicloud.com" }
        guard let endpoint = address.flatMap(URL.init(string:)), endpoint.scheme != nil, endpoint.host != nil else {
            throw CommandFailure(
                status: 2,
                message: "no ModelArts endpoint: give --endpoint-url (or MODELARTS_ENDPOINT_URL), or --region for "
                    + "Huawei Cloud's")
        }
        var fetcher = ModelArtsFetcher(
            endpoint: endpoint, token: token, transport: try transport(), maxAttempts: maxAttempts)
        if debug { fetcher.retry.trace = { Console.error("debug: \($0)") } }
        return try await fetching { progress in
            do {
                return try await fetcher.log(service: service, project: project, progress: progress)
            } catch AWSError.service(let failure) where failure.status == 401 {
                throw CommandFailure(
                    status: 2,
                    message: "ModelArts refused the token (HTTP 401, \(failure.code)): it has expired (tokens last 24 "
                        + "hours) or belongs to another project; get a new one and set MODELARTS_TOKEN")
            }
        }
    }

    /// Fetches ParallelCluster image `image`'s build: its stack's events (the stack is named after the image) with
    /// the Image Builder log from CloudWatch Logs beside them (`ImageBuilderLog`), when there is one; saying on
    /// standard error what was found.
    func fetchImage(_ image: String) async throws -> JSONValue {
        let events = try await fetchStack(image)
        let log = try await fetching { _ in
            try await ImageBuilderLogFetcher(client: try await jsonClient(.cloudWatchLogs, for: nil)).log(
                ofImage: image)
        }
        guard let log, var document = events.objectValue else {
            Console.error(
                "note: no Image Builder log for \(image) in CloudWatch Logs "
                    + "(\(ImageBuilderLogFetcher.group(forImage: image))): the build did not start, or the log group "
                    + "has expired")
            return events
        }
        let count = log["events"]?.arrayValue?.count ?? 0
        Console.error(
            "kept the Image Builder log (\(Noun("line").counted(count)), stream "
                + "\(log["logStreamName"]?.stringValue ?? "?")) with the stack's events: analysing the file shows "
                + "the failing step")
        document["ImageBuilderLog"] = log
        return .object(document)
    }

    /// Fetches the events of `stack` (a name or a stack ARN) and of the stacks nested in it, as
    /// `describe-stack-events` output.
    func fetchStack(_ stack: String) async throws -> JSONValue {
        try await fetching(related: "nested stack") { progress in
            let (endpoint, credentials) = try await resolve(.cloudFormation, for: stack.hasPrefix("arn:") ? stack : nil)
            var client = AWSQueryClient(
                service: .cloudFormation, endpoint: endpoint, credentials: credentials, transport: try transport(),
                maxAttempts: maxAttempts)
            client.retry.trace = trace(credentials: credentials, endpoint: endpoint)
            return try await CloudFormationFetcher(client: client).log(of: stack, progress: progress)
        }
    }

    /// Fetches `arn` into a bundle; with `pages`, its history pages (and its children's) go there as they arrive,
    /// to be decoded while the next are fetched, and the bundle keeps no events.
    func fetch(_ arn: String, pages: PageStream? = nil) async throws -> ExecutionBundle {
        guard RemoteReference.isStepFunctionsExecution(arn) else {
            throw CommandFailure(status: 2, message: RemoteReference(arn).map { "\(arn): \($0.advice)" } ?? arn)
        }
        return try await fetching(related: "child execution") { progress in
            let client = try await jsonClient(.stepFunctions, for: arn)
            var fetcher = StepFunctionsFetcher(client: client, children: children, concurrency: concurrency)
            if let pages {
                fetcher.pageHandler = {
                    pages.add(
                        $0.body, executionArn: $0.executionArn, mapRunArn: $0.mapRunArn, newestFirst: $0.newestFirst,
                        sequence: $0.sequence)
                }
            }
            return try await fetcher.fetch(arn, progress: progress)
        }
    }
}

extension StepFunctionsFetcher.Children: ExpressibleByArgument {}
