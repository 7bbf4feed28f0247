import Foundation
import RetraceCore

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
