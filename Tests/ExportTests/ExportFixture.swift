import Diagnostics
import Export
import Foundation
import RetraceTestSupport

/// Exports through the library into a private folder, as the command does.
enum ExportFixture {
    static func sample(_ name: String) -> String {
        PackagePaths.root.appendingPathComponent("Samples/\(name)").path
    }

    static func fixture(_ name: String, target: String) -> String {
        PackagePaths.fixture(name, target: target).path
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Exports `inputs` in `format`; the path written (a file, or the tables' folder).
    static func export(
        _ inputs: [String], format: ExportFormat, includePayloads: Bool = false, partition: Bool = false
    ) throws -> URL {
        let folder = try temporaryFolder()
        let output =
            format == .ndjson
            ? folder.appendingPathComponent("tables")
            : folder.appendingPathComponent(format == .otlp ? "traces.jsonl" : "trace.json")
        _ = try Exporter(
            options: ExportOptions(format: format, includePayloads: includePayloads, partition: partition)
        ).export(inputs, to: output.path)
        return output
    }

    static func text(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// Every log of `inputs`, analysed, with its children.
    static func analysed(_ inputs: [String]) throws -> [ExportedLog] {
        let set = try LogSet.load(inputs)
        return try set.analyzeEach { try ExportedLog($0, in: set) }
    }
}
