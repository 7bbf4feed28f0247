import StepFunctions

/// Which error names a `Retry` or `Catch` element handles, with the wildcard semantics of Step Functions.
///
/// - `States.ALL` matches every error but `States.Runtime`, which is never retried or caught (recorded
///   histories fail the execution even with `"ErrorEquals": ["States.Runtime"]`).
/// - `States.TaskFailed` matches every error but `States.Timeout` (and `States.Runtime`).
/// - Other names match exactly.
public enum ErrorMatching {
    /// Errors that end the execution whatever the Retry and Catch fields say.
    public static let uncatchable: Set<String> = ["States.Runtime"]

    /// Whether an element with `errorEquals` handles `error`.
    public static func handles(_ errorEquals: [String], _ error: String) -> Bool {
        guard !uncatchable.contains(error) else { return false }
        for name in errorEquals {
            if name == error || name == "States.ALL" { return true }
            if name == "States.TaskFailed", error != "States.Timeout" { return true }
        }
        return false
    }

    /// The index of the first catcher handling `error`.
    public static func catcher(for error: String, in catchers: [Catcher]) -> Int? {
        catchers.firstIndex { handles($0.errorEquals, error) }
    }
}

/// Decides whether a failed attempt is retried, following a state's `Retry` list: the first retrier whose
/// `ErrorEquals` handles the error decides, and once it has used its `MaxAttempts` the error goes to `Catch`
/// (later retriers are not tried).
public struct RetryPolicy: Sendable, Hashable {
    /// The retriers, in order.
    public var retriers: [Retrier]
    /// Retries made so far, per retrier.
    public private(set) var retriesMade: [Int64]

    /// A policy that has retried nothing yet.
    public init(retriers: [Retrier]) {
        self.retriers = retriers
        retriesMade = Array(repeating: 0, count: retriers.count)
    }

    /// The decision for a failure with `error`.
    public enum Decision: Sendable, Hashable {
        /// Retry with retrier `index` after about `delaySeconds` (the upper bound with `FULL` jitter).
        case retry(retrier: Int, delaySeconds: Double)
        /// No retrier handles the error.
        case noRetrier
        /// Retrier `index` handles the error but has used its attempts.
        case exhausted(retrier: Int)
    }

    /// Decides, and counts the retry when there is one.
    public mutating func decide(_ error: String) -> Decision {
        guard let index = retriers.firstIndex(where: { ErrorMatching.handles($0.errorEquals, error) }),
            retriesMade.indices.contains(index)
        else { return .noRetrier }
        let retrier = retriers[index]
        guard retriesMade[index] < retrier.maxAttempts else { return .exhausted(retrier: index) }
        let delay = Self.delay(retrier, retry: retriesMade[index])
        retriesMade[index] += 1
        return .retry(retrier: index, delaySeconds: delay)
    }

    /// Seconds before retry number `retry` (from 0): `IntervalSeconds × BackoffRate^retry`, capped by
    /// `MaxDelaySeconds`. With `FULL` jitter this is the upper bound of the drawn delay.
    public static func delay(_ retrier: Retrier, retry: Int64) -> Double {
        var delay = Double(retrier.intervalSeconds)
        var step: Int64 = 0
        while step < retry, delay < 1e12 {
            delay *= retrier.backoffRate
            step += 1
        }
        if let cap = retrier.maxDelaySeconds { delay = min(delay, Double(cap)) }
        return delay
    }
}
