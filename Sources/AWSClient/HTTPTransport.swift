import Foundation
import RetraceCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends one HTTP request and returns the status, headers and body: the only place the client touches the network,
/// so that it can be replaced in tests of the retry rules.
public protocol HTTPTransport: Sendable {
    /// Sends `request` to `url` (the path and query are the request's own).
    func send(_ request: SignableRequest, to url: URL) async throws -> HTTPResponse
}

/// An HTTP answer.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Headers, names lowercased.
    public var headers: [String: String]
    /// The body.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The toolchain's HTTP client (FoundationNetworking's `URLSession`): no dependency to add, TLS from the system.
public struct URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// Creates a transport whose requests time out after `timeout` seconds.
    public init(timeout: TimeInterval = 60) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    /// Downloads `url` as it is (a pre-signed link carries its own signature in its query, which must reach the
    /// server byte for byte).
    public func download(_ url: URL) async throws -> HTTPResponse {
        try await perform(URLRequest(url: url), endpoint: CredentialRedactor.standard.redact(url.absoluteString))
    }

    /// Sends `request` with the path and query encoded as the signer encoded them.
    public func send(_ request: SignableRequest, to base: URL) async throws -> HTTPResponse {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false) ?? URLComponents()
        components.percentEncodedPath = request.path.split(separator: "/", omittingEmptySubsequences: false)
            .map { SigV4Signer.percentEncoded(String($0)) }.joined(separator: "/")
        if !request.query.isEmpty {
            components.percentEncodedQuery = request.query.map {
                SigV4Signer.percentEncoded($0.name) + "=" + SigV4Signer.percentEncoded($0.value)
            }.joined(separator: "&")
        }
        guard let url = components.url else {
            throw AWSError.transport(endpoint: base.absoluteString, reason: "the request URL could not be formed")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        for header in request.headers where header.name.lowercased() != "host" {
            urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
        }
        urlRequest.httpBody = request.body.isEmpty ? nil : Data(request.body)
        return try await perform(urlRequest, endpoint: base.absoluteString)
    }

    private func perform(_ urlRequest: URLRequest, endpoint: String) async throws -> HTTPResponse {
        // The completion-handler API, not `data(for:)`: cancelling an async URLSession task deadlocks
        // FoundationNetworking on Linux (its cancel waits on a queue while the task's status lock is held), and a
        // sibling's failure cancels the others. A request left to finish ends within the timeout anyway.
        let session = self.session
        let (data, response): (Data, URLResponse) = try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: urlRequest) { data, response, error in
                if let error {
                    continuation.resume(
                        throwing: AWSError.transport(endpoint: endpoint, reason: error.localizedDescription))
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(
                        throwing: AWSError.transport(endpoint: endpoint, reason: "no answer"))
                }
            }.resume()
        }
        guard let http = response as? HTTPURLResponse else {
            throw AWSError.transport(endpoint: endpoint, reason: "the answer is not HTTP")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
    }
}
