import RetraceCore

/// The one line that names a deployment's verdict in its service's words, shared by the text, Markdown and batch
/// reports: `CREATE → DELETE_COMPLETE: create failed, then deleted (--on-failure DELETE)`.
enum LifecycleVerdictText {
    /// The line, unescaped (callers escape for their medium).
    static func line(_ verdict: ServiceVerdict) -> String {
        // The operation leads where the summary does not already name it ("CREATE → DELETE_COMPLETE: create
        // failed, then deleted"; but "FAILED: failed in model startup").
        var text = verdict.status
        if let operation = verdict.operation, !verdict.summary.contains(operation) {
            text = "\(operation) → \(verdict.status)"
        }
        text += ": " + verdict.summary
        if let detail = verdict.detail { text += " — " + detail }
        return text
    }
}
