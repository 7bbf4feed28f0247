import Diagnostics
import Lifecycles
import RetraceCore
import RetraceTestSupport
import Testing

/// Verdicts in each service's words, and every lifecycle's status, on fixtures and on the real logs of the corpus.
@Suite("Deployment verdicts")
struct DeploymentVerdictTests {
    @Test("an ACTIVE fleet whose server processes crash is active, degraded, with the count and the rate")
    func crashStorm() throws {
        let (run, diagnosis) = try LifecycleTestData.diagnose(fixtures: "gamelift_active_crash_storm.json")
        #expect(diagnosis.outcome == .succeeded, "the fleet is ACTIVE: --exit-code does not fail on it")
        #expect(diagnosis.rootCause == nil)
        let verdict = try #require(diagnosis.verdict)
        #expect(verdict.status == "ACTIVE")
        #expect(verdict.isDegraded)
        #expect(verdict.summary == "active, degraded")
        #expect(verdict.detail == "59 server-process crashes in 2 h (30 an hour)")
        #expect(run.instances.first?.state == "ACTIVE")
        let health = try #require(diagnosis.findings.first { $0.code == .gameLiftFleetHealth })
        #expect(health.title == "59× SERVER_PROCESS_CRASHED on ACTIVE fleet fleet-9a8b7c6d-1234-4f5e-8a9b-0c1d2e3f4a5b")
        #expect(health.explanation.contains("Counted 59 times in 21 events"))
    }

    @Test("an ACTIVE fleet without crashes is just active; one that failed names the phase")
    func fleetVerdicts() throws {
        let (_, failed) = try LifecycleTestData.diagnose(fixtures: "gamelift_fail_activating.json")
        #expect(
            failed.verdict
                == ServiceVerdict(status: "ERROR", operation: "ACTIVATING", summary: "failed while ACTIVATING"))
        let (_, crashes) = try LifecycleTestData.diagnose(fixtures: "gamelift_active_crashes.json")
        #expect(crashes.verdict?.isDegraded == true)
        #expect(crashes.verdict?.detail?.hasPrefix("9 server-process crashes in 2 h 34 m") == true)
    }

    @Test(
        "ModelArts: the service status and the phase reached",
        arguments: [
            ("modelarts_fail_scheduling.json", "FAILED", "resource scheduling", "failed in resource scheduling"),
            ("modelarts_fail_startup.json", "FAILED", "model startup", "failed in model startup"),
        ])
    func modelArts(fixture: String, status: String, phase: String, summary: String) throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(fixtures: fixture)
        #expect(diagnosis.verdict == ServiceVerdict(status: status, operation: phase, summary: summary))
    }

    /// Folder, file, outcome, verdict status and summary, root-cause code, and every lifecycle's name and status.
    static let corpus:
        [(String, String, RunOutcome, String, String, Finding.Code?, [(String, MachineInstance.Status)])] = [
            (
                "cloudformation", "awscli_example_describe_stack_events_update_complete.json", .succeeded,
                "UPDATE_COMPLETE", "updated", nil, [("my-stack", .succeeded)]
            ),
            (
                "cloudformation", "awsdocs_cfn_user_guide_describe_stack_events_create_complete.json", .succeeded,
                "CREATE_COMPLETE", "created", nil, [("myteststack", .succeeded), ("S3Bucket", .succeeded)]
            ),
            (
                "cloudformation", "ls_cfn_blocked_stack_deletion.json", .succeeded, "DELETE_COMPLETE", "deleted", nil,
                [("<stack-name:1>", .succeeded), ("BrokenPolicy", .succeeded)]
            ),
            (
                "cloudformation", "ls_cfn_invalid_getatt_fails_rollback.json", .failed, "ROLLBACK_COMPLETE",
                "create failed, rolled back", .stackFailed, [("<stack-name:1>", .failed)]
            ),
            (
                "cloudformation", "ls_cfn_invalid_stack_deploy_single_failed_event.json", .failed, "UNKNOWN",
                "create failed (the stack's own events are not in the log)", .stackResourceFailed,
                [("<stack-name:1>", .notStarted), ("MyParameter", .failed)]
            ),
            (
                "cloudformation", "ls_cfn_list_events_after_deployment_sorted_oldest_first.json", .succeeded,
                "CREATE_COMPLETE", "created", nil, [("<stack-name:1>", .succeeded), ("topic123", .succeeded)]
            ),
            (
                "cloudformation", "ls_cfn_nested_conditions_empty_stack_success.json", .succeeded, "CREATE_COMPLETE",
                "created", nil, [("<stack-name:1>", .succeeded)]
            ),
            (
                "cloudformation", "ls_cfn_nested_conditions_prod_bucket_policy_success.json", .succeeded,
                "CREATE_COMPLETE", "created", nil,
                [("<stack-name:1>", .succeeded), ("Bucket", .succeeded), ("Policy", .succeeded)]
            ),
            (
                "cloudformation", "pcluster_docs_cluster_create_failed_headnode_filtered.json", .failed,
                "CREATE_FAILED",
                "create failed", .stackResourceFailed, [("mycluster", .failed), ("HeadNode", .failed)]
            ),
            (
                "cloudformation", "pcluster_docs_get_cluster_stack_events_events0.json", .succeeded, "CREATE_COMPLETE",
                "created", nil, [("cluster-v3", .succeeded)]
            ),
            (
                "cloudformation", "pcluster_docs_get_image_stack_events_events0.json", .running, "UNKNOWN",
                "the stack's own events are not in the log", nil,
                [("custom-alinux2-image", .notStarted), ("ParallelClusterImage", .inProgress)]
            ),
            (
                "gamelift", "awscli_example_describe_fleet_events.json", .succeeded, "ACTIVE", "active", nil,
                [("fleet-a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", .succeeded)]
            ),
            (
                "modelarts", "otc_docs_service_event_logs_example.json", .running, "DEPLOYING",
                "deploying, reached model startup", nil,
                [
                    ("deployment 1", .inProgress), ("image building", .succeeded),
                    ("environment preparation", .succeeded),
                    ("resource scheduling", .succeeded), ("image pulling", .succeeded), ("model startup", .inProgress),
                ]
            ),
        ]

    @Test(
        "the corpus: verdict, root cause and every lifecycle's status",
        .enabled(if: LifecycleTestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)), arguments: corpus)
    func corpusFiles(
        folder: String, name: String, outcome: RunOutcome, status: String, summary: String, rootCode: Finding.Code?,
        lifecycles: [(String, MachineInstance.Status)]
    ) throws {
        let (run, diagnosis) = try LifecycleTestData.diagnose(corpus: folder, name)
        #expect(diagnosis.outcome == outcome)
        #expect(diagnosis.verdict?.status == status)
        #expect(diagnosis.verdict?.summary == summary)
        #expect(diagnosis.rootCause?.code == rootCode)
        #expect(run.instances.map(\.name) == lifecycles.map(\.0))
        #expect(run.instances.map(\.status) == lifecycles.map(\.1))
    }
}
