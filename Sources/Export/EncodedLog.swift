/// One log encoded in the export's format, waiting for its turn to be written.
enum EncodedLog: Sendable {
    /// Bytes for the one output file (OTLP lines, Chrome trace events).
    case bytes([UInt8])
    /// Rows for each table, and the date partition they belong to (`2026-12-05`, or `unknown`).
    case rows([ExportTable: [UInt8]], date: String)
}
