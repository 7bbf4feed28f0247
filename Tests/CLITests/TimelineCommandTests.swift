import Foundation
import RetraceTestSupport
import Testing

@Suite("retrace timeline, run as a user runs it")
struct TimelineCommandTests {
    @Test func writesTheSVGFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "retrace-timeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("timeline.svg").path
        let result = try RetraceCommand.run(["timeline", RetraceCommand.sample("retry-then-catch.json"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let svg = try String(contentsOfFile: output, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("backoff before a retry"))
    }

    @Test func standardOutput() throws {
        let result = try RetraceCommand.run(["timeline", RetraceCommand.sample("order-success.json"), "-o", "-"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ChargeAndReserve · Parallel"))
    }

    @Test func unreadableTimestampsStillSucceedAndSaySo() throws {
        let input = try RetraceCommand.temporaryFile(
            """
            {"events": [
              {"id": 1, "previousEventId": 0, "timestamp": "timestamp", "type": "ExecutionStarted",
               "executionStartedEventDetails": {"input": "{}"}},
              {"id": 2, "previousEventId": 0, "timestamp": "timestamp", "type": "PassStateEntered",
               "stateEnteredEventDetails": {"name": "Only", "input": "{}"}},
              {"id": 3, "previousEventId": 2, "timestamp": "timestamp", "type": "PassStateExited",
               "stateExitedEventDetails": {"name": "Only", "output": "{}"}},
              {"id": 4, "previousEventId": 3, "timestamp": "timestamp", "type": "ExecutionSucceeded",
               "executionSucceededEventDetails": {"output": "{}"}}
            ]}
            """)
        let result = try RetraceCommand.run(["timeline", input])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Timestamps are unknown in this history"))
        #expect(result.stderr.contains("timestamps are unreadable"))
        let graph = try RetraceCommand.run(["graph", input, "-f", "svg"])
        #expect(graph.status == 0, "the graph still draws, without durations")
        #expect(graph.stdout.contains("duration unknown"))
    }

    @Test func formatsItCannotWriteAreRefused() throws {
        let html = try RetraceCommand.run(["timeline", RetraceCommand.sample("order-success.json"), "-o", "t.html"])
        #expect(html.status == 2)
        #expect(html.stderr.contains("cannot tell the output format from 't.html'; use --format svg, png or pdf"))
        let flag = try RetraceCommand.run(["timeline", RetraceCommand.sample("order-success.json"), "--format", "gif"])
        #expect(flag.status == 2)
        #expect(flag.stderr.contains("'gif' is invalid for '--format <format>'"))
    }

    @Test func writesPNGTheSizeOfTheSVG() throws {
        let folder = try Self.folder()
        let sample = RetraceCommand.sample("retry-then-catch.json")
        let svg = try RetraceCommand.run(["timeline", sample, "-f", "svg"])
        let png = folder.appendingPathComponent("timeline.png").path
        let result = try RetraceCommand.run(["timeline", sample, "-o", png])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: png)))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height, big-endian, at bytes 16 and 20; one pixel per SVG unit.
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        let size = try Self.svgSize(svg.stdout)
        #expect(width == Int(size.width.rounded(.up)))
        #expect(height == Int(size.height.rounded(.up)))
    }

    @Test func writesPDFWithTheDrawingsSizeInPoints() throws {
        let sample = RetraceCommand.sample("order-success.json")
        let svg = try RetraceCommand.run(["timeline", sample])
        let result = try RetraceCommand.run(["timeline", sample, "--format", "pdf", "-o", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let pdf = result.stdout
        #expect(pdf.hasPrefix("%PDF-"))
        // One SVG unit is 0.75 pt (96 dpi); the page's MediaBox is the drawing.
        let size = try Self.svgSize(svg.stdout)
        let box = try #require(pdf.firstMatch(of: /MediaBox \[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]/))
        #expect(abs((Double(box.1) ?? 0) - size.width * 0.75) < 1)
        #expect(abs((Double(box.2) ?? 0) - size.height * 0.75) < 1)
    }

    @Test func severalExecutionsGetAPNGEach() throws {
        let folder = try Self.folder()
        let result = try RetraceCommand.run([
            "timeline", RetraceCommand.sample("order-success.json"), RetraceCommand.sample("map-failure.json"),
            "-f", "png", "-o", folder.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count == 2)
        #expect(files.allSatisfy { $0.hasSuffix(".png") })
    }

    @Test func aMissingConverterIsSaidWithTheFix() throws {
        let result = try RetraceCommand.run(
            ["timeline", RetraceCommand.sample("order-success.json"), "-o", "/tmp/never-written.png"],
            environment: ["PATH": "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("writing PNG needs rsvg-convert (Debian package librsvg2-bin"))
    }

    private static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "retrace-timeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private static func svgSize(_ svg: String) throws -> (width: Double, height: Double) {
        let match = try #require(svg.firstMatch(of: /<svg[^>]* width="([0-9.]+)" height="([0-9.]+)"/))
        return (try #require(Double(match.1)), try #require(Double(match.2)))
    }
}
