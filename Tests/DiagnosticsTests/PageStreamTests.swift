import Diagnostics
import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// A live fetch hands each `GetExecutionHistory` answer to the loader as it arrives, read from both ends at once:
/// pages oldest first and pages newest first (`reverseOrder`), overlapping where they meet, arriving in any order.
/// Decoded that way, every sample is analysed exactly as its file; a page that is not a history is an error that
/// names the execution.
@Suite("Pages decoded as they arrive")
struct PageStreamTests {
    static let arn = "arn:aws:states:eu-west-1:123456789012:execution:Orders:streamed"

    static var samples: [URL] {
        let folder = PackagePaths.root.appendingPathComponent("Samples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test(arguments: samples)
    func pagesFromBothEndsGiveTheFilesAnalysis(_ url: URL) throws {
        let fromFile = try LogSet.load([url.path])
        let original = try fromFile.analyze(try #require(fromFile.executions.first))
        let events = try Self.events(url)
        try #require(events.count >= 5)
        // The API's two readings: pages of 3 oldest first, and newest first until they pass the middle.
        let size = 3
        var arrivals: [(body: String, newestFirst: Bool, sequence: Int)] = []
        let middle = events.count / 2
        for (sequence, start) in stride(from: 0, through: middle, by: size).enumerated() {
            let page = Array(events[start..<min(start + size, events.count)])
            arrivals.append((Self.page(page, more: start + size < events.count), false, sequence))
        }
        let newest = Array(events.reversed())
        for (sequence, start) in stride(from: 0, through: events.count - middle, by: size).enumerated() {
            let page = Array(newest[start..<min(start + size, newest.count)])
            arrivals.append((Self.page(page, more: start + size < newest.count), true, sequence))
        }
        var random = SplitMix64(seed: UInt64(events.count))
        arrivals.shuffle(using: &random)
        let stream = PageStream()
        for arrival in arrivals {
            stream.add(
                InputBuffer(name: Self.arn, text: arrival.body), executionArn: Self.arn, mapRunArn: nil,
                newestFirst: arrival.newestFirst,
                sequence: arrival.sequence)
        }
        let inputs = try stream.inputs()
        #expect(inputs.map(\.name) == [Self.arn])
        let set = try LogSet.load([], decoded: inputs)
        #expect(set.executions.count == 1)
        #expect(set.warnings.isEmpty, "\(set.warnings.map(\.message))")
        let streamed = try set.analyze(try #require(set.executions.first))
        #expect(streamed.tree.events == original.tree.events)
        #expect(streamed.tree.visits == original.tree.visits)
        #expect(streamed.tree.outcome == original.tree.outcome)
        #expect(streamed.tree.history.completeness == original.tree.history.completeness)
        #expect(streamed.tree.history.executionArn == Self.arn)
        #expect(streamed.tree.history.sources == [Self.arn], "one source, the execution, however many pages")
        #expect(streamed.diagnosis == original.diagnosis)
    }

    @Test func childExecutionsStreamedWithTheirMapRunAreLinkedToTheirParent() throws {
        let parent = PackagePaths.fixture("distributed_map_failed.json", target: "StepFunctionsTests")
        let children = ["child_row-2.json", "child_row-3.json"].map {
            PackagePaths.fixture($0, target: "DiagnosticsTests")
        }
        let mapRun = "arn:aws:states:us-east-1:123456789012:mapRun:Csv/ProcessCsv:11111111-2222"
        let stream = PageStream()
        // Children arrive before their parent's last page, as concurrent fetches may deliver them.
        for (index, child) in children.enumerated() {
            let arn = "arn:aws:states:us-east-1:123456789012:execution:Csv/ProcessCsv:row-\(index + 2)"
            stream.add(
                InputBuffer(name: arn, text: Self.page(try Self.events(child), more: false)), executionArn: arn,
                mapRunArn: mapRun, newestFirst: false, sequence: 0)
        }
        let events = try Self.events(parent)
        let half = events.count / 2
        let parentArn = "arn:aws:states:us-east-1:123456789012:execution:Csv:run-7"
        stream.add(
            InputBuffer(name: parentArn, text: Self.page(Array(events[half...].reversed()), more: true)),
            executionArn: parentArn, mapRunArn: nil, newestFirst: true, sequence: 0)
        stream.add(
            InputBuffer(name: parentArn, text: Self.page(Array(events[..<half]), more: true)),
            executionArn: parentArn, mapRunArn: nil, newestFirst: false, sequence: 0)
        let set = try LogSet.load([], decoded: try stream.inputs())
        #expect(set.executions.count == 1)
        let analyzed = try set.analyze(try #require(set.executions.first))
        #expect(analyzed.entry.children.map(\.name).sorted() == ["row-2", "row-3"])
        #expect(analyzed.diagnosis.rootCause?.error == "KeyError")
        #expect(analyzed.diagnosis.rootCause?.causeDetail?.summary.contains("KeyError: 'price'") == true)
    }

    @Test func aPageThatIsNotAHistoryNamesTheExecution() throws {
        let stream = PageStream()
        stream.add(
            InputBuffer(
                name: Self.arn, text: #"{"events": [{"id": 1, "type": "ExecutionStarted", "timestamp": 1.5}]}"#),
            executionArn: Self.arn, mapRunArn: nil, newestFirst: false, sequence: 0)
        stream.add(
            InputBuffer(name: Self.arn, text: #"{"events": [{"id": "two", "type": 7}]}"#), executionArn: Self.arn,
            mapRunArn: nil,
            newestFirst: true, sequence: 0)
        let error = try #require(throws: InputError.self) { try stream.inputs() }
        #expect(error.description.contains(Self.arn), "\(error)")
        #expect(error.description.contains("events[0]"), "\(error)")
    }

    /// The events of a history file, each as its JSON text.
    private static func events(_ url: URL) throws -> [String] {
        let input = try InputBuffer.read(path: url.path)
        var events: [String] = []
        try JSONReader().forEachDocument(in: input, expecting: "a history") { document, _ in
            let array = document.kind == .array ? document : document["events"]
            for event in array?.elements ?? JSONElement.Elements.empty { events.append(event.minifiedText) }
        }
        return events
    }

    /// A `GetExecutionHistory` answer holding `events`, with a `nextToken` when there are `more`.
    private static func page(_ events: [String], more: Bool) -> String {
        "{\"events\":[" + events.joined(separator: ",") + "]" + (more ? ",\"nextToken\":\"t\"" : "") + "}"
    }
}
