import Lifecycles
import RetraceCore
import RetraceTestSupport
import Testing

@Suite("GameLift fleets")
struct GameLiftModelTests {
    /// The `EventCode` values of the GameLift API (2015-10-01) as its model lists them.
    static let apiEventCodes: Set<String> = [
        "GENERIC_EVENT", "FLEET_CREATED", "FLEET_DELETED", "FLEET_EXPIRED", "FLEET_SCALING_EVENT",
        "FLEET_STATE_DOWNLOADING", "FLEET_STATE_VALIDATING", "FLEET_STATE_BUILDING", "FLEET_STATE_ACTIVATING",
        "FLEET_STATE_ACTIVE", "FLEET_STATE_ERROR", "FLEET_STATE_PENDING", "FLEET_STATE_CREATING", "FLEET_STATE_CREATED",
        "FLEET_STATE_UPDATING", "FLEET_INITIALIZATION_FAILED", "FLEET_BINARY_DOWNLOAD_FAILED",
        "FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND", "FLEET_VALIDATION_EXECUTABLE_RUNTIME_FAILURE",
        "FLEET_VALIDATION_TIMED_OUT", "FLEET_ACTIVATION_FAILED", "FLEET_ACTIVATION_FAILED_NO_INSTANCES",
        "FLEET_NEW_GAME_SESSION_PROTECTION_POLICY_UPDATED", "SERVER_PROCESS_INVALID_PATH",
        "SERVER_PROCESS_SDK_INITIALIZATION_TIMEOUT", "SERVER_PROCESS_PROCESS_READY_TIMEOUT", "SERVER_PROCESS_CRASHED",
        "SERVER_PROCESS_TERMINATED_UNHEALTHY", "SERVER_PROCESS_FORCE_TERMINATED", "SERVER_PROCESS_PROCESS_EXIT_TIMEOUT",
        "SERVER_PROCESS_SDK_INITIALIZATION_FAILED", "SERVER_PROCESS_MISCONFIGURED_CONTAINER_PORT",
        "GAME_SESSION_ACTIVATION_TIMEOUT", "FLEET_CREATION_EXTRACTING_BUILD", "FLEET_CREATION_RUNNING_INSTALLER",
        "FLEET_CREATION_VALIDATING_RUNTIME_CONFIG", "FLEET_VPC_PEERING_SUCCEEDED", "FLEET_VPC_PEERING_FAILED",
        "FLEET_VPC_PEERING_DELETED", "INSTANCE_INTERRUPTED", "INSTANCE_RECYCLED", "INSTANCE_REPLACED_UNHEALTHY",
        "FLEET_CREATION_COMPLETED_INSTALLER", "FLEET_CREATION_FAILED_INSTALLER", "COMPUTE_LOG_UPLOAD_FAILED",
        "GAME_SERVER_CONTAINER_GROUP_CRASHED", "PER_INSTANCE_CONTAINER_GROUP_CRASHED",
        "GAME_SERVER_CONTAINER_GROUP_REPLACED_UNHEALTHY", "LOCATION_STATE_PENDING", "LOCATION_STATE_CREATING",
        "LOCATION_STATE_CREATED", "LOCATION_STATE_ACTIVATING", "LOCATION_STATE_ACTIVE", "LOCATION_STATE_UPDATING",
        "LOCATION_STATE_ERROR", "LOCATION_STATE_DELETING", "LOCATION_STATE_DELETED",
    ]

    @Test("the catalogue holds every event code of the API, once, each with a meaning")
    func catalogue() {
        let codes = GameLiftEventCode.all.map(\.code)
        #expect(Set(codes) == GameLiftModelTests.apiEventCodes)
        #expect(codes.count == Set(codes).count)
        for entry in GameLiftEventCode.all {
            #expect(entry.meaning.count > 20, "\(entry.code)")
            #expect(GameLiftEventCode.entry(for: entry.code) == entry)
        }
        #expect(GameLiftEventCode.entry(for: "NOT_A_CODE") == nil)
    }

    @Test(
        "failed fleets go to ERROR from the phase they failed in",
        arguments: [
            ("gamelift_fail_validating.json", ["NEW", "DOWNLOADING", "VALIDATING", "ERROR"]),
            ("gamelift_fail_building.json", ["NEW", "DOWNLOADING", "VALIDATING", "BUILDING", "ERROR"]),
            ("gamelift_fail_activating.json", ["NEW", "DOWNLOADING", "VALIDATING", "BUILDING", "ACTIVATING", "ERROR"]),
        ])
    func failedPaths(fixture: String, path: [String]) throws {
        let run = try TestData.run(fixtures: fixture)
        let fleet = try #require(run.instances.first)
        #expect(run.instances.count == 1)
        #expect(fleet.kind == "fleet")
        #expect(fleet.statePath == path)
        #expect(fleet.status == .failed)
        #expect(fleet.anomalies.isEmpty)
        // Every transition carries its evidence and time.
        for transition in fleet.transitions {
            #expect(run.event(transition.eventID)?.code == transition.trigger)
            #expect(transition.time != nil)
        }
        #expect(run.operations.count == 1)
        #expect(run.operations[0].eventIDs.count == run.events.count)
    }

    @Test("an ACTIVE fleet with a location, crashes and an unknown code")
    func activeFleet() throws {
        let run = try TestData.run(fixtures: "gamelift_active_crashes.json")
        let fleet = try #require(run.instances.first { $0.kind == "fleet" })
        #expect(fleet.state == "ACTIVE")
        let location = try #require(run.instances.first { $0.kind == "location" })
        #expect(location.name == "us-west-2")
        #expect(location.parentKey == fleet.key)
        #expect(location.statePath == ["NEW", "ACTIVATING", "ACTIVE"])
        // Crashes do not move the fleet; they are observations of its ACTIVE state.
        #expect(fleet.observations.contains("c-09"))
        #expect(fleet.anomalies.map(\.kind) == [.unknownTrigger])
        #expect(run.event("c-15")?.code == "FLEET_BRAND_NEW_CODE")
        #expect(run.event("c-10")?.count == 5)
    }

    @Test(
        "locations are read from the message",
        arguments: [
            ("Location us-west-2 changed state to ACTIVE", "us-west-2"),
            ("Fleet fleet-1 location ap-northeast-1 is now ACTIVATING", "ap-northeast-1"),
            ("Location custom-home-office changed", "custom-home-office"),
            ("State changed to ACTIVE", nil),
        ] as [(String, String?)])
    func locations(message: String, expected: String?) {
        let event = LifecycleEvent(
            id: "e", time: nil, code: "LOCATION_STATE_ACTIVE", resource: "fleet-1", message: message, file: "t",
            source: .gameLift)
        #expect(GameLiftFleetModel.location(of: event) == expected)
    }

    @Test(
        "the corpus example starts mid-way and ends ACTIVE",
        .enabled(if: TestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)))
    func corpus() throws {
        let log = try LifecycleDecoder().decode(paths: [
            TestData.corpusPath("gamelift", "awscli_example_describe_fleet_events.json")
        ])
        let run = LifecycleRun(log: log)
        let fleet = try #require(run.instances.first)
        #expect(fleet.startsMidway)
        #expect(fleet.statePath == ["VALIDATING", "BUILDING", "ACTIVATING", "ACTIVE"])
        #expect(run.anomalies.isEmpty)
        #expect(log.events.first?.code == "FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND", "the oldest event comes first")
        #expect(log.events.first?.preSignedLogURL?.contains("X-Amz-Signature") == true, "kept as recorded")
    }
}
