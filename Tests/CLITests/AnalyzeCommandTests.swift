import Foundation
import RetraceTestSupport
import Testing

@Suite("retrace analyze, run as a user runs it")
struct AnalyzeCommandTests {
    @Test func successfulSampleReadsWell() throws {
        let result = try RetraceCommand.run(["analyze", RetraceCommand.sample("order-success.json")])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        // 80 columns when piped: the ARN, never cut, gets its own line.
        #expect(
            result.stdout.hasPrefix(
                "✓ SUCCEEDED\n  arn:aws:states:eu-west-1:123456789012:execution:OrderWorkflow:ord-20931\n"))
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(result.stdout.contains("took 1.49 s"))
        #expect(result.stdout.contains("✓ ChargeAndReserve  Parallel    850 ms"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when piped")
    }

    @Test func mapFailureLeadsWithTheRootCause() throws {
        let result = try RetraceCommand.run(["analyze", RetraceCommand.sample("map-failure.json")])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let rootIndex = try #require(lines.firstIndex(of: "Root cause"))
        let statesIndex = try #require(lines.firstIndex(of: "States"))
        #expect(rootIndex < statesIndex)
        #expect(lines.contains("  where  TransformRecords › iteration 17 › Transform › attempt 1 of 1"))
        #expect(lines.contains("         (event\u{A0}#134)"), "wrapped at a space, never inside a word")
        #expect(lines.contains("  at     records.py:88 in parse_record, called from handler.py:41 in handler"))
        #expect(!result.stdout.contains("requestId"), "the raw cause only with --verbose")
        #expect(result.stdout.contains("25 iterations"))
        #expect(result.stdout.contains("17 succeeded, 1 failed, 7 aborted"))
        #expect(result.stdout.contains("… 23 more iterations"))
        let verbose = try RetraceCommand.run(["analyze", "--verbose", RetraceCommand.sample("map-failure.json")])
        #expect(verbose.stdout.contains("requestId"))
        #expect(lines.count < 60, "a 25-item Map stays compact")
    }

    @Test func exitCodeOnlyWhenAsked() throws {
        let failed = RetraceCommand.sample("map-failure.json")
        #expect(try RetraceCommand.run(["analyze", failed]).status == 0)
        #expect(try RetraceCommand.run(["analyze", "--exit-code", failed]).status == 1)
        #expect(
            try RetraceCommand.run(["analyze", "--exit-code", RetraceCommand.sample("order-success.json")]).status == 0)
        #expect(
            try RetraceCommand.run(["analyze", "--exit-code", RetraceCommand.fixture("abort_during_wait.json")]).status
                == 1)
    }

    @Test func jsonIsParseableAndStable() throws {
        let result = try RetraceCommand.run(["analyze", "--format", "json", RetraceCommand.sample("map-failure.json")])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let execution = try #require(object["execution"] as? [String: Any])
        #expect(execution["outcome"] as? String == "failed")
        #expect(execution["durationMs"] as? Int == 2303)
        #expect(execution["start"] as? String == "2026-11-18T14:03:12.000Z")
        let diagnosis = try #require(object["diagnosis"] as? [String: Any])
        let root = try #require(diagnosis["rootCause"] as? [String: Any])
        #expect(root["path"] as? String == "TransformRecords › iteration 17 › Transform › attempt 1 of 1")
        #expect(root["error"] as? String == "ValueError")
        let states = try #require(object["states"] as? [[String: Any]])
        let iterations = try #require(states.first?["iterations"] as? [[String: Any]])
        #expect(iterations.count == 25)
    }

    @Test func markdownForCISummaries() throws {
        let result = try RetraceCommand.run([
            "analyze", "-f", "markdown", RetraceCommand.sample("heartbeat-timeout.json"),
        ])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("## ⏱ TIMED OUT") || result.stdout.hasPrefix("## ✗ FAILED"))
        #expect(
            result.stdout.contains(
                "| why | RenderFrames timed out after 2 m: no heartbeat arrived within HeartbeatSeconds"))
    }

    @Test func readsStandardInput() throws {
        let text = try String(
            contentsOf: PackagePaths.root.appendingPathComponent(RetraceCommand.sample("retry-then-catch.json")),
            encoding: .utf8)
        let result = try RetraceCommand.run(["analyze", "-"], stdin: text)
        #expect(result.status == 0)
        #expect(result.stdout.contains("AuthorizePayment"))
    }

    @Test func colourOnlyWhenTheTerminalWantsIt() throws {
        // Piped output never has colour, whatever the environment says.
        let forced = try RetraceCommand.run(
            ["analyze", RetraceCommand.sample("order-success.json")], environment: ["TERM": "xterm-256color"])
        #expect(!forced.stdout.contains("\u{1B}["))
    }
}

@Suite("Bad input and usage: clear message, exit status 2, never a crash")
struct AnalyzeErrorTests {
    @Test func malformedJSONNamesFileLineAndColumn() throws {
        let path = try RetraceCommand.temporaryFile(
            "{\"events\": [\n  {\"id\": 1, \"type\": \"ExecutionStarted\",,}\n]}")
        let result = try RetraceCommand.run(["analyze", path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "retrace: \(path):2:40: not valid JSON: expected a key in double quotes, found ','\n")
    }

    @Test func wrongShapeNamesTheField() throws {
        let path = try RetraceCommand.temporaryFile(
            "[{\"id\": 1, \"type\": \"ExecutionStarted\", \"timestamp\": 0}, {\"id\": true, \"type\": \"X\"}]")
        let result = try RetraceCommand.run(["analyze", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(":1:64: expected an integer event id at [1].id, found a boolean"))
    }

    @Test(arguments: [
        ("", "the file is empty"),
        ("{\"StackEvents\": []}", ":1:17: expected at least one event at StackEvents, found an empty list"),
        ("{\"StartAt\": \"A\", \"States\": {}}", "looks like a state machine definition (ASL)"),
        ("\u{FF}\u{FE}", "not valid JSON"),
        ("[" + String(repeating: "[", count: 5000), "nesting is deeper than 1024 levels"),
    ])
    func unusableInput(contents: String, fragment: String) throws {
        let path = try RetraceCommand.temporaryFile(contents)
        let result = try RetraceCommand.run(["analyze", path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("retrace: \(path)"))
        #expect(result.stderr.contains(fragment), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
    }

    @Test func missingFileAndBadUsage() throws {
        let missing = try RetraceCommand.run(["analyze", "/no/such/history.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "retrace: /no/such/history.json: cannot read the file: No such file or directory\n")
        let usage = try RetraceCommand.run(["analyze", "--format", "yaml", RetraceCommand.sample("order-success.json")])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--format"))
        let noFile = try RetraceCommand.run(["analyze"])
        #expect(noFile.status == 2)
        let help = try RetraceCommand.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("analyze"))
    }

    @Test func endlessBinaryInputStopsAtOnce() throws {
        let result = try RetraceCommand.run(["analyze", "/dev/zero"])
        #expect(result.status == 2)
        #expect(
            result.stderr == "retrace: /dev/zero:1:1: not valid JSON: a NUL byte: this is binary data, not JSON text\n")
    }

    @Test func credentialsInCausesAreRedactedEverywhere() throws {
        let url =
            "https://bucket.s3.amazonaws.com/log.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261118%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20261118T140312Z&X-Amz-Expires=900&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLETOKEN&X-Amz-Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
        let history = """
            {"events": [{"id": 1, "previousEventId": 0, "timestamp": 0, "type": "ExecutionStarted"},
            {"id": 2, "previousEventId": 0, "timestamp": 1, "type": "TaskStateEntered", "stateEnteredEventDetails": {"name": "Fetch"}},
            {"id": 3, "previousEventId": 2, "timestamp": 2, "type": "TaskScheduled", "taskScheduledEventDetails": {"resourceType": "lambda", "resource": "invoke", "region": "r", "parameters": "{}"}},
            {"id": 4, "previousEventId": 3, "timestamp": 3, "type": "TaskFailed", "taskFailedEventDetails": {"resourceType": "lambda", "resource": "invoke", "error": "DownloadError", "cause": "could not fetch \(url)"}},
            {"id": 5, "previousEventId": 4, "timestamp": 4, "type": "ExecutionFailed", "executionFailedEventDetails": {"error": "DownloadError", "cause": "could not fetch \(url)"}}]}
            """
        let path = try RetraceCommand.temporaryFile(history)
        for format in ["text", "json", "markdown"] {
            let result = try RetraceCommand.run(["analyze", "-f", format, "--width", "400", path])
            #expect(result.status == 0)
            #expect(result.stdout.contains("X-Amz-Date=20261118T140312Z"), "\(format)")
            for secret in ["AKIAIOSFODNN7EXAMPLE", "IQoJb3JpZ2luX2VjEXAMPLETOKEN", "0f1e2d3c4b5a6978"] {
                #expect(!result.stdout.contains(secret), "\(format) leaks \(secret)")
            }
        }
    }
}

/// Every real history analyses in every format without error; failed ones exit 1 with --exit-code.
@Suite("retrace analyze on the real corpus", .enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
struct AnalyzeCorpusCommandTests {
    @Test func everyHistoryInEveryFormat() throws {
        let expectations = Dictionary(uniqueKeysWithValues: CorpusManifest.stepFunctions().map { ($0.file, $0) })
        for url in Corpus.stepFunctionsHistories() {
            let result = try RetraceCommand.run(["analyze", "--exit-code", "-f", "json", url.path])
            // Still-running histories ("NO terminal event") are not failures.
            let terminal = expectations[url.lastPathComponent]?.terminalType
            let failed =
                terminal == "ExecutionFailed" || terminal == "ExecutionAborted" || terminal == "ExecutionTimedOut"
            #expect(result.status == (failed ? 1 : 0), "\(url.lastPathComponent): \(result.stderr)")
            #expect(result.stderr.isEmpty)
        }
    }
}

/// Colour only on a terminal, never with `NO_COLOR`: run under a pseudo-terminal with util-linux `script`.
@Suite(
    "Colour on a real terminal",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script is not installed"))
struct TerminalColourTests {
    private func onTerminal(environment: [String: String]) throws -> String {
        let command = "\(PackagePaths.retraceBinary.path) analyze \(RetraceCommand.sample("map-failure.json"))"
        return try RetraceCommand.run(
            ["-qec", command, "/dev/null"], environment: environment,
            executable: URL(fileURLWithPath: "/usr/bin/script")
        ).stdout
    }

    @Test func colouredOnATerminal() throws {
        let output = try onTerminal(environment: ["TERM": "xterm-256color"])
        #expect(output.contains("\u{1B}[31m"), "red for the failure")
        #expect(output.contains("Root cause"))
    }

    @Test func plainWithNoColor() throws {
        let output = try onTerminal(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"])
        #expect(!output.contains("\u{1B}["))
        #expect(output.contains("Root cause"))
    }
}
