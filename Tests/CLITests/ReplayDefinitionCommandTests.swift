import Foundation
import RetraceTestSupport
import Testing

/// `retrace replay --definition` as CI runs it: the report in text, JSON and Markdown (golden files), the flags
/// that make no sense together refused before anything is read, and one definition loader shared with `graph`.
@Suite("retrace replay --definition: reports, flags and the definition loader")
struct ReplayDefinitionCommandTests {
    static let history = "Tests/ReplayTests/Fixtures/redriven.json"
    static let agreeing = "Tests/ReplayTests/Fixtures/redriven.asl.json"
    static let changed = "Tests/ReplayTests/Fixtures/redriven-changed.asl.json"

    @Test(arguments: [("text", "txt"), ("json", "json"), ("markdown", "md")])
    func theReportOfEveryDivergenceMatchesItsGoldenFile(format: String, suffix: String) throws {
        let result = try RetraceCommand.run([
            "replay", Self.history, "--definition", Self.changed, "--all", "--format", format,
        ])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        Snapshot.expectMatches(result.stdout, named: "replay-redriven-changed.\(suffix)")
    }

    @Test(arguments: [("text", "txt"), ("json", "json"), ("markdown", "md")])
    func theReportOfATimedOutExecutionListsWhatWasNotCompared(format: String, suffix: String) throws {
        let result = try RetraceCommand.run([
            "replay", "Tests/ReplayTests/Fixtures/timed-out.json", "--definition",
            "Tests/ReplayTests/Fixtures/timed-out.asl.json", "--all", "--format", format,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        Snapshot.expectMatches(result.stdout, named: "replay-timed-out.\(suffix)")
    }

    @Test func theJSONReportOfAnAgreeingDefinitionSaysSoAndCountsTheVisits() throws {
        let result = try RetraceCommand.run([
            "replay", Self.history, "--definition", Self.agreeing, "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1)
        #expect(document["kind"] as? String == "replay")
        #expect(document["agrees"] as? Bool == true)
        let execution = try #require((document["executions"] as? [[String: Any]])?.first)
        let visits = try #require(execution["visits"] as? [String: Int])
        #expect(visits == ["recorded": 5, "compared": 5, "notCompared": 0])
        #expect((execution["divergences"] as? [Any])?.isEmpty == true)
    }

    @Test func distributedMapChildrenGivenWithTheParentAreReplayedWithIt() throws {
        let folder = "Tests/ReplayTests/Fixtures/"
        let files = ["rows-child-2.json", "rows-parent.json", "rows-child-1.json", "rows-child-3.json"].map {
            folder + $0
        }
        let result = try RetraceCommand.run(["replay"] + files + ["--definition", folder + "rows.asl.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("✓ The definition agrees with the history: 4 state visits compared"))
        let changed = try RetraceCommand.temporaryFile(
            try String(
                contentsOfFile: PackagePaths.root.appendingPathComponent(folder + "rows.asl.json").path, encoding: .utf8
            )
            .replacingOccurrences(of: "\"ToleratedFailureCount\": 1,", with: ""),
            name: "rows.asl.json")
        let diverged = try RetraceCommand.run(["replay"] + files + ["--definition", changed, "--format", "json"])
        #expect(diverged.status == 1)
        #expect(diverged.stdout.contains(#""check": "map-limits""#))
    }

    @Test func aBundleWithItsChildrenIsReplayedWithThemAndWithoutDefinitionFlag() throws {
        // What `retrace fetch --children failed` writes: the parent, the definition it ran with, and the failed
        // child only.
        let folder = PackagePaths.root.appendingPathComponent("Tests/ReplayTests/Fixtures")
        func document(_ name: String) throws -> [String: Any] {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        var bundle = try document("rows-parent.json")
        bundle["stateMachine"] = [
            "definition": try String(contentsOf: folder.appendingPathComponent("rows.asl.json"), encoding: .utf8)
        ]
        var child = try document("rows-child-2.json")
        child["mapRunArn"] = "arn:aws:states:eu-west-1:123456789012:mapRun:Rows/Each:5f0c"
        bundle["children"] = [child]
        // `retraceBundle` first, as fetch writes it, so that replay tells a bundle from its first bytes.
        var text = String(
            decoding: try JSONSerialization.data(withJSONObject: bundle, options: .sortedKeys), as: UTF8.self)
        text = "{\"retraceBundle\":1," + text.dropFirst()
        let path = try RetraceCommand.temporaryFile(text, name: "run-1.json")
        let result = try RetraceCommand.run(["replay", path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let execution = try #require((report["executions"] as? [[String: Any]])?.first)
        #expect(execution["visits"] as? [String: Int] == ["recorded": 2, "compared": 2, "notCompared": 0])
        #expect(result.stdout.contains("1 of the 3 child executions were given; the others were not replayed"))
    }

    @Test func aYAMLDefinitionIsReadByGraphAsByReplay() throws {
        let yaml = """
            StartAt: Prepare
            States:
              Prepare: {Type: Pass, Result: true, ResultPath: $.prepared, Next: Ship}
              Ship:
                Type: Task
                Resource: arn:aws:states:::lambda:invoke
                Parameters: {FunctionName: ship, Payload: {order.$: $.order, redrive.$: $$.Execution.RedriveCount}}
                ResultPath: $.shipment
                Next: Settle
              Settle: {Type: Wait, Seconds: 5, Next: Done}
              Done: {Type: Succeed}
              NeverEntered: {Type: Pass, End: true}
            """
        let path = try RetraceCommand.temporaryFile(yaml, name: "machine.yaml")
        let graph = try RetraceCommand.run(["graph", Self.history, "--definition", path, "-f", "dot"])
        #expect(graph.status == 0, "\(graph.stderr)")
        #expect(graph.stdout.contains("NeverEntered"), "the state never entered is drawn from the YAML definition")
        let replay = try RetraceCommand.run(["replay", Self.history, "--definition", path])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.hasPrefix("✓ The definition agrees with the history: 5 state visits compared"))
    }

    @Test func graphAndReplayRefuseTheSameInvalidExpression() throws {
        let text = try String(
            contentsOfFile: PackagePaths.root.appendingPathComponent(Self.agreeing).path, encoding: .utf8)
        let broken = try RetraceCommand.temporaryFile(
            text.replacingOccurrences(of: "\"$.order\"", with: "\"$.order[\""), name: "broken.asl.json")
        for command in ["graph", "replay"] {
            let result = try RetraceCommand.run([command, Self.history, "--definition", broken])
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr.hasPrefix("retrace: \(broken):"), "\(command): \(result.stderr)")
            #expect(
                result.stderr.contains(
                    #"States.Ship.Parameters.Payload["order.$"]: The JSONPath '$.order[' is not valid"#),
                "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
    }

    @Test(arguments: [
        (["--definition", agreeing, "--at", "3"], "--at re-enacts the history and --definition replays"),
        (["--definition", agreeing, "--speed", "2"], "--speed re-enacts the history and --definition replays"),
        (["--definition", agreeing, "--step"], "--step re-enacts the history and --definition replays"),
        (["--at", "3", "--speed", "2"], "--at shows one moment and --speed steps through every event"),
        (["--at", "3", "--step"], "--at shows one moment and --step steps through every event"),
        (["--input", agreeing], "--input needs --definition"),
        (["--all"], "--all needs --definition"),
        (["--format", "json"], "--format needs --definition"),
        (["--all", "--step"], "--all is for replaying a definition and --step re-enacts the history"),
    ])
    func meaninglessFlagCombinationsAreRefusedNamingBothFlags(flags: [String], message: String) throws {
        let result = try RetraceCommand.run(["replay", Self.history] + flags)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
