/// What `retrace export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// OTLP/JSON traces, one `TracesData` per line (the OpenTelemetry file exporter's JSON Lines).
    case otlp
    /// Chrome Trace Event JSON, for the Perfetto UI and `chrome://tracing`.
    case chrome
    /// NDJSON tables (`executions`, `visits`, `attempts`, `findings`) for SQL engines.
    case ndjson
}

/// How an export is written.
public struct ExportOptions: Sendable {
    /// The format.
    public var format: ExportFormat
    /// Whether inputs and outputs of states and executions are exported (redacted); off by default, since they
    /// may hold personal data that a trace backend or a data lake should not receive unasked.
    public var includePayloads: Bool
    /// NDJSON only: one folder per table, partitioned by the execution's start date (`date=2026-12-05/`).
    public var partition: Bool

    /// Creates options.
    public init(format: ExportFormat, includePayloads: Bool = false, partition: Bool = false) {
        self.format = format
        self.includePayloads = includePayloads
        self.partition = partition
    }
}
