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

    @Test func formatsOtherThanSVGAreRefused() throws {
        let html = try RetraceCommand.run(["timeline", RetraceCommand.sample("order-success.json"), "-o", "t.html"])
        #expect(html.status == 2)
        #expect(html.stderr.contains("cannot tell the output format from 't.html'; use --format svg"))
        let flag = try RetraceCommand.run(["timeline", RetraceCommand.sample("order-success.json"), "--format", "png"])
        #expect(flag.status == 2)
        #expect(flag.stderr.contains("png"))
    }
}
