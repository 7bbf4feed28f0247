import Diagnostics
import RetraceCore

/// The short texts every batch report shows per row: the root cause in one line, the outcome counts.
enum BatchLine {
    /// `TransformRecords › iteration 17 › Transform: ValueError`, redacted; `–` when nothing went wrong.
    static func rootCause(_ row: BatchDiagnosis.Row, redactor: CredentialRedactor) -> String {
        guard let root = row.rootCause else { return "" }
        // "attempt 1 of 1" says nothing in one line; a retried attempt does.
        let place = root.location.filter {
            if case .attempt(_, let total) = $0 { return total > 1 }
            return true
        }.pathDescription
        let error = root.error ?? root.title
        return redactor.redact(place.isEmpty ? error : "\(place): \(error)")
    }

    /// `12 executions: 8 succeeded, 3 failed, 1 timed out`.
    static func totals(_ batch: BatchDiagnosis) -> String {
        let count = batch.rows.count
        let parts = batch.totals.map { "\($0.count) \(word($0.outcome))" }
        let executions = batch.rows.filter(\.isExecution).count
        let noun: Noun
        if executions == count {
            noun = Noun("execution")
        } else if executions == 0 {
            // Each row is one deployment (a stack, a fleet, a service), however many files it came in.
            noun = Noun("deployment")
        } else {
            noun = Noun("run")
        }
        return noun.counted(count) + ": " + parts.joined(separator: ", ")
    }

    static func word(_ outcome: RunOutcome) -> String {
        switch outcome {
        case .succeeded: return "succeeded"
        case .failed: return "failed"
        case .timedOut: return "timed out"
        case .aborted: return "aborted"
        case .running: return "running"
        case .unknown: return "unknown"
        }
    }

    /// `3×` groups say how many share a signature.
    static func count(_ count: Int) -> String { "\(count)×" }
}
