import AWSClient
import Foundation
import RetraceCore
import Testing

/// The client's retry rules, through a transport that answers from a script: throttling and server errors are
/// retried with backoff, up to the limit; a caller's mistake is not.
@Suite struct RetryTests {
    final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var answers: [HTTPResponse]
        private(set) var requests: [SignableRequest] = []

        init(_ answers: [HTTPResponse]) { self.answers = answers }

        func send(_ request: SignableRequest, to url: URL) async throws -> HTTPResponse {
            lock.withLock {
                requests.append(request)
                return answers.isEmpty ? HTTPResponse(status: 500, headers: [:], body: Data()) : answers.removeFirst()
            }
        }
    }

    static func error(_ status: Int, _ type: String, _ message: String = "m") -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [:],
            body: Data(#"{"__type": "com.amazonaws.swf#\#(type)", "message": "\#(message)"}"#.utf8))
    }

    static func client(_ transport: ScriptedTransport, attempts: Int = 4) throws -> AWSJSONClient {
        var client = AWSJSONClient(
            service: .stepFunctions,
            endpoint: try Endpoint.resolve(
                .stepFunctions, region: "eu-west-1", arn: nil, endpointURL: "http://127.0.0.1:1", environment: [:],
                profileRegion: nil),
            credentials: AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: "s"), transport: transport,
            maxAttempts: attempts)
        client.retry.baseBackoff = 0.001
        return client
    }

    @Test func throttlingIsRetriedUntilItPasses() async throws {
        let transport = ScriptedTransport([
            Self.error(400, "ThrottlingException"), Self.error(429, "TooManyRequestsException"),
            HTTPResponse(status: 200, headers: [:], body: Data(#"{"events": []}"#.utf8)),
        ])
        let answer = try await Self.client(transport).call("GetExecutionHistory", .object(JSONObject()))
        #expect(answer["events"]?.arrayValue?.isEmpty == true)
        #expect(transport.requests.count == 3)
        // Each attempt is signed anew, with the target and the signature.
        #expect(transport.requests.allSatisfy { $0.header("X-Amz-Target") == "AWSStepFunctions.GetExecutionHistory" })
        #expect(transport.requests.allSatisfy { $0.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 ") == true })
    }

    @Test func retriesStopAtTheLimit() async throws {
        let transport = ScriptedTransport(Array(repeating: Self.error(503, "ServiceUnavailable"), count: 10))
        await #expect(throws: AWSError.self) {
            try await Self.client(transport, attempts: 3).call("DescribeExecution", .object(JSONObject()))
        }
        #expect(transport.requests.count == 3)
    }

    @Test func aRefusalIsNotRetriedAndNamesTheAction() async throws {
        let transport = ScriptedTransport([Self.error(400, "AccessDeniedException", "User: x is not authorized")])
        do {
            _ = try await Self.client(transport).call(
                "GetExecutionHistory", .object(JSONObject()), resource: "arn:aws:states:eu-west-1:1:execution:m:r")
            Issue.record("no error")
        } catch let error as AWSError {
            #expect("\(error)".contains("states:GetExecutionHistory"))
            #expect("\(error)".contains("arn:aws:states:eu-west-1:1:execution:m:r"))
        }
        #expect(transport.requests.count == 1)
    }
}
