import Foundation
import RetraceTestSupport
import Testing

@Suite("retrace graph, run as a user runs it")
struct GraphCommandTests {
    static func outputPath(_ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-graph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    @Test func writesSVGChosenByTheExtension() throws {
        let output = try Self.outputPath("run.svg")
        let result = try RetraceCommand.run(["graph", RetraceCommand.sample("map-failure.json"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let svg = try String(contentsOfFile: output, encoding: .utf8)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("ROOT CAUSE: ValueError"))
    }

    @Test(arguments: [("run.png", [UInt8](arrayLiteral: 0x89, 0x50, 0x4E, 0x47)), ("run.pdf", Array("%PDF".utf8))])
    func writesPicturesChosenByTheExtension(name: String, magic: [UInt8]) throws {
        let output = try Self.outputPath(name)
        let result = try RetraceCommand.run(["graph", RetraceCommand.sample("order-success.json"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(Array(bytes.prefix(4)) == magic)
    }

    @Test func dotToStandardOutputNeedsNoGraphviz() throws {
        let result = try RetraceCommand.run([
            "graph", RetraceCommand.sample("retry-then-catch.json"), "-o", "-", "--format", "dot", "--direction", "LR",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("digraph \"execution\" {"))
        #expect(result.stdout.contains("rankdir=\"LR\""))
        #expect(result.stdout.contains("Catch: Lambda.TooManyRequestsException"))
    }

    @Test func formatFlagWinsOverTheExtension() throws {
        let output = try Self.outputPath("graph.txt")
        let result = try RetraceCommand.run([
            "graph", RetraceCommand.sample("order-success.json"), "-o", output, "--format", "dot",
        ])
        #expect(result.status == 0)
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("digraph"))
    }

    @Test func standardOutputDefaultsToSVG() throws {
        let result = try RetraceCommand.run(["graph", RetraceCommand.fixture("redrive.json")])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("<?xml"))
        #expect(result.stdout.contains("redrive"))
    }

    @Test func readsStandardInputAndADefinition() throws {
        let text = try String(
            contentsOf: PackagePaths.root.appendingPathComponent(RetraceCommand.sample("retry-then-catch.json")),
            encoding: .utf8)
        let definition = try RetraceCommand.temporaryFile(
            """
            {"StartAt": "AuthorizePayment", "States": {
              "AuthorizePayment": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "QueueForManualReview"}], "Next": "Capture"},
              "Capture": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true},
              "QueueForManualReview": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
            """, name: "machine.asl.json")
        let result = try RetraceCommand.run(["graph", "-", "--format", "dot", "--definition", definition], stdin: text)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("label=\"Capture\\nTask\\nnever entered\""))
    }

    @Test func expandMapsDrawsEveryIterationApart() throws {
        let merged = try RetraceCommand.run(["graph", RetraceCommand.sample("map-failure.json"), "-f", "dot"])
        let expanded = try RetraceCommand.run([
            "graph", RetraceCommand.sample("map-failure.json"), "-f", "dot", "--expand-maps",
        ])
        #expect(merged.status == 0)
        #expect(expanded.status == 0)
        let count = { (text: String) in text.components(separatedBy: "· iteration ").count - 1 }
        #expect(count(merged.stdout) == 1)
        #expect(count(expanded.stdout) == 25)
    }

    /// A Map of `iterations`, each running one Task, as the API records it.
    static func mapHistory(iterations: Int) -> String {
        var events: [String] = []
        func add(_ type: String, _ previous: Int, _ details: String = "") -> Int {
            let id = events.count + 1
            let time = String(format: "2026-01-01T%02d:%02d:%02d.000Z", id / 3600, id / 60 % 60, id % 60)
            events.append(
                #"{"id": \#(id), "previousEventId": \#(previous), "type": "\#(type)", "timestamp": "\#(time)""#
                    + (details.isEmpty ? "" : ", " + details) + "}")
            return id
        }
        let started = add("ExecutionStarted", 0, #""executionStartedEventDetails": {"input": "{}"}"#)
        let entered = add("MapStateEntered", started, #""stateEnteredEventDetails": {"name": "Items", "input": "[]"}"#)
        let mapStarted = add("MapStateStarted", entered, #""mapStateStartedEventDetails": {"length": \#(iterations)}"#)
        var last = mapStarted
        for index in 0..<iterations {
            let name = #"{"name": "Items", "index": \#(index)}"#
            let begun = add("MapIterationStarted", mapStarted, #""mapIterationStartedEventDetails": \#(name)"#)
            let work = add("TaskStateEntered", begun, #""stateEnteredEventDetails": {"name": "Work", "input": "{}"}"#)
            let done = add("TaskStateExited", work, #""stateExitedEventDetails": {"name": "Work", "output": "{}"}"#)
            last = add("MapIterationSucceeded", done, #""mapIterationSucceededEventDetails": \#(name)"#)
        }
        let mapDone = add("MapStateSucceeded", last)
        let exited = add("MapStateExited", mapDone, #""stateExitedEventDetails": {"name": "Items", "output": "[]"}"#)
        _ = add("ExecutionSucceeded", exited, #""executionSucceededEventDetails": {"output": "{}"}"#)
        return "{\"events\": [\n" + events.joined(separator: ",\n") + "\n]}\n"
    }

    @Test(arguments: ["svg", "png"])
    func expandingA500IterationMapKeepsAReadableShape(format: String) throws {
        let input = try RetraceCommand.temporaryFile(Self.mapHistory(iterations: 500))
        let output = URL(fileURLWithPath: input).deletingLastPathComponent().appendingPathComponent("map.\(format)")
        let result = try RetraceCommand.run(["graph", input, "--expand-maps", "-o", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = [UInt8](try Data(contentsOf: output))
        let width: Double
        let height: Double
        if format == "png" {
            width = Double(bytes[16..<20].reduce(0) { $0 << 8 | Int($1) })
            height = Double(bytes[20..<24].reduce(0) { $0 << 8 | Int($1) })
        } else {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains("Items: 200 iterations drawn apart, in rows of"))
            let size = try #require(text.firstMatch(of: /<svg width="([0-9.]+)pt" height="([0-9.]+)pt"/))
            width = try #require(Double(size.1))
            height = try #require(Double(size.2))
        }
        // Was 14,599 × 764 pt (one row of 200 iterations); now about as tall as wide.
        #expect(max(width / height, height / width) < 2.5, "\(width) × \(height)")
    }
}

@Suite("retrace graph: bad usage exits 2 with a message")
struct GraphCommandErrorTests {
    @Test func unknownFormatFlag() throws {
        let result = try RetraceCommand.run(["graph", RetraceCommand.sample("order-success.json"), "--format", "jpeg"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("jpeg"))
        #expect(result.stdout.isEmpty)
    }

    @Test func extensionThatNamesNoFormat() throws {
        let result = try RetraceCommand.run(["graph", RetraceCommand.sample("order-success.json"), "-o", "run.jpeg"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "retrace: cannot tell the output format from 'run.jpeg'; use --format dot, svg, png or pdf, or a file ending in one of them\n"
        )
        #expect(!FileManager.default.fileExists(atPath: PackagePaths.root.appendingPathComponent("run.jpeg").path))
    }

    @Test func badDirection() throws {
        let result = try RetraceCommand.run(["graph", RetraceCommand.sample("order-success.json"), "--direction", "up"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("up"))
    }

    @Test func unwritableOutput() throws {
        let result = try RetraceCommand.run([
            "graph", RetraceCommand.sample("order-success.json"), "-o", "/nonexistent-folder/run.svg",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("retrace: cannot write /nonexistent-folder/run.svg"))
    }

    @Test func invalidDefinitionNamesTheProblem() throws {
        let definition = try RetraceCommand.temporaryFile(
            #"{"StartAt": "Nowhere", "States": {}}"#, name: "bad.asl.json")
        let result = try RetraceCommand.run([
            "graph", RetraceCommand.sample("order-success.json"), "-f", "dot", "--definition", definition,
        ])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("retrace: \(definition)"))
        #expect(result.stdout.isEmpty)
    }

    @Test func malformedHistory() throws {
        let input = try RetraceCommand.temporaryFile(#"{"events": [{"id": "one"}]}"#)
        let result = try RetraceCommand.run(["graph", input, "-f", "dot"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("retrace: "))
    }
}
