import Lifecycles
import RetraceCore
import RetraceTestSupport
import Testing

@Suite("CloudFormation and ParallelCluster stacks")
struct CloudFormationModelTests {
    @Test("a parent and its nested stack's own file are linked")
    func nested() throws {
        let run = try TestData.run(fixtures: "cfn_nested_parent.json", "cfn_nested_child.json")
        let stacks = run.instances.filter { $0.machine.name == "cloudformation-stack" }
        #expect(stacks.count == 2)
        let parent = try #require(stacks.first { $0.parentKey == nil })
        let child = try #require(stacks.first { $0.parentKey != nil })
        #expect(parent.name == "app")
        #expect(parent.statePath == ["NOT_CREATED", "CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"])
        #expect(child.parentKey == "\(parent.key)/Network")
        #expect(child.scope == ["app"])
        #expect(child.name == "Network")
        let subnet = try #require(run.instances.first { $0.name == "PublicSubnet" })
        #expect(subnet.scope == ["app", "Network"])
        #expect(subnet.parentKey == child.key)
        #expect(subnet.status == .failed)
        // The nested stack's create runs within the parent's create; its deletion is an operation of its own.
        let childOperations = run.operations.filter { $0.instanceKey == child.key }
        #expect(childOperations.map(\.kind) == ["CREATE", "DELETE"])
        let parentOperation = try #require(run.operations.first { $0.instanceKey == parent.key })
        #expect(childOperations.allSatisfy { $0.parentOperationID == parentOperation.id })
        #expect(run.anomalies.isEmpty)
    }

    @Test("operations follow OperationId where recorded")
    func operationIDs() throws {
        let run = try TestData.run(fixtures: "cfn_update_rollback_failed.json")
        #expect(run.operations.map(\.id) == ["op-create-0001", "op-update-0002"])
        #expect(run.operations.map(\.kind) == ["CREATE", "UPDATE"])
        #expect(run.operations.map(\.eventIDs.count) == [6, 9])
        let table = try #require(run.instances.first { $0.name == "Table" })
        #expect(table.statePath.suffix(2) == ["UPDATE_IN_PROGRESS", "UPDATE_FAILED"])
        let stack = try #require(run.instances.first)
        #expect(stack.state == "UPDATE_ROLLBACK_FAILED")
        #expect(stack.status == .failed)
    }

    @Test("ParallelCluster's camelCase shape, with properties as JSON text")
    func parallelCluster() throws {
        let run = try TestData.run(fixtures: "pcluster_image_build_failed.json")
        #expect(run.source == .parallelCluster)
        let image = try #require(run.instances.first { $0.name == "ParallelClusterImage" })
        #expect(image.kind == "AWS::ImageBuilder::Image")
        #expect(image.statePath == ["NOT_CREATED", "CREATE_IN_PROGRESS", "CREATE_FAILED"])
        let started = try #require(run.events.first { $0.resource == "ParallelClusterImage" })
        #expect(started.resourceProperties?.hasPrefix("{\"ImageRecipeArn\"") == true)
    }

    @Test("an unknown status becomes a state of its own, reported")
    func unknownStatus() throws {
        let log = try TestData.decode([
            (
                "s.json",
                #"{"StackEvents": [{"EventId": "2", "StackName": "s", "LogicalResourceId": "Q", "ResourceStatus": "EXPORT_SOMETHING_NEW", "Timestamp": "2024-01-01T00:00:02Z"}, {"EventId": "1", "StackName": "s", "LogicalResourceId": "Q", "ResourceStatus": "CREATE_IN_PROGRESS", "Timestamp": "2024-01-01T00:00:01Z"}]}"#
            )
        ])
        let run = LifecycleRun(log: log)
        let resource = try #require(run.instances.first { $0.name == "Q" })
        #expect(resource.state == "EXPORT_SOMETHING_NEW")
        #expect(resource.anomalies.map(\.kind) == [.unknownTrigger])
    }

    @Test(
        "the corpus logs reconstruct without impossible transitions",
        .enabled(if: TestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)),
        arguments: [
            ("ls_cfn_blocked_stack_deletion.json", "DELETE_COMPLETE", ["CREATE", "DELETE", "DELETE"]),
            ("ls_cfn_invalid_getatt_fails_rollback.json", "ROLLBACK_COMPLETE", ["CREATE"]),
            ("ls_cfn_nested_conditions_prod_bucket_policy_success.json", "CREATE_COMPLETE", ["CREATE"]),
            ("awscli_example_describe_stack_events_update_complete.json", "UPDATE_COMPLETE", ["UPDATE"]),
            ("awsdocs_cfn_user_guide_describe_stack_events_create_complete.json", "CREATE_COMPLETE", ["CREATE"]),
            ("pcluster_docs_cluster_create_failed_headnode_filtered.json", "CREATE_FAILED", ["CREATE"]),
        ])
    func corpus(name: String, finalState: String, operations: [String]) throws {
        let log = try LifecycleDecoder().decode(paths: [TestData.corpusPath("cloudformation", name)])
        let run = LifecycleRun(log: log)
        let stack = try #require(run.instances.first)
        #expect(stack.machine.name == "cloudformation-stack")
        #expect(stack.state == finalState)
        #expect(run.operations.map(\.kind) == operations)
        #expect(run.anomalies.isEmpty)
    }

    @Test(
        "a null physical id is read as absent",
        .enabled(if: TestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)))
    func nullPhysicalID() throws {
        let log = try LifecycleDecoder().decode(
            paths: [
                TestData.corpusPath(
                    "cloudformation", "awsdocs_cfn_user_guide_describe_stack_events_create_complete.json")
            ])
        let first = try #require(log.events.first { $0.resource == "S3Bucket" })
        #expect(first.physicalResourceID == nil)
        #expect(first.resourceProperties == #"{"AccessControl":"PublicRead"}"#)
    }
}
