import Diagnostics
import Foundation
import Lifecycles
import RetraceCore
import Testing

/// The unit of every answer is the deployment, never the file: deployments given together are answered
/// separately, pages and nested stacks of one deployment are joined, and files' order never changes an answer.
@Suite("Deployments told apart by content")
struct DeploymentIdentityTests {
    private func paths(_ names: String...) -> [String] {
        names.map { LifecycleTestData.fixtures.appendingPathComponent($0).path }
    }

    /// Each deployment's identity, outcome, verdict and root cause, in a comparable form.
    private func answers(_ set: LogSet) throws -> [String] {
        try set.deployments.map { deployment in
            let analyzed = try set.analyze(deployment)
            let diagnosis = analyzed.diagnosis
            return [
                deployment.log.identity ?? "-", diagnosis.outcome.rawValue, diagnosis.verdict?.summary ?? "-",
                diagnosis.rootCause?.location.pathDescription ?? "-", String(analyzed.run.events.count),
            ].joined(separator: " | ")
        }.sorted()
    }

    @Test("two stacks given together are two deployments, whatever the order of the files")
    func twoStacks() throws {
        let one = try LogSet.load(paths("cfn_on_failure_delete.json", "cfn_describe_events_update_rollback.json"))
        let other = try LogSet.load(paths("cfn_describe_events_update_rollback.json", "cfn_on_failure_delete.json"))
        #expect(one.deployments.count == 2)
        #expect(one.count == 2)
        #expect(Set(one.deployments.compactMap(\.log.identity)) == ["web", "orders-api"])
        #expect(try answers(one) == answers(other))
        #expect(
            try answers(one) == [
                "orders-api | failed | update failed, rolled back | orders-api › Handler | 12",
                "web | failed | create failed, then deleted (--on-failure DELETE) | web › Assets | 11",
            ])
    }

    @Test("a nested stack's events join its parent's, in either order")
    func nestedJoined() throws {
        for order in [
            paths("cfn_nested_parent.json", "cfn_nested_child.json"),
            paths("cfn_nested_child.json", "cfn_nested_parent.json"),
        ] {
            let set = try LogSet.load(order)
            #expect(set.deployments.count == 1)
            #expect(set.deployments.first?.log.identity == "app")
            #expect(
                try answers(set) == [
                    "app | failed | create failed, rolled back | app › Network › PublicSubnet | 26"
                ])
        }
    }

    @Test("pages of one fleet in two files are one deployment; two fleets are two; three services in one call")
    func fleetsAndServices() throws {
        let pages = try LogSet.load(paths("gamelift_two_pages_2.json", "gamelift_two_pages_1.json"))
        #expect(pages.deployments.map(\.log.identity) == ["fleet-5e6f7081-5555-4f60-9b1c-def012345678"])
        let fleets = try LogSet.load(
            paths("gamelift_fail_activating.json", "gamelift_active_crash_storm.json", "gamelift_two_pages_1.json"))
        #expect(fleets.deployments.count == 3)
        #expect(
            try answers(fleets).map { $0.split(separator: "|").prefix(3).joined(separator: "|") } == [
                "fleet-3c4d5e6f-3333-4d5e-9f0a-bcdef0123456 | failed | failed while ACTIVATING ",
                "fleet-5e6f7081-5555-4f60-9b1c-def012345678 | failed | failed while BUILDING ",
                "fleet-9a8b7c6d-1234-4f5e-8a9b-0c1d2e3f4a5b | succeeded | active, degraded ",
            ])
        let mixed = try LogSet.load(
            paths("modelarts_fail_startup.json", "cfn_on_failure_delete.json", "modelarts_fail_scheduling.json"))
        #expect(mixed.deployments.compactMap(\.log.identity).sorted() == ["bert-svc", "resnet-svc", "web"])
    }

    @Test("a fleet split over two files in one document each, mixed with another fleet's page: joined by content")
    func splitPagesAmongOthers() throws {
        let set = try LogSet.load(
            paths("gamelift_two_pages_1.json", "gamelift_fail_validating.json", "gamelift_two_pages_2.json"))
        #expect(set.deployments.count == 2)
        let joined = try #require(
            set.deployments.first { $0.log.identity == "fleet-5e6f7081-5555-4f60-9b1c-def012345678" })
        #expect(joined.names.count == 2)
        let alone = try LogSet.load(paths("gamelift_two_pages_1.json", "gamelift_two_pages_2.json"))
        #expect(try answers(alone) == answers(set).filter { $0.hasPrefix("fleet-5e6f7081") })
    }
}

/// A stack's failed `AWS::GameLift::Fleet` resource and that fleet's own events, given together.
@Suite("The chain across services")
struct DeploymentChainTests {
    private func paths(_ names: String...) -> [String] {
        names.map { LifecycleTestData.fixtures.appendingPathComponent($0).path }
    }

    @Test("the stack's NotStabilized continues into the fleet's failure, in either order")
    func stackIntoFleet() throws {
        for order in [
            paths("cfn_gamelift_fleet_not_stabilized.json", "gamelift_fleet_of_stack_game.json"),
            paths("gamelift_fleet_of_stack_game.json", "cfn_gamelift_fleet_not_stabilized.json"),
        ] {
            let set = try LogSet.load(order)
            #expect(set.deployments.count == 1, "the fleet is answered with the stack that created it")
            let deployment = try #require(set.deployments.first)
            #expect(deployment.log.identity == "game")
            #expect(deployment.linked.map(\.identity) == ["fleet-0f1e2d3c-7777-4a5b-9c8d-fedcba987654"])
            let diagnosis = try set.analyze(deployment).diagnosis
            #expect(diagnosis.outcome == .failed)
            let root = try #require(diagnosis.rootCause)
            #expect(root.code == .gameLiftFleetError)
            #expect(root.error == "SERVER_PROCESS_INVALID_PATH")
            #expect(
                root.location == [
                    .resource("game"), .resource("Fleet"), .resource("fleet-0f1e2d3c-7777-4a5b-9c8d-fedcba987654"),
                    .phase("ACTIVATING"),
                ])
            #expect(root.explanation.hasPrefix("Fleet (AWS::GameLift::Fleet) failed in the stack with NotStabilized"))
            #expect(root.evidence.contains("g-6"))
            let seen = try #require(diagnosis.findings.first { $0.title.hasPrefix("The stack saw:") })
            #expect(seen.severity == .warning)
            #expect(seen.error == "NotStabilized")
        }
    }

    @Test("without the fleet's events, the stack's own root cause stands")
    func stackAlone() throws {
        let set = try LogSet.load(paths("cfn_gamelift_fleet_not_stabilized.json"))
        let diagnosis = try set.analyze(try #require(set.deployments.first)).diagnosis
        #expect(diagnosis.rootCause?.error == "NotStabilized")
    }

    @Test("a fleet no stack given created stays a deployment of its own")
    func unrelatedFleet() throws {
        let set = try LogSet.load(paths("cfn_gamelift_fleet_not_stabilized.json", "gamelift_fail_activating.json"))
        #expect(set.deployments.count == 2)
        #expect(set.deployments.allSatisfy { $0.linked.isEmpty })
    }
}
