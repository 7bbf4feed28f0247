import Foundation
import RetraceCore

/// Calls one AWS service over its JSON protocol: signs each request, retries throttling and server errors as its
/// `RetryPolicy` says, and turns error answers into `AWSError`s that name the
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
    /// How throttled and failed calls are tried again.
    public var retry: RetryPolicy

    /// Creates a client.
    public init(
        service: AWSService, endpoint: Endpoint, credentials: AWSCredentials,
        transport: any HTTPTransport = CurlTransport(), maxAttempts: Int = 5
    ) {
        self.service = service
        self.endpoint = endpoint
        self.credentials = credentials
        self.transport = transport
        self.retry = RetryPolicy(maxAttempts: maxAttempts)
    }

    /// Calls `action` with `body` (a JSON object) and returns the answer's JSON; `resource` is named in errors.
    public func call(_ action: String, _ body: JSONValue, resource: String? = nil) async throws -> JSONValue {
        let answer = try await callForBytes(action, body, resource: resource)
        do {
            return try answer.withUnsafeBytes { try JSONValue.parse(utf8: $0, name: action) }
        } catch {
            throw AWSError.invalidResponse(action: iamAction(action), reason: "\(error)")
        }
    }

    /// Calls `action` and returns the answer's bytes unread, for a caller that reads large answers its own way
    /// (history pages, whose events are passed on as text).
    public func callForBytes(_ action: String, _ body: JSONValue, resource: String? = nil) async throws -> Data {
        let request = SignableRequest(
            method: "POST", path: endpoint.url.path.isEmpty ? "/" : endpoint.url.path,
            headers: [
                ("Host", endpoint.hostHeader), ("Content-Type", "application/x-amz-json-\(service.jsonVersion)"),
                ("X-Amz-Target", "\(service.targetPrefix).\(action)"),
            ], body: Array(body.serialized().utf8))
        let signer = SigV4Signer(credentials: credentials, region: endpoint.region, service: service.signingName)
        let response = try await retry.send(
            request, action: iamAction(action), to: endpoint.url, transport: transport,
            prepare: { signer.sign($0, at: Date()).request },
            readError: { serviceError($0, action: action, resource: resource) })
        return response.body
    }

    func iamAction(_ action: String) -> String { "\(service.iamPrefix):\(action)" }

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
