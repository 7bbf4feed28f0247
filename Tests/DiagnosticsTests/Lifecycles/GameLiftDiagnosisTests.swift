import Diagnostics
import Lifecycles
import RetraceCore
import RetraceTestSupport
import Testing

@Suite("GameLift diagnosis")
struct GameLiftDiagnosisTests {
    @Test(
        "the failure that led to ERROR is the root cause, with the phase and a remedy",
        arguments: [
            (
                "gamelift_fail_validating.json", "VALIDATING", "FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND", "e-105",
                "/local/game"
            ),
            ("gamelift_fail_building.json", "BUILDING", "FLEET_CREATION_FAILED_INSTALLER", "b-6", "line endings"),
            (
                "gamelift_fail_activating.json", "ACTIVATING", "SERVER_PROCESS_SDK_INITIALIZATION_TIMEOUT", "a-6",
                "5 minutes"
            ),
            (
                "gamelift_two_pages_1.json|gamelift_two_pages_2.json", "BUILDING",
                "FLEET_ACTIVATION_FAILED_NO_INSTANCES", "p-5",
                "instance type"
            ),
        ])
    func failedFleet(fixtures: String, phase: String, code: String, evidence: String, remedyMentions: String) throws {
        let names = fixtures.split(separator: "|").map(String.init)
        let paths = names.map { LifecycleTestData.fixtures.appendingPathComponent($0).path }
        let run = LifecycleRun(log: try LifecycleDecoder().decode(paths: paths))
        let diagnosis = LifecycleDiagnoser.diagnose(run)
        #expect(diagnosis.outcome == .failed)
        let root = try #require(diagnosis.rootCause)
        #expect(root.severity == .error)
        #expect(root.code.rawValue == "gamelift-fleet-error")
        #expect(root.error == code)
        #expect(root.evidence.first == evidence)
        #expect(root.location.last == .phase(phase))
        #expect(root.location.first == .resource(run.instances[0].name))
        #expect(root.remedy?.contains(remedyMentions) == true)
        #expect(root.explanation.contains("FLEET_STATE_ERROR"))
    }

    @Test("a specific failure wins over the generic one that follows it")
    func specificOverGeneric() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(fixtures: "gamelift_fail_activating.json")
        let root = try #require(diagnosis.rootCause)
        #expect(root.error == "SERVER_PROCESS_SDK_INITIALIZATION_TIMEOUT")
        #expect(root.evidence.contains("a-8"), "the generic FLEET_ACTIVATION_FAILED is cited as evidence")
        #expect(!diagnosis.findings.contains { $0.code.rawValue == "gamelift-failure-event" && $0.evidence == ["a-8"] })
    }

    @Test("an ERROR with no failure event before it is still named")
    func bareError() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(
            text:
                #"{"Events": [{"EventId": "2", "ResourceId": "fleet-x", "EventCode": "FLEET_STATE_ERROR", "EventTime": 20}, {"EventId": "1", "ResourceId": "fleet-x", "EventCode": "FLEET_STATE_ACTIVATING", "EventTime": 10}]}"#
        )
        let root = try #require(diagnosis.rootCause)
        #expect(root.error == "FLEET_STATE_ERROR")
        #expect(root.title.contains("ACTIVATING"))
        #expect(root.remedy?.contains("describe-fleet-events") == true)
    }

    @Test("crashes on an ACTIVE fleet are counted, with the Count field")
    func activeFleetHealth() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(fixtures: "gamelift_active_crashes.json")
        #expect(diagnosis.outcome == .succeeded)
        #expect(diagnosis.rootCause == nil)
        let crashes = try #require(diagnosis.findings.first { $0.error == "SERVER_PROCESS_CRASHED" })
        #expect(crashes.severity == .warning)
        #expect(crashes.title.hasPrefix("7×"), "1 + 5 (Count) + 1")
        #expect(crashes.evidence == ["c-09", "c-10", "c-12"])
        let unhealthy = try #require(diagnosis.findings.first { $0.error == "SERVER_PROCESS_TERMINATED_UNHEALTHY" })
        #expect(unhealthy.title.hasPrefix("2×"))
        #expect(diagnosis.findings.first { $0.error == "INSTANCE_INTERRUPTED" }?.severity == .info)
        let unknown = try #require(diagnosis.findings.first { $0.code.rawValue == "lifecycle-unknown-event" })
        #expect(unknown.error == "FLEET_BRAND_NEW_CODE")
        #expect(diagnosis.findings.first?.severity == .warning, "findings are sorted by severity")
    }

    @Test("a hostile pre-signed URL leaves no secret in any finding")
    func hostileURL() throws {
        let (run, diagnosis) = try LifecycleTestData.diagnose(fixtures: "gamelift_hostile_presigned_url.json")
        // The secrets are in the input...
        let event = try #require(run.event("h-4"))
        #expect(event.preSignedLogURL?.contains("HOSTILESIG1") == true)
        // ...and nowhere in the diagnosis.
        let text = LifecycleTestData.allText(diagnosis)
        for secret in [
            "HOSTILETOKEN1", "HOSTILETOKEN2", "AKIAHOSTILECRED1", "AKIAHOSTILECRED2", "HOSTILESIG1", "HOSTILESIG2",
            "HOSTILESIG3",
        ] {
            #expect(!text.contains(secret), "\(secret) leaked")
        }
        #expect(diagnosis.rootCause?.error == "FLEET_VALIDATION_EXECUTABLE_RUNTIME_FAILURE")
        let log = try #require(diagnosis.findings.first { $0.code.rawValue == "gamelift-event-log" })
        #expect(log.explanation.contains("2024-05-06T10:15:05.000Z"), "X-Amz-Date 10:00:05 + 900 s")
        #expect(log.cause?.contains("REDACTED") == true)
        #expect(log.cause?.contains("X-Amz-Date=20240506T100005Z") == true, "harmless parameters stay")
        #expect(log.remedy?.contains("describe-fleet-events --fleet-id fleet-6f708192") == true)
        #expect(log.remedy?.contains("get-game-session-log-url") == true)
        #expect(log.remedy?.contains("14 days") == true)
    }

    @Test(
        "the corpus example: ACTIVE, an old validation failure, and its log link",
        .enabled(if: LifecycleTestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)))
    func corpus() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(
            corpus: "gamelift", "awscli_example_describe_fleet_events.json")
        #expect(diagnosis.outcome == .succeeded)
        #expect(diagnosis.rootCause == nil)
        let old = try #require(diagnosis.findings.first { $0.code.rawValue == "gamelift-failure-event" })
        #expect(old.error == "FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND")
        let log = try #require(diagnosis.findings.first { $0.code.rawValue == "gamelift-event-log" })
        #expect(log.explanation.contains("2017-06-21T23:33:08.000Z"))
        let text = LifecycleTestData.allText(diagnosis)
        #expect(!text.contains("wJalrXUtnFEMI"))
        #expect(!text.contains("AKIAIOSFODNN7EXAMPLE"))
        #expect(!text.contains("IQoJb3JpZ2luX2VjEB8a"))
    }
}
