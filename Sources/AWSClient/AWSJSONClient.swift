import Foundation
import RetraceCore

/// Calls one AWS service over its JSON protocol: signs each request, retries throttling and server errors with
/// exponential backoff and full jitter up to `maxAttempts`, and turns error answers into `AWSError`s that name the
/// refused action and the resource.
public struct AWSJSONClient: Sendable {
    /// The service.
    public var service: AWSService
    /// Where it is called and the region signed for.
    public var endpoint: Endpoint
    /// The keys.
    public var credentials: AWSCredentials
    /// How requests go out.
    public var transport: any HTTPTransport
    /// Attempts per call, the first included.
    public var maxAttempts: Int
    /// The first backoff's ceiling, in seconds; each retry doubles it, up to `maximumBackoff`.
    public var baseBackoff: Double = 0.1
    /// The largest backoff, in seconds.
    public var maximumBackoff: Double = 20

    /// Creates a client.
    public init(
        service: AWSService, endpoint: Endpoint, credentials: AWSCredentials,
        transport: any HTTPTransport = URLSessionTransport(), maxAttempts: Int = 5
    ) {
        self.service = service
        self.endpoint = endpoint
        self.credentials = credentials
        self.transport = transport
        self.maxAttempts = max(1, maxAttempts)
    }

    /// Calls `action` with `body` (a JSON object) and returns the answer's JSON; `resource` is named in errors.
    public func call(_ action: String, _ body: JSONValue, resource: String? = nil) async throws -> JSONValue {
        let payload = Array(body.serialized().utf8)
        let request = SignableRequest(
            method: "POST", path: endpoint.url.path.isEmpty ? "/" : endpoint.url.path,
            headers: [
                ("Host", endpoint.hostHeader), ("Content-Type", "application/x-amz-json-\(service.jsonVersion)"),
                ("X-Amz-Target", "\(service.targetPrefix).\(action)"),
            ], body: payload)
        let signer = SigV4Signer(credentials: credentials, region: endpoint.region, service: service.signingName)
        var attempt = 1
        while true {
            let signed = signer.sign(request, at: Date()).request
            do {
                let response = try await transport.send(signed, to: endpoint.url)
                if (200..<300).contains(response.status) {
                    do {
                        return try response.body.withUnsafeBytes { try JSONValue.parse(utf8: $0, name: action) }
                    } catch {
                        throw AWSError.invalidResponse(action: iamAction(action), reason: "\(error)")
                    }
                }
                let error = serviceError(response, action: action, resource: resource)
                guard attempt < maxAttempts, Self.isRetryable(error) else { throw AWSError.service(error) }
            } catch let error as AWSError {
                guard case .transport = error, attempt < maxAttempts else { throw error }
            }
            try await Task.sleep(nanoseconds: UInt64(backoff(attempt: attempt) * 1_000_000_000))
            attempt += 1
        }
    }

    /// Full jitter: a uniform pause between 0 and the attempt's ceiling.
    func backoff(attempt: Int) -> Double {
        Double.random(in: 0...min(maximumBackoff, baseBackoff * pow(2, Double(attempt - 1))))
    }

    /// Throttling and the service's own failures are worth another try; anything the caller got wrong is not.
    static func isRetryable(_ error: AWSError.ServiceError) -> Bool {
        let throttling: Set<String> = [
            "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
            "ProvisionedThroughputExceededException", "RequestThrottled", "RequestThrottledException",
            "SlowDown", "PriorRequestNotComplete", "ServiceUnavailable", "InternalFailure", "InternalError",
        ]
        return error.status == 429 || error.status >= 500 || throttling.contains(error.code)
    }

    private func iamAction(_ action: String) -> String { "\(service.iamPrefix):\(action)" }

    /// The error in an answer: `__type` (after its `#`) or `x-amzn-ErrorType`, and `message` / `Message`.
    private func serviceError(_ response: HTTPResponse, action: String, resource: String?) -> AWSError.ServiceError {
        let object = try? response.body.withUnsafeBytes { try JSONValue.parse(utf8: $0, name: action) }.objectValue
        var code = object?["__type"]?.stringValue ?? response.headers["x-amzn-errortype"] ?? "HTTP\(response.status)"
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
        let message =
            object?["message"]?.stringValue ?? object?["Message"]?.stringValue
            ?? String(decoding: response.body.prefix(300), as: UTF8.self)
        return AWSError.ServiceError(
            code: code, message: CredentialRedactor.standard.redact(message), status: response.status,
            action: iamAction(action), resource: resource, region: endpoint.region)
    }
}
