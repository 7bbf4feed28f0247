import Foundation
import RetraceTestSupport
import Testing

/// `retrace export` run as a user runs it: what it writes, and how it refuses.
@Suite("retrace export")
struct ExportCommandTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "retrace-export-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesEachFormat() throws {
        let out = try folder()
        let otlp = try RetraceCommand.run(
            ["export", "Samples", "--format", "otlp", "-o", out.appendingPathComponent("t.jsonl").path])
        #expect(otlp.status == 0, "\(otlp.stderr)")
        let lines = try String(contentsOf: out.appendingPathComponent("t.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 4)
        let chrome = try RetraceCommand.run(["export", "Samples", "--format", "chrome", "-o", "-"])
        #expect(chrome.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(chrome.stdout.utf8)) is [String: Any])
        let tables = try RetraceCommand.run(
            ["export", "Samples", "--format", "ndjson", "--partition", "-o", out.appendingPathComponent("t").path])
        #expect(tables.status == 0, "\(tables.stderr)")
        let partitions = try FileManager.default.contentsOfDirectory(
            atPath: out.appendingPathComponent("t/visits").path)
        #expect(!partitions.isEmpty && partitions.allSatisfy { $0.hasPrefix("date=") })
    }

    @Test func anUnwritableOutputExitsTwoNamingIt() throws {
        let target = "/proc/retrace-no-such-dir/out.jsonl"
        let result = try RetraceCommand.run(["export", "Samples/order-success.json", "--format", "otlp", "-o", target])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot write \(target)"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func tablesNeedAFolder() throws {
        let file = try folder().appendingPathComponent("plain.txt")
        try Data("x".utf8).write(to: file)
        let result = try RetraceCommand.run(["export", "Samples", "--format", "ndjson", "-o", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is a file"))
        let partition = try RetraceCommand.run(["export", "Samples", "--format", "otlp", "--partition", "-o", "x"])
        #expect(partition.status == 2)
        #expect(partition.stderr.contains("--partition"))
    }

    @Test func aBadInputExitsTwoNamingFileAndPosition() throws {
        let input = try RetraceCommand.temporaryFile(
            "{\"events\": [\n  {\"id\": \"one\", \"type\": \"ExecutionStarted\"}\n]}\n")
        let out = try folder().appendingPathComponent("t.jsonl").path
        let result = try RetraceCommand.run(["export", input, "--format", "otlp", "-o", out])
        #expect(result.status == 2)
        #expect(result.stderr.contains("input.json:2:"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing is written for unusable input")
    }
}
