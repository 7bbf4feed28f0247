import Foundation
import RetraceCore

/// Fetches a ModelArts service's event log (Huawei Cloud and its derivatives, such as Open Telekom Cloud) as one
/// document in the shape its API answers (`service_id`, `service_name`, `events`, `total_count`), every page of
/// it, oldest first.
///
/// The one service here that is not AWS: it shares the transport and the retry policy, and signs nothing; its
/// API takes an IAM user token in `X-Auth-Token`.
public struct ModelArtsFetcher: Sendable {
    /// The API's base URL (`https://modelarts.eu-west-101.myhuaweicloud.eu`).
    public var endpoint: URL
    /// The user token.
    public var token: String
    /// How requests go out.
    public var transport: any HTTPTransport
    /// How throttled and failed calls are tried again.
    public var retry: RetryPolicy
    /// Events asked for per page (the API's default and largest page is 1,000).
    public var pageSize = 1_000
    /// Pages read at most: a bound on an API that would keep answering.
    public var maximumPages = 10_000

    /// Creates a fetcher.
    public init(
        endpoint: URL, token: String, transport: any HTTPTransport = CurlTransport(), maxAttempts: Int = 5
    ) {
        self.endpoint = endpoint
        self.token = token
        self.transport = transport
        self.retry = RetryPolicy(maxAttempts: maxAttempts)
    }

    /// The event log of service `serviceID` in project `projectID`.
    public func log(
        service serviceID: String, project projectID: String, progress: (@Sendable (FetchProgress) -> Void)? = nil
    ) async throws -> JSONValue {
        let tally = ProgressTally(report: progress)
        let action = "modelarts:service:getEvents"
        let path = endpoint.path.trimmingSuffix("/") + "/v1/\(projectID)/services/\(serviceID)/events"
        var events: [JSONValue] = []
        var seen: Set<JSONValue> = []
        var first: JSONValue?
        for page in 0..<maximumPages {
            let request = SignableRequest(
                method: "GET", path: path,
                query: [
                    ("offset", String(page)), ("limit", String(pageSize)), ("sort_by", "occur_time"), ("order", "asc"),
                ],
                headers: [("Host", endpoint.hostHeader), ("Accept", "application/json")])
            let response = try await retry.send(
                request, action: action, to: endpoint, transport: transport,
                prepare: { request in
                    var ready = request
                    ready.headers.append(("X-Auth-Token", token))
                    return ready
                },
                readError: { Self.serviceError($0, action: action, resource: serviceID) })
            let answer: JSONValue
            do {
                answer = try response.body.withUnsafeBytes { try JSONValue.parse(utf8: $0, name: action) }
            } catch {
                throw AWSError.invalidResponse(action: action, reason: "\(error)")
            }
            first = first ?? answer
            let pageEvents = answer["events"]?.arrayValue ?? []
            // `offset` counts pages; should a service count events instead, pages overlap, and an event already
            // kept is not kept twice.
            let new = pageEvents.filter { seen.insert($0).inserted }
            events += new
            tally.add(pages: 1, events: new.count)
            // The total says when to stop (a service may cap pages below the size asked for); without one, a short
            // page is the last.
            if new.isEmpty { break }
            if case .integer(let total)? = answer["total_count"] {
                if events.count >= Int(clamping: total) { break }
            } else if pageEvents.count < pageSize {
                break
            }
        }
        var document: [(String, JSONValue)] = []
        for key in ["service_id", "service_name"] {
            if let value = first?[key] { document.append((key, value)) }
        }
        document.append(("total_count", .integer(Int64(events.count))))
        document.append(("count", .integer(Int64(events.count))))
        document.append(("events", .array(events)))
        return .object(JSONObject(document))
    }

    /// The error in an answer: ModelArts' `error_code` and `error_msg`, or the HTTP status.
    static func serviceError(_ response: HTTPResponse, action: String, resource: String) -> AWSError.ServiceError {
        let object = try? response.body.withUnsafeBytes { try JSONValue.parse(utf8: $0, name: action) }
        var code = object?["error_code"]?.stringValue ?? "HTTP\(response.status)"
        if response.status == 401 { code = "InvalidToken (\(code))" }
        let message =
            object?["error_msg"]?.stringValue ?? String(decoding: response.body.prefix(300), as: UTF8.self)
        return AWSError.ServiceError(
            code: code, message: CredentialRedactor.standard.redact(message), status: response.status, action: action,
            resource: resource, region: "")
    }
}

extension String {
    /// The text without one trailing `suffix`.
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
