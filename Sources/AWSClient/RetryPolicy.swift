import Foundation
import RetraceCore

/// How a call to any AWS service is retried, whatever its protocol: throttling and the service's own failures are
/// tried again after a pause drawn with full jitter (a uniform pause between 0 and a ceiling that doubles with each
/// attempt), up to `maxAttempts`; a caller's mistake is not. Every attempt is signed anew, so that a retry after a
/// long pause carries a fresh date.
public struct RetryPolicy: Sendable {
    /// Attempts per call, the first included.
    public var maxAttempts: Int
    /// The first backoff's ceiling, in seconds; each retry doubles it, up to `maximumBackoff`.
    public var baseBackoff: Double = 0.1
    /// The largest backoff, in seconds.
    public var maximumBackoff: Double = 20
    /// Where `--debug` lines go: one per attempt (the action, the endpoint, the status or error, the time taken and
    /// the size), and the pause before a retry. Never headers, bodies or keys: nothing secret reaches it.
    public var trace: (@Sendable (String) -> Void)?

    /// Creates a policy of `maxAttempts` attempts (at least one).
    public init(maxAttempts: Int = 5) {
        self.maxAttempts = max(1, maxAttempts)
    }

    /// Sends `request`, made ready for each attempt by `prepare` (signed anew, for SigV4), until an answer in 2xx,
    /// an error not worth retrying, or the last attempt; `readError` turns an error answer into the service's code
    /// and message (each protocol spells them its own way).
    func send(
        _ request: SignableRequest, action: String, to url: URL, transport: any HTTPTransport,
        prepare: (SignableRequest) -> SignableRequest, readError: (HTTPResponse) -> AWSError.ServiceError
    ) async throws -> HTTPResponse {
        var attempt = 1
        let place = CredentialRedactor.standard.redact(url.absoluteString)
        while true {
            let signed = prepare(request)
            let started = DispatchTime.now().uptimeNanoseconds
            func say(_ outcome: String) {
                guard let trace else { return }
                let milliseconds = (DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
                trace("\(action) \(place) attempt \(attempt): \(outcome) in \(milliseconds) ms")
            }
            do {
                let response = try await transport.send(signed, to: url)
                if (200..<300).contains(response.status) {
                    say("\(response.status), \(Noun("byte").counted(response.body.count))")
                    return response
                }
                let error = readError(response)
                say("\(response.status) \(error.code)")
                guard attempt < maxAttempts, Self.isRetryable(error) else { throw AWSError.service(error) }
            } catch let error as CancellationError {
                say("cancelled (no longer needed)")
                throw error
            } catch let error as AWSError {
                guard case .transport(_, let reason) = error else { throw error }
                say("no answer (\(reason))")
                guard attempt < maxAttempts else { throw error }
            }
            let pause = backoff(attempt: attempt)
            trace?("\(action): retrying in \(Int(pause * 1000)) ms (attempt \(attempt + 1) of \(maxAttempts))")
            try await Task.sleep(nanoseconds: UInt64(pause * 1_000_000_000))
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
}
