import Foundation
import RetraceTestSupport
import Testing

@Suite("retrace analyze on deployment logs")
struct AnalyzeLifecycleCommandTests {
    static func fixture(_ name: String) -> String { "Tests/LifecyclesTests/Fixtures/\(name)" }

    @Test(arguments: [
        ("gamelift_fail_validating.json", "FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND", "/local/game/"),
        ("gamelift_fail_building.json", "FLEET_STATE_ERROR", "BUILDING"),
        ("modelarts_fail_scheduling.json", "resource scheduling", "✗ FAILED"),
        ("pcluster_image_build_failed.json", "BUILDING", "/aws/imagebuilder/ParallelClusterImage-"),
    ])
    func failedDeploymentsLeadWithTheRootCause(file: String, fragment: String, other: String) throws {
        let result = try RetraceCommand.run(["analyze", "--exit-code", AnalyzeLifecycleCommandTests.fixture(file)])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("✗ FAILED"))
        #expect(result.stdout.contains("Root cause"))
        #expect(result.stdout.contains(fragment), "\(result.stdout)")
        #expect(result.stdout.contains(other), "\(result.stdout)")
    }

    @Test("a create that failed and was deleted (--on-failure DELETE) fails --exit-code")
    func onFailureDeleteExitsNonZero() throws {
        let result = try RetraceCommand.run([
            "analyze", "--exit-code", AnalyzeLifecycleCommandTests.fixture("cfn_on_failure_delete.json"),
        ])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("✗ FAILED  web"))
        #expect(result.stdout.contains("CREATE → DELETE_COMPLETE: create failed, then deleted (--on-failure DELETE)"))
    }

    /// Deployment logs whose text, JSON and Markdown reports are kept byte for byte, so that a change of wording is
    /// a reviewed diff.
    static let goldenCases: [(files: [String], snapshot: String)] = [
        (["cfn_on_failure_delete.json"], "cfn-on-failure-delete"),
        (["cfn_nested_parent.json", "cfn_nested_child.json"], "cfn-nested"),
        (["cfn_describe_events_update_rollback.json"], "cfn-describe-events"),
        (["gamelift_active_crash_storm.json"], "gamelift-crash-storm"),
        (["modelarts_fail_startup.json"], "modelarts-fail-startup"),
    ]

    @Test(arguments: goldenCases)
    func reportsMatchTheGoldenFiles(files: [String], snapshot: String) throws {
        for (format, suffix) in [("text", "txt"), ("json", "json"), ("markdown", "md")] {
            let result = try RetraceCommand.run(
                ["analyze", "--format", format] + files.map(AnalyzeLifecycleCommandTests.fixture))
            #expect(result.status == 0, "\(result.stderr)")
            Snapshot.expectMatches(result.stdout, named: "\(snapshot).\(suffix)")
        }
    }

    @Test("several deployments at once are a batch, one row each, named by what they are")
    func severalDeploymentsAreABatch() throws {
        let files = [
            "cfn_on_failure_delete.json", "gamelift_two_pages_2.json", "cfn_nested_child.json",
            "gamelift_two_pages_1.json", "cfn_nested_parent.json", "modelarts_fail_startup.json",
        ].map(AnalyzeLifecycleCommandTests.fixture)
        let result = try RetraceCommand.run(["analyze", "--exit-code"] + files)
        #expect(result.status == 1)
        Snapshot.expectMatches(result.stdout, named: "deployments-batch.txt")
        let reversed = try RetraceCommand.run(["analyze", "--exit-code"] + files.reversed())
        #expect(reversed.stdout == result.stdout, "the order of the files changes nothing")
    }

    @Test func nestedStackFollowedWhenGiven() throws {
        let result = try RetraceCommand.run([
            "analyze", AnalyzeLifecycleCommandTests.fixture("cfn_nested_parent.json"),
            AnalyzeLifecycleCommandTests.fixture("cfn_nested_child.json"),
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  where  app › Network › PublicSubnet"))
        #expect(result.stdout.contains("HandlerErrorCode") || result.stdout.contains("InvalidRequest"))
    }

    @Test func secretsNeverReachAnyOutput() throws {
        let file = AnalyzeLifecycleCommandTests.fixture("gamelift_hostile_presigned_url.json")
        for format in ["text", "json", "markdown"] {
            let result = try RetraceCommand.run(["analyze", "-f", format, file])
            #expect(result.status == 0)
            #expect(!result.stdout.contains("HOSTILESIG"), "\(format) leaks the signature")
            #expect(!result.stdout.contains("ASIA"), "\(format) leaks a credential")
            #expect(result.stdout.contains("REDACTED") || format == "markdown")
        }
    }

    @Test func sourceOverrideAndMismatch() throws {
        let gamelift = AnalyzeLifecycleCommandTests.fixture("gamelift_active_crashes.json")
        #expect(try RetraceCommand.run(["analyze", "--source", "gamelift", gamelift]).status == 0)
        let wrong = try RetraceCommand.run(["analyze", "--source", "modelarts", gamelift])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.hasPrefix("retrace: \(gamelift)"))
        let history = try RetraceCommand.run(["analyze", "--source", "stepfunctions", gamelift])
        #expect(history.status == 2)
        #expect(history.stderr.contains("looks like GameLift fleet events"))
    }

    @Test func jsonHasTheLifecycleShape() throws {
        let result = try RetraceCommand.run([
            "analyze", "-f", "json", AnalyzeLifecycleCommandTests.fixture("gamelift_fail_activating.json"),
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "lifecycle")
        #expect(object["source"] as? String == "gamelift")
        let instances = try #require(object["instances"] as? [[String: Any]])
        let fleet = try #require(instances.first)
        #expect(fleet["status"] as? String == "failed")
        let path = try #require(fleet["path"] as? [[String: Any]])
        #expect(path.compactMap { $0["state"] as? String }.contains("ACTIVATING"))
        let diagnosis = try #require(object["diagnosis"] as? [String: Any])
        #expect(diagnosis["outcome"] as? String == "failed")
    }

    @Test(
        "every corpus deployment log analyses in every format",
        .enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
    func corpus() throws {
        for folder in ["gamelift", "cloudformation", "modelarts"] {
            let directory = Corpus.directory.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
            where name.hasSuffix(".json") {
                for format in ["text", "json", "markdown"] {
                    let result = try RetraceCommand.run([
                        "analyze", "-f", format, directory.appendingPathComponent(name).path,
                    ])
                    #expect(result.status == 0, "\(folder)/\(name) \(format): \(result.stderr)")
                    #expect(!result.stdout.isEmpty)
                }
            }
        }
    }
}

@Suite("retrace graph and timeline on deployment logs")
struct LifecycleGraphCommandTests {
    @Test func graphDrawsTheFleetAndMarksTheFailure() throws {
        let result = try RetraceCommand.run([
            "graph", "--format", "dot", AnalyzeLifecycleCommandTests.fixture("gamelift_fail_validating.json"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("digraph \"lifecycles\""))
        #expect(
            result.stdout.contains(
                "root cause: Fleet fleet-2f3a1b0c-1111-4a5b-9c8d-0123456789ab failed while VALIDATING"))
        #expect(result.stdout.contains("\"l0_VALIDATING\" -> \"l0_ERROR\""))
    }

    @Test("several deployments are drawn one file each, named by what they are")
    func graphsNamedByDeployment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "retrace-graphs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try RetraceCommand.run([
            "graph", "--format", "dot", "-o", folder.path,
            AnalyzeLifecycleCommandTests.fixture("cfn_on_failure_delete.json"),
            AnalyzeLifecycleCommandTests.fixture("gamelift_fail_building.json"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["fleet-7b1e2d3c-2222-4c5d-8e9f-abcdef012345.dot", "web.dot"])
        let web = try String(contentsOf: folder.appendingPathComponent("web.dot"), encoding: .utf8)
        #expect(web.contains("CREATE → DELETE_COMPLETE: create failed, then deleted (--on-failure DELETE)"))
        #expect(web.contains("AlreadyExists"), "the failure node carries the error")
    }

    @Test func timelineHasSwimlanes() throws {
        let path = try RetraceCommand.temporaryFile("", name: "timeline.svg")
        let result = try RetraceCommand.run([
            "timeline", AnalyzeLifecycleCommandTests.fixture("cfn_update_rollback_failed.json"), "-o", path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
        #expect(svg.contains("class=\"lane\""))
    }
}
