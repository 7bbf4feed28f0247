import Foundation
import RetraceTestSupport
import Testing

/// Several executions at once, pages in any order, parents with their children: what a user holds, run as a user
/// runs it.
@Suite("Executions, not files")
struct BatchCommandTests {
    private static let samples = [
        "Samples/map-failure.json", "Samples/order-success.json", "Samples/heartbeat-timeout.json",
        "Samples/retry-then-catch.json",
    ]

    // MARK: Several executions

    @Test(arguments: [("text", "batch.txt"), ("json", "batch.json"), ("markdown", "batch.md")])
    func severalExecutionsMatchTheGoldenFiles(format: String, snapshot: String) throws {
        let result = try RetraceCommand.run(["analyze", "--format", format, "Samples"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        Snapshot.expectMatches(result.stdout, named: snapshot)
    }

    @Test func theOrderOfTheFilesDoesNotMatter() throws {
        let forward = try RetraceCommand.run(["analyze", "--format", "json"] + Self.samples)
        let backward = try RetraceCommand.run(["analyze", "--format", "json"] + Self.samples.reversed())
        let folder = try RetraceCommand.run(["analyze", "--format", "json", "Samples"])
        #expect(forward.stdout == backward.stdout)
        #expect(forward.stdout == folder.stdout)
    }

    @Test func noExecutionVanishes() throws {
        let result = try RetraceCommand.run(["analyze", "--format", "json"] + Self.samples)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "batch")
        let executions = try #require(object["executions"] as? [[String: Any]])
        #expect(executions.count == 4)
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["failed"] as? Int == 2)
        #expect(totals["count"] as? Int == 4)
        #expect(totals["succeeded"] as? Int == 2)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.count == 2)
    }

    @Test func exitCodeWhenAnyExecutionFailed() throws {
        #expect(try RetraceCommand.run(["analyze", "--exit-code"] + Self.samples).status == 1)
        #expect(try RetraceCommand.run(["analyze"] + Self.samples).status == 0)
        let succeeded = ["Samples/order-success.json", "Samples/retry-then-catch.json"]
        #expect(try RetraceCommand.run(["analyze", "--exit-code"] + succeeded).status == 0)
    }

    @Test func onlyFailedAndDetails() throws {
        let failed = try RetraceCommand.run(["analyze", "--only", "failed", "Samples"])
        #expect(failed.stdout.contains("batch-b-77"))
        #expect(failed.stdout.contains("render-5521"))
        #expect(!failed.stdout.contains("ord-20931"))
        #expect(failed.stdout.contains("2 executions: 2 failed"))
        let details = try RetraceCommand.run(["analyze", "--details", "--only", "failed", "Samples"])
        #expect(details.stdout.contains("Root cause"))
        #expect(details.stdout.components(separatedBy: "Per state").count == 3, "one full report per execution")
    }

    @Test func manyFailedExecutionsAreEachCounted() throws {
        let folder = try temporaryFolder()
        let text = try String(
            contentsOf: PackagePaths.root.appendingPathComponent("Samples/map-failure.json"), encoding: .utf8)
        for index in 0..<60 {
            let renamed = text.replacingOccurrences(of: "batch-b-77", with: "batch-\(index)")
                .replacingOccurrences(of: "2026-11-18T14:03:", with: "2026-11-18T15:\(index < 10 ? "0" : "")\(index):")
            try renamed.write(to: folder.appendingPathComponent("run-\(index).json"), atomically: true, encoding: .utf8)
        }
        let result = try RetraceCommand.run(["analyze", "--exit-code", "--format", "json", folder.path])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["executions"] as? [Any])?.count == 60)
        let group = try #require((object["groups"] as? [[String: Any]])?.first)
        #expect(group["count"] as? Int == 60)
        #expect(group["first"] as? String == "batch-0")
        #expect(group["last"] as? String == "batch-59")
    }

    @Test func identicalCopiesAreOneExecutionSaidOnce() throws {
        let result = try RetraceCommand.run([
            "analyze", "Samples/map-failure.json", "Samples/map-failure.json", "Samples/map-failure.json",
        ])
        #expect(result.stdout.hasPrefix("✗ FAILED"))
        #expect(result.stdout.contains("2 pages were exact copies of pages already given for execution batch-b-77"))
    }

    @Test func standardInputBesideFiles() throws {
        let text = try String(
            contentsOf: PackagePaths.root.appendingPathComponent("Samples/map-failure.json"), encoding: .utf8)
        let result = try RetraceCommand.run(["analyze", "-", "Samples/order-success.json"], stdin: text)
        #expect(result.status == 0)
        #expect(result.stdout.contains("batch-b-77"))
        #expect(result.stdout.contains("ord-20931"))
        #expect(result.stdout.contains("2 executions: 1 succeeded, 1 failed"))
    }

    @Test func severalExecutionsInOneStream() throws {
        let texts = try ["Samples/order-success.json", "Samples/map-failure.json"].map {
            try String(contentsOf: PackagePaths.root.appendingPathComponent($0), encoding: .utf8)
        }
        let result = try RetraceCommand.run(["analyze", "--exit-code", "-"], stdin: texts.joined(separator: "\n"))
        #expect(result.status == 1)
        #expect(result.stdout.contains("2 executions: 1 succeeded, 1 failed"))
    }

    @Test func folderFilesThatAreNotLogsAreNamed() throws {
        let folder = try temporaryFolder()
        try FileManager.default.copyItem(
            at: PackagePaths.root.appendingPathComponent("Samples/map-failure.json"),
            to: folder.appendingPathComponent("run.json"))
        try "{\"StartAt\": \"A\", \"States\": {}}".write(
            to: folder.appendingPathComponent("machine.asl.json"), atomically: true, encoding: .utf8)
        try "notes".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let result = try RetraceCommand.run(["analyze", "--width", "400", folder.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("1 file in \(folder.path) is not .json or .jsonl and was not read (notes.txt)"))
        #expect(result.stdout.contains("machine.asl.json (a state machine definition (ASL))"))
        let events = try RetraceCommand.run(["events", folder.path])
        #expect(events.status == 0)
        #expect(events.stderr.contains("retrace: warning: 1 file in \(folder.path) is not .json or .jsonl"))
        let named = try RetraceCommand.run(["analyze", folder.appendingPathComponent("machine.asl.json").path])
        #expect(named.status == 2)
        #expect(named.stderr.contains("looks like a state machine definition"))
    }

    @Test func hostileFileNamesReachNoTerminal() throws {
        let folder = try temporaryFolder()
        let hostile = folder.appendingPathComponent("run\u{1B}]0;owned\u{07}\u{1B}[2J.json")
        try FileManager.default.copyItem(
            at: PackagePaths.root.appendingPathComponent("Tests/DiagnosticsTests/Fixtures/child_row-3.json"),
            to: hostile)
        var object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: hostile)) as? [String: Any])
        object.removeValue(forKey: "executionArn")
        try JSONSerialization.data(withJSONObject: object).write(to: hostile)
        for format in ["text", "markdown"] {
            let result = try RetraceCommand.run([
                "analyze", "--format", format, hostile.path, "Samples/order-success.json",
            ])
            #expect(result.status == 0)
            #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{07}"), "format \(format)")
            let shown = format == "text" ? "run␛]0;owned␇␛[2J.json" : #"run␛\]0;owned␇␛\[2J.json"#
            #expect(result.stdout.contains(shown), "format \(format)")
        }
        let refused = try RetraceCommand.run(["graph", "-o", "x.svg", hostile.path, "Samples/order-success.json"])
        #expect(refused.status == 2)
        let replay = try RetraceCommand.run(["replay", "--at", "1", hostile.path, "Samples/order-success.json"])
        #expect(!replay.stderr.contains("\u{1B}"))
        #expect(replay.stderr.contains("␛]0;owned"))
    }

    // MARK: Pages

    @Test(arguments: [[0, 1, 2], [2, 0, 1], [1, 2, 0]], [false, true])
    func pagesInAnyOrderAndDirection(order: [Int], newestFirst: Bool) throws {
        let folder = try pages(of: "Samples/map-failure.json", count: 3, newestFirst: newestFirst)
        let paths = order.map { folder.appendingPathComponent("p\($0 + 1).json").path }
        let result = try RetraceCommand.run(["analyze", "--format", "json"] + paths)
        let whole = try RetraceCommand.run(["analyze", "--format", "json", "Samples/map-failure.json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let wholeObject = try #require(
            try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "stepfunctions-execution")
        #expect(
            NSDictionary(dictionary: object["diagnosis"] as? [String: Any] ?? [:])
                .isEqual(to: wholeObject["diagnosis"] as? [String: Any] ?? [:]))
        let execution = try #require(object["execution"] as? [String: Any])
        #expect(execution["eventCount"] as? Int == 173)
        #expect(execution["complete"] as? Bool == true)
        #expect(execution["pageCount"] as? Int == 3)
    }

    @Test func aLastPageWithNextTokenIsIncompleteNotRunning() throws {
        let folder = try pages(of: "Samples/map-failure.json", count: 3, newestFirst: false)
        let paths = ["p1.json", "p2.json"].map { folder.appendingPathComponent($0).path }
        let result = try RetraceCommand.run(["analyze", "--width", "400"] + paths)
        #expect(result.stdout.hasPrefix("? UNKNOWN"))
        #expect(!result.stdout.contains("RUNNING"))
        #expect(result.stdout.contains("incomplete: not given: the events after #116 (\(paths[1]) carries nextToken)"))
        let json = try RetraceCommand.run(["analyze", "--format", "json"] + paths)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let execution = try #require(object["execution"] as? [String: Any])
        #expect(execution["complete"] as? Bool == false)
        #expect(execution["outcome"] as? String == "unknown")
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(warnings.contains { $0["code"] as? String == "more-events-follow" })
    }

    @Test func aMissingFirstPageIsSaid() throws {
        let folder = try pages(of: "Samples/map-failure.json", count: 3, newestFirst: false)
        let result = try RetraceCommand.run(["analyze", folder.appendingPathComponent("p3.json").path])
        #expect(result.stdout.contains("incomplete: not given: events #1–#116, before the first event given"))
    }

    // MARK: Parents and children

    @Test(arguments: [[0, 1, 2], [1, 0, 2], [2, 1, 0], [1, 2, 0]])
    func parentAndChildrenWithoutArnsInAnyOrder(order: [Int]) throws {
        let folder = try temporaryFolder()
        let sources = [
            ("Tests/StepFunctionsTests/Fixtures/distributed_map_failed.json", "parent.json"),
            ("Tests/DiagnosticsTests/Fixtures/child_row-2.json", "child-a.json"),
            ("Tests/DiagnosticsTests/Fixtures/child_row-3.json", "child-b.json"),
        ]
        var paths: [String] = []
        for (source, name) in sources {
            // As `aws stepfunctions get-execution-history` saves them: no executionArn beside the events.
            let data = try Data(contentsOf: PackagePaths.root.appendingPathComponent(source))
            var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            object.removeValue(forKey: "executionArn")
            let url = folder.appendingPathComponent(name)
            try JSONSerialization.data(withJSONObject: object).write(to: url)
            paths.append(url.path)
        }
        let result = try RetraceCommand.run(["analyze", "--width", "400", "--exit-code"] + order.map { paths[$0] })
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("✗ FAILED  \(paths[0])"))
        #expect(result.stdout.contains("› execution child-b.json › LoadRow › attempt 1 of 1 (event\u{A0}#5)"))
        #expect(result.stdout.contains("Its item (execution input): {\"row\":3}."))
        #expect(!result.stdout.contains("child-a.json  "), "a linked child is not a top-level execution")
    }

    // MARK: Other commands

    @Test func graphAndTimelineWriteAFileEachIntoAFolder() throws {
        let folder = try temporaryFolder().appendingPathComponent("pictures")
        let graph = try RetraceCommand.run(["graph", "--format", "dot", "-o", folder.path, "Samples"])
        #expect(graph.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["batch-b-77.dot", "ord-20931.dot", "ord-20977.dot", "render-5521.dot"])
        let dot = try String(contentsOf: folder.appendingPathComponent("batch-b-77.dot"), encoding: .utf8)
        #expect(dot.hasPrefix("digraph"))
        let timelines = try temporaryFolder()
        #expect(try RetraceCommand.run(["timeline", "-o", timelines.path, "Samples"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: timelines.path).count == 4)
        let refused = try RetraceCommand.run(["graph", "-o", "run.svg", "Samples"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("the inputs hold 4 executions or logs; name a folder with -o DIR"))
    }

    @Test func eventsLabelEachExecution() throws {
        let text = try RetraceCommand.run(["events", "--type", "ExecutionFailed", "Samples"])
        #expect(text.stdout.contains("Execution batch-b-77"))
        #expect(text.stdout.contains("Execution ord-20931\nNo event matches."))
        let json = try RetraceCommand.run(["events", "--format", "json", "--type", "ExecutionStarted", "Samples"])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(
            events.compactMap { $0["execution"] as? String } == ["batch-b-77", "ord-20931", "ord-20977", "render-5521"])
    }

    @Test func reenactmentNeedsOneExecution() throws {
        let result = try RetraceCommand.run(["replay", "--at", "3", "Samples"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("re-enactment steps through one execution, and the inputs hold 4"))
    }

    // MARK: Helpers

    /// The history's events cut into `count` pages, oldest first (or newest first, as `--reverse-order` lists
    /// them), every page but the last carrying `nextToken`.
    private func pages(of path: String, count: Int, newestFirst: Bool) throws -> URL {
        let data = try Data(contentsOf: PackagePaths.root.appendingPathComponent(path))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var events = try #require(object["events"] as? [Any])
        if newestFirst { events.reverse() }
        let size = (events.count + count - 1) / count
        let folder = try temporaryFolder()
        for page in 0..<count {
            var document: [String: Any] = [
                "events": Array(events[(page * size)..<min((page + 1) * size, events.count)])
            ]
            if page < count - 1 { document["nextToken"] = "token-\(page)" }
            try JSONSerialization.data(withJSONObject: document).write(
                to: folder.appendingPathComponent("p\(page + 1).json"))
        }
        return folder
    }

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Damaged histories are said, not guessed.
@Suite("Damaged histories, run as a user runs it")
struct DamagedHistoryCommandTests {
    @Test func timestampsRunningBackwardsAreNamedAndNeverNegative() throws {
        let result = try RetraceCommand.run([
            "analyze", "--width", "400", RetraceCommand.fixture("clock_backwards.json"),
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("(#6 before #5, #8 before #7, #14 before #13, #16 before #11, #18 before #17)"))
        #expect(result.stdout.range(of: #"[ (]-\d"#, options: .regularExpression) == nil, "no negative duration")
        let json = try RetraceCommand.run([
            "analyze", "--format", "json", RetraceCommand.fixture("clock_backwards.json"),
        ])
        #expect(!json.stdout.contains("Ms\": -"))
    }

    @Test func theLargestIdThereIsDoesNotTrap() throws {
        let path = try RetraceCommand.temporaryFile(
            """
            {"events": [{"id": 1, "previousEventId": 0, "timestamp": 1, "type": "ExecutionStarted"},
             {"id": 9223372036854775807, "previousEventId": 1, "timestamp": 2, "type": "ExecutionSucceeded"}]}
            """)
        for arguments in [["analyze", path], ["analyze", path, "Samples/order-success.json"], ["events", path]] {
            let result = try RetraceCommand.run(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(!result.stderr.contains("Fatal error"))
        }
        let result = try RetraceCommand.run(["analyze", path])
        #expect(result.stdout.contains("events #2–#9223372036854775806 are missing"))
    }

    @Test func timesAtTheEdgesOfTheRangeDoNotOverflowTotals() throws {
        // 600 visits, each from -9.99e12 s to +9.99e12 s: their sum is past what 64 bits hold.
        var events = [#"{"id": 1, "previousEventId": 0, "timestamp": -9.99e12, "type": "ExecutionStarted"}"#]
        var id = 2
        for _ in 0..<600 {
            events.append(
                #"{"id": \#(id), "previousEventId": \#(id - 1), "timestamp": -9.99e12, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "P"}}"#
            )
            events.append(
                #"{"id": \#(id + 1), "previousEventId": \#(id), "timestamp": 9.99e12, "type": "PassStateExited", "stateExitedEventDetails": {"name": "P"}}"#
            )
            id += 2
        }
        let path = try RetraceCommand.temporaryFile("{\"events\": [\(events.joined(separator: ","))]}")
        for arguments in [
            ["analyze", path], ["analyze", "--format", "json", path], ["analyze", "--format", "markdown", path],
            ["graph", "--format", "dot", path], ["timeline", path],
        ] {
            let result = try RetraceCommand.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
    }

    @Test func aNamePilingUpCombiningMarksIsShownWithAFew() throws {
        let name = "A" + String(repeating: "\u{301}", count: 100_000)
        let path = try RetraceCommand.temporaryFile(
            """
            {"events": [{"id": 1, "previousEventId": 0, "timestamp": 1, "type": "ExecutionStarted"},
             {"id": 2, "previousEventId": 1, "timestamp": 2, "type": "PassStateEntered",
              "stateEnteredEventDetails": {"name": "\(name)"}},
             {"id": 3, "previousEventId": 2, "timestamp": 3, "type": "PassStateExited",
              "stateExitedEventDetails": {"name": "\(name)"}},
             {"id": 4, "previousEventId": 3, "timestamp": 4, "type": "ExecutionSucceeded"}]}
            """)
        for format in ["dot", "svg"] {
            let result = try RetraceCommand.run(["graph", "--format", format, path])
            #expect(result.status == 0)
            #expect(result.stdout.utf8.count < 50_000, "\(format): \(result.stdout.utf8.count) bytes")
        }
        let text = try RetraceCommand.run(["analyze", path])
        #expect(text.stdout.utf8.count < 5_000)
    }

    @Test func markdownStaysInertWhateverTheArnHolds() throws {
        let data = try Data(contentsOf: PackagePaths.root.appendingPathComponent("Samples/order-success.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["executionArn"] = "arn:aws:states:x:1:execution:M:evil\r`\n<img src=x onerror=alert(1)>"
        let path = try RetraceCommand.temporaryFile(
            String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        let result = try RetraceCommand.run(["analyze", "--format", "markdown", path])
        let heading = try #require(result.stdout.split(separator: "\n").first)
        #expect(heading.hasPrefix("## ✓ SUCCEEDED `") && heading.hasSuffix("`"))
        #expect(heading.filter { $0 == "`" }.count == 2, "the code span holds the whole name")
        #expect(!result.stdout.contains("\r"))
    }

    @Test func aPageWithoutEventsIsNamedNotAnalysed() throws {
        let empty = try RetraceCommand.temporaryFile(#"{"events": []}"#)
        let alone = try RetraceCommand.run(["analyze", "--exit-code", empty])
        #expect(alone.status == 2)
        #expect(
            alone.stderr == "retrace: \(empty): expected a Step Functions execution history, but this looks like a "
                + "page with no events (\"events\": [])\n")
        let beside = try RetraceCommand.run([
            "analyze", "--width", "400", empty, RetraceCommand.sample("order-success.json"),
        ])
        #expect(beside.status == 0)
        #expect(beside.stdout.hasPrefix("✓ SUCCEEDED"))
        #expect(beside.stdout.contains("1 page holds no events and was passed over: \(empty)"))
    }

    @Test func aLinkToAMissingEventNamesIt() throws {
        let path = try RetraceCommand.temporaryFile(
            """
            {"events": [
             {"id": 1, "previousEventId": 0, "timestamp": 1714557600, "type": "ExecutionStarted"},
             {"id": 2, "previousEventId": 1, "timestamp": 1714557601, "type": "PassStateEntered",
              "stateEnteredEventDetails": {"name": "A"}},
             {"id": 10000, "previousEventId": 9999, "timestamp": 1714557602, "type": "PassStateExited",
              "stateExitedEventDetails": {"name": "A"}}
            ]}
            """)
        let result = try RetraceCommand.run(["analyze", "--width", "400", path])
        #expect(result.stdout.contains("#10000 → #9999"))
        #expect(result.stdout.contains("events #3–#9999 are missing"))
    }
}
