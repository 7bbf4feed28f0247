import Diagnostics
import Lifecycles
import RetraceCore
import RetraceTestSupport
import Testing

@Suite("CloudFormation and ParallelCluster diagnosis")
struct CloudFormationDiagnosisTests {
    @Test("a nested stack failure is followed into the nested stack's own events")
    func nestedFollowed() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(fixtures: "cfn_nested_parent.json", "cfn_nested_child.json")
        #expect(diagnosis.outcome == .failed)
        let root = try #require(diagnosis.rootCause)
        #expect(root.code.rawValue == "stack-resource-failed")
        #expect(root.location == [.resource("app"), .resource("Network"), .resource("PublicSubnet")])
        #expect(root.error == "InvalidRequest")
        #expect(root.title.contains("The CIDR '10.1.0.0/24' is invalid"))
        #expect(root.evidence.first?.hasPrefix("PublicSubnet-CREATE_FAILED") == true)
        #expect(root.evidence.contains { $0.hasPrefix("Network-CREATE_FAILED") }, "the parent's event is evidence too")
        let cancelled = try #require(diagnosis.findings.first { $0.code.rawValue == "stack-resources-cancelled" })
        #expect(cancelled.explanation.contains("Bucket"))
    }

    @Test("without the nested stack's events, the nested stack is named and its events asked for")
    func nestedMissing() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(fixtures: "cfn_nested_parent.json")
        let root = try #require(diagnosis.rootCause)
        #expect(root.code.rawValue == "stack-nested-stack-failed")
        #expect(root.location == [.resource("app"), .resource("Network")])
        #expect(
            root.remedy?.contains(
                "retrace fetch --stack arn:aws:cloudformation:eu-west-1:123456789012:stack/app-Network-1ABCDEF2GHIJ/"
            ) == true)
    }

    @Test("an update whose rollback fails: the update failure is the cause, the rollback failure secondary")
    func updateRollbackFailed() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(fixtures: "cfn_update_rollback_failed.json")
        #expect(diagnosis.outcome == .failed)
        let root = try #require(diagnosis.rootCause)
        #expect(root.location.last == .resource("Function"))
        #expect(root.error == "AccessDenied")
        #expect(root.explanation.contains("UPDATE operation"))
        let rollback = try #require(diagnosis.findings.first { $0.code.rawValue == "stack-rollback-failed" })
        #expect(rollback.severity == .warning)
        #expect(rollback.location.last == .resource("Table"))
        #expect(rollback.error == "ResourceConflict")
        #expect(rollback.remedy?.contains("continue-update-rollback") == true)
        #expect(
            !diagnosis.findings.contains { $0.code.rawValue == "stack-earlier-operation-failed" },
            "the create succeeded")
    }

    @Test("a ParallelCluster image build failing in BUILDING names the stage, the component and the logs")
    func imageBuild() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(fixtures: "pcluster_image_build_failed.json")
        #expect(diagnosis.outcome == .failed)
        let root = try #require(diagnosis.rootCause)
        #expect(root.code.rawValue == "image-build-failed")
        #expect(root.location == [.resource("rocky8-hpc"), .resource("ParallelClusterImage"), .phase("BUILDING")])
        #expect(root.title.contains("parallelclusterimage-c7374890-c574-11ec-9f03-12507a6b4b03"))
        #expect(root.error == "GeneralServiceException")
        let remedy = try #require(root.remedy)
        #expect(remedy.contains("pcluster get-image-log-events --image-id rocky8-hpc --region us-east-1"))
        #expect(remedy.contains("/aws/imagebuilder/ParallelClusterImage-rocky8-hpc"))
    }

    @Test("an image build given with its Image Builder log continues into the step that failed")
    func imageBuildWithItsLog() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(fixtures: "pcluster_image_build_failed_with_log.json")
        let root = try #require(diagnosis.rootCause)
        #expect(root.code.rawValue == "image-build-failed")
        let detail = try #require(root.causeDetail)
        // The step's own output (TOE's Stderr line), not the "Step InstallCookbook: Failed" that follows it.
        #expect(
            detail.summary
                == "Stderr: Chef::Exceptions::Package: yum_package[slurm] had an error: No match for argument: slurm")
        #expect(detail.logName == "Image Builder log, stream 3.9.1/1")
        // Every line up to the failure (fewer than the 100 kept).
        #expect(detail.logLines.count == 11)
        #expect(
            root.explanation.contains(
                "In the Image Builder log, stream 3.9.1/1, the failure reads: Stderr: Chef::Exceptions::Package"))
        // Without the log, the same failure has no log lines.
        let (_, plain) = try LifecycleTestData.diagnose(fixtures: "pcluster_image_build_failed.json")
        #expect(plain.rootCause?.causeDetail == nil)
    }

    @Test("a build log in the shape Image Builder writes it: the step's own last failure line, the component TOE names")
    func imageBuildWithAWorkflowLog() throws {
        // Written in the shape of public build logs (docs/bundle.md): the build workflow's own lines around TOE's,
        // each step's output echoed as Stdout/Stderr, Chef's resource dumps, and the failure narrated after it.
        let (_, diagnosis) = try LifecycleTestData.diagnose(fixtures: "pcluster_image_build_failed_toe_log.json")
        let root = try #require(diagnosis.rootCause)
        #expect(root.code.rawValue == "image-build-failed")
        let detail = try #require(root.causeDetail)
        #expect(
            detail.summary
                == "Stdout: [2024-05-02T09:41:22+00:00] FATAL: Chef::Exceptions::Package: yum_package[slurm] "
                + "(aws-parallelcluster-platform::install line 24) had an error: Chef::Exceptions::Package: No match for "
                + "argument: slurm")
        #expect(detail.logLines.count == 52, "every line up to Chef's last FATAL line, none of the narration after")
        // The stack's reason names no component: TOE's "Document … failed!" line does.
        #expect(
            root.explanation.contains(
                "The failing component is parallelclusterimage-c7374890-c574-11ec-9f03-12507a6b4b03."),
            "\(root.explanation)")
    }

    @Test("a GameLift fleet that does not stabilise points at the fleet's events")
    func gameLiftFleet() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(fixtures: "cfn_gamelift_fleet_not_stabilized.json")
        let root = try #require(diagnosis.rootCause)
        #expect(root.error == "NotStabilized")
        #expect(
            root.remedy?.contains("describe-fleet-events --fleet-id fleet-0f1e2d3c-7777-4a5b-9c8d-fedcba987654") == true
        )
    }

    @Test("a summary or a cancellation is never the root cause")
    func summariesAreSkipped() throws {
        let text = """
            {"StackEvents": [
              {"EventId": "4", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "CREATE_FAILED", "ResourceStatusReason": "The following resource(s) failed to create: [A, B]. ", "Timestamp": "2024-01-01T00:00:04Z"},
              {"EventId": "3", "StackName": "s", "LogicalResourceId": "B", "ResourceStatus": "CREATE_FAILED", "ResourceStatusReason": "Resource creation cancelled", "Timestamp": "2024-01-01T00:00:03Z"},
              {"EventId": "2", "StackName": "s", "LogicalResourceId": "A", "ResourceStatus": "CREATE_FAILED", "ResourceStatusReason": "Bucket name already exists", "Timestamp": "2024-01-01T00:00:02Z"},
              {"EventId": "1", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "CREATE_IN_PROGRESS", "ResourceStatusReason": "User Initiated", "Timestamp": "2024-01-01T00:00:01Z"}
            ]}
            """
        let (_, diagnosis) = try LifecycleTestData.diagnose(text: text)
        let root = try #require(diagnosis.rootCause)
        #expect(root.evidence == ["2"])
        #expect(root.remedy?.contains("generate the name") == true)
    }

    @Test("a cleanup failure after a successful update is only a warning")
    func cleanupFailure() throws {
        let text = """
            {"StackEvents": [
              {"EventId": "5", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "UPDATE_COMPLETE", "Timestamp": "2024-01-01T00:00:05Z"},
              {"EventId": "4", "StackName": "s", "LogicalResourceId": "Old", "ResourceStatus": "DELETE_FAILED", "ResourceStatusReason": "The bucket you tried to delete is not empty", "Timestamp": "2024-01-01T00:00:04Z"},
              {"EventId": "3", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "Timestamp": "2024-01-01T00:00:03Z"},
              {"EventId": "2", "StackName": "s", "LogicalResourceId": "Old", "ResourceStatus": "UPDATE_COMPLETE", "Timestamp": "2024-01-01T00:00:02Z"},
              {"EventId": "1", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "UPDATE_IN_PROGRESS", "ResourceStatusReason": "User Initiated", "Timestamp": "2024-01-01T00:00:01Z"}
            ]}
            """
        let (_, diagnosis) = try LifecycleTestData.diagnose(text: text)
        #expect(diagnosis.outcome == .succeeded)
        #expect(diagnosis.rootCause == nil)
        #expect(diagnosis.findings.first { $0.code.rawValue == "stack-cleanup-failed" }?.severity == .warning)
    }

    @Test(
        "an operation still under way is running",
        arguments: [
            #"{"StackEvents": [{"EventId": "1", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "CREATE_IN_PROGRESS", "Timestamp": "2024-01-01T00:00:01Z"}]}"#
        ])
    func running(text: String) throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(text: text)
        #expect(diagnosis.outcome == .running)
        #expect(diagnosis.rootCause == nil)
    }

    static let corpus: [(String, RunOutcome, String?, String?)] = [
        ("ls_cfn_invalid_getatt_fails_rollback.json", .failed, "stack-failed", "Fn::GetAtt"),
        ("ls_cfn_invalid_stack_deploy_single_failed_event.json", .failed, "stack-resource-failed", "MyParameter"),
        ("pcluster_docs_cluster_create_failed_headnode_filtered.json", .failed, "stack-resource-failed", "HeadNode"),
        ("ls_cfn_blocked_stack_deletion.json", .succeeded, nil, nil),
        ("ls_cfn_nested_conditions_prod_bucket_policy_success.json", .succeeded, nil, nil),
        ("ls_cfn_nested_conditions_empty_stack_success.json", .succeeded, nil, nil),
        ("ls_cfn_list_events_after_deployment_sorted_oldest_first.json", .succeeded, nil, nil),
        ("awscli_example_describe_stack_events_update_complete.json", .succeeded, nil, nil),
        ("awsdocs_cfn_user_guide_describe_stack_events_create_complete.json", .succeeded, nil, nil),
        ("pcluster_docs_get_cluster_stack_events_events0.json", .succeeded, nil, nil),
        ("pcluster_docs_get_image_stack_events_events0.json", .running, nil, nil),
    ]

    @Test(
        "the corpus", .enabled(if: LifecycleTestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)),
        arguments: corpus)
    func corpusFiles(name: String, outcome: RunOutcome, code: String?, titleMentions: String?) throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(corpus: "cloudformation", name)
        #expect(diagnosis.outcome == outcome)
        #expect(diagnosis.rootCause?.code.rawValue == code)
        if let titleMentions { #expect(diagnosis.rootCause?.title.contains(titleMentions) == true) }
    }

    @Test(
        "failed operations before the latest are mentioned",
        .enabled(if: LifecycleTestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)))
    func earlierOperations() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(
            corpus: "cloudformation", "ls_cfn_blocked_stack_deletion.json")
        let earlier = diagnosis.findings.filter { $0.code.rawValue == "stack-earlier-operation-failed" }
        #expect(earlier.map(\.error) == ["ROLLBACK_FAILED", "DELETE_FAILED"])
    }

    @Test(
        "the HeadNode signal failure gets the instance-log remedy",
        .enabled(if: LifecycleTestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)))
    func headNode() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(
            corpus: "cloudformation", "pcluster_docs_cluster_create_failed_headnode_filtered.json")
        let root = try #require(diagnosis.rootCause)
        #expect(root.location == [.resource("mycluster"), .resource("HeadNode")])
        #expect(root.remedy?.contains("/var/log/cfn-init.log") == true)
    }
}
