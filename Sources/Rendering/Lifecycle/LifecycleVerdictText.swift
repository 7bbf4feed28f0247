import RetraceCore

/// The one line that names a deployment's verdict in its service's words, shared by the text, Markdown and batch
/// reports: `CREATE → DELETE_COMPLETE: create failed, then deleted (--on-failure DELETE)`.
enum LifecycleVerdictText {
    /// The line, unescaped (callers escape for their medium).
    static func line(_ verdict: ServiceVerdict) -> String {
        var text = verdict.operation.map { "\($0) → \(verdict.status)" } ?? verdict.status
        text += ": " + verdict.summary
        if let detail = verdict.detail { text += " — " + detail }
        return text
    }
}
