import Foundation
import RetraceCore

/// Calls one AWS service over its query protocol (form-encoded `Action=…&Version=…` requests, XML answers), as
/// CloudFormation and STS speak it: signs each request, retries as its `RetryPolicy` says, and turns error answers
/// (`<Error><Code>…</Code><Message>…</Message></Error>`) into `AWSError`s that name the refused action.
public struct AWSQueryClient: Sendable {
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

    /// Calls `action` with `parameters` and returns its `<ActionResult>` element; `resource` is named in errors.
    public func call(_ action: String, _ parameters: [(String, String)], resource: String? = nil) async throws
        -> XMLTree
    {
        let form = [("Action", action), ("Version", service.queryVersion)] + parameters
        let body = form.map { SigV4Signer.percentEncoded($0.0) + "=" + SigV4Signer.percentEncoded($0.1) }
            .joined(separator: "&")
        let request = SignableRequest(
            method: "POST", path: endpoint.url.path.isEmpty ? "/" : endpoint.url.path,
            headers: [
                ("Host", endpoint.hostHeader), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ], body: Array(body.utf8))
        let signer = SigV4Signer(credentials: credentials, region: endpoint.region, service: service.signingName)
        let response = try await retry.send(
            request, action: iamAction(action), to: endpoint.url, transport: transport,
            prepare: { signer.sign($0, at: Date()).request },
            readError: { serviceError($0, action: action, resource: resource) })
        guard let tree = XMLTree.parse(response.body) else {
            throw AWSError.invalidResponse(action: iamAction(action), reason: "the answer is not well-formed XML")
        }
        guard let result = tree.first("\(action)Result") else {
            throw AWSError.invalidResponse(action: iamAction(action), reason: "the answer has no \(action)Result")
        }
        return result
    }

    private func iamAction(_ action: String) -> String { "\(service.iamPrefix):\(action)" }

    /// The error in an answer: `<Error><Code>` and `<Message>`, or the HTTP status when the body is not XML.
    private func serviceError(_ response: HTTPResponse, action: String, resource: String?) -> AWSError.ServiceError {
        let error = XMLTree.parse(response.body)?.first("Error")
        return AWSError.ServiceError(
            code: error?.value("Code") ?? "HTTP\(response.status)",
            message: CredentialRedactor.standard.redact(
                error?.value("Message") ?? String(decoding: response.body.prefix(300), as: UTF8.self)),
            status: response.status, action: iamAction(action), resource: resource, region: endpoint.region)
    }
}
