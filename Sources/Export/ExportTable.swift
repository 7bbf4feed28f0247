/// The tables of the NDJSON export: one row per line, the columns documented in `docs/export.md`.
public enum ExportTable: String, Sendable, CaseIterable {
    /// One row per execution (child executions included) and per deployment.
    case executions
    /// One row per state visit at any depth, and per stay of a deployment's resource in a state.
    case visits
    /// One row per task attempt.
    case attempts
    /// One row per finding, the root cause first.
    case findings
}
