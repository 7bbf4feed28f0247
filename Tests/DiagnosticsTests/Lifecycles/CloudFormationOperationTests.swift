import Diagnostics
import Foundation
import Lifecycles
import RetraceCore
import RetraceTestSupport
import Testing

/// Operations, verdicts and resource statuses as an operator reads them: `--on-failure DELETE`, rollbacks with
/// operation ids of their own, the `DescribeEvents` shape, nested stacks.
@Suite("CloudFormation operations and verdicts")
struct CloudFormationOperationTests {
    /// Every instance's name and status, in order.
    private func statuses(_ run: LifecycleRun) -> [String: MachineInstance.Status] {
        Dictionary(run.instances.map { ($0.key, $0.status) }, uniquingKeysWith: { first, _ in first })
    }

    private func status(_ run: LifecycleRun, _ name: String) -> MachineInstance.Status? {
        run.instances.first { $0.name == name }?.status
    }

    @Test("a create that failed and was deleted (--on-failure DELETE) is a failure with its root cause")
    func onFailureDelete() throws {
        let (run, diagnosis) = try LifecycleTestData.diagnose(fixtures: "cfn_on_failure_delete.json")
        #expect(diagnosis.outcome == .failed)
        #expect(
            diagnosis.verdict
                == ServiceVerdict(
                    status: "DELETE_COMPLETE", operation: "CREATE",
                    summary: "create failed, then deleted (--on-failure DELETE)"))
        let root = try #require(diagnosis.rootCause)
        #expect(root.code == .stackResourceFailed)
        #expect(root.location == [.resource("web"), .resource("Assets")])
        #expect(root.error == "AlreadyExists")
        #expect(run.operations.count == 1, "the deletion is how the create ended, not an operation of its own")
        #expect(run.operations.first?.undoEventID == "web-DELETE_IN_PROGRESS-0007")
        #expect(status(run, "web") == .failed)
        #expect(status(run, "Assets") == .failed, "CREATE_FAILED stays failed after the deletion")
        #expect(status(run, "Queue") == .failed, "a cancelled create is CREATE_FAILED too")
        #expect(run.instances.first { $0.name == "Assets" }?.resultState == "CREATE_FAILED")
        #expect(run.anomalies.isEmpty, "CREATE_FAILED → DELETE_COMPLETE is how a rollback removes a failed resource")
        #expect(!diagnosis.findings.contains { $0.code.rawValue.hasPrefix("lifecycle-") })
    }

    @Test("a rollback with an OperationId of its own belongs to the create it undoes; the same answer without ids")
    func operationIDsGiveTheSameAnswer() throws {
        let path = LifecycleTestData.fixtures.appendingPathComponent("cfn_operation_id_rollback.json").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let withoutIDs = text.replacingOccurrences(
            of: #",\s*"OperationId": "[0-9a-f-]+""#, with: "", options: .regularExpression)
        #expect(withoutIDs != text && !withoutIDs.contains("OperationId"))
        let (run, diagnosis) = try LifecycleTestData.diagnose(fixtures: "cfn_operation_id_rollback.json")
        let (plainRun, plain) = try LifecycleTestData.diagnose(text: withoutIDs)
        #expect(diagnosis.outcome == .failed)
        #expect(diagnosis.rootCause?.location == [.resource("web"), .resource("Assets")])
        #expect(diagnosis.rootCause?.error == "AlreadyExists")
        #expect(diagnosis.verdict?.summary == "create failed, rolled back")
        #expect(run.operations.count == 1)
        #expect(run.operations.first?.kind == "CREATE")
        #expect(
            run.operations.first?.serviceIDs == [
                "4f6a4c1e-0b7d-4d55-9a43-5c2b1e0d9f10", "b2e8d3a9-7f41-4c3e-8d2a-91c7e5f0a6b4",
            ])
        #expect(plain.outcome == diagnosis.outcome)
        #expect(plain.rootCause == diagnosis.rootCause)
        #expect(plain.verdict == diagnosis.verdict)
        #expect(plainRun.operations.map(\.kind) == run.operations.map(\.kind))
        #expect(statuses(plainRun) == statuses(run))
        #expect(status(run, "Assets") == .failed)
    }

    @Test("the DescribeEvents shape: OperationEvents without StackName, an update rolled back under its own id")
    func describeEvents() throws {
        let (run, diagnosis) = try LifecycleTestData.diagnose(fixtures: "cfn_describe_events_update_rollback.json")
        #expect(run.source == .cloudFormation)
        #expect(diagnosis.outcome == .failed)
        #expect(diagnosis.verdict?.status == "UPDATE_ROLLBACK_COMPLETE")
        #expect(diagnosis.verdict?.operation == "UPDATE")
        #expect(diagnosis.verdict?.summary == "update failed, rolled back")
        let root = try #require(diagnosis.rootCause)
        #expect(root.location == [.resource("orders-api"), .resource("Handler")])
        #expect(root.error == "InvalidRequest")
        #expect(run.operations.count == 1)
        #expect(run.events.first { $0.resource == "Handler" }?.eventType == "PROGRESS_EVENT")
        #expect(run.events.contains { $0.eventType == "PROVISIONING_ERROR" })
        #expect(run.instances.first?.name == "orders-api", "the stack's name is read from its ARN")
        #expect(status(run, "Handler") == .failed, "UPDATE_FAILED, though the rollback later restored it")
        #expect(status(run, "Table") == .failed)
        #expect(run.anomalies.isEmpty)
    }

    @Test("a nested stack's failing resource keeps its failure; the nested stack comes under its parent")
    func nestedStatuses() throws {
        let (run, diagnosis) = try LifecycleTestData.diagnose(
            fixtures: "cfn_nested_parent.json", "cfn_nested_child.json")
        #expect(diagnosis.verdict?.summary == "create failed, rolled back")
        #expect(status(run, "PublicSubnet") == .failed)
        #expect(status(run, "Vpc") == .succeeded, "created, then deleted by the rollback: it did not fail")
        #expect(status(run, "Bucket") == .failed, "cancelled")
        let names = run.instances.map(\.name)
        let network = try #require(names.firstIndex(of: "Network"))
        let subnet = try #require(names.firstIndex(of: "PublicSubnet"))
        #expect(names.first == "app")
        #expect(network < subnet)
        for (position, instance) in run.instances.enumerated() {
            guard let parent = instance.parentKey else { continue }
            let parentPosition = try #require(run.instances.firstIndex { $0.key == parent })
            #expect(parentPosition < position, "\(instance.name) comes after its parent")
        }
    }

    @Test("a deletion the user started after a failed create is an operation of its own, not --on-failure DELETE")
    func userDeleteAfterFailedCreate() throws {
        let text = """
            {"StackEvents": [
              {"EventId": "6", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "DELETE_COMPLETE", "Timestamp": "2024-01-01T01:00:05Z"},
              {"EventId": "5", "StackName": "s", "LogicalResourceId": "A", "ResourceStatus": "DELETE_COMPLETE", "Timestamp": "2024-01-01T01:00:03Z"},
              {"EventId": "4", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "DELETE_IN_PROGRESS", "ResourceStatusReason": "User Initiated", "Timestamp": "2024-01-01T01:00:01Z"},
              {"EventId": "3", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "CREATE_FAILED", "ResourceStatusReason": "The following resource(s) failed to create: [A]. ", "Timestamp": "2024-01-01T00:00:04Z"},
              {"EventId": "2", "StackName": "s", "LogicalResourceId": "A", "ResourceStatus": "CREATE_FAILED", "ResourceStatusReason": "Bucket name already exists", "Timestamp": "2024-01-01T00:00:03Z"},
              {"EventId": "1", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "CREATE_IN_PROGRESS", "ResourceStatusReason": "User Initiated", "Timestamp": "2024-01-01T00:00:01Z"}
            ]}
            """
        let (run, diagnosis) = try LifecycleTestData.diagnose(text: text)
        #expect(run.operations.map(\.kind) == ["CREATE", "DELETE"])
        #expect(diagnosis.outcome == .succeeded)
        #expect(diagnosis.verdict?.summary == "deleted")
        let earlier = try #require(diagnosis.findings.first { $0.code == .stackEarlierOperationFailed })
        #expect(earlier.error == "CREATE_FAILED")
    }

    @Test(
        "the operation verdicts, status by status",
        arguments: [
            ("CREATE_IN_PROGRESS", "CREATE_COMPLETE", RunOutcome.succeeded, "created"),
            ("UPDATE_IN_PROGRESS", "UPDATE_COMPLETE", .succeeded, "updated"),
            ("DELETE_IN_PROGRESS", "DELETE_COMPLETE", .succeeded, "deleted"),
            ("DELETE_IN_PROGRESS", "DELETE_FAILED", .failed, "delete failed"),
            ("IMPORT_IN_PROGRESS", "IMPORT_COMPLETE", .succeeded, "imported"),
            ("CREATE_IN_PROGRESS", "CREATE_FAILED", .failed, "create failed"),
            ("UPDATE_IN_PROGRESS", "UPDATE_FAILED", .failed, "update failed"),
            ("CREATE_IN_PROGRESS", "ROLLBACK_FAILED", .failed, "create failed, and the rollback failed too"),
        ])
    func verdicts(start: String, end: String, outcome: RunOutcome, summary: String) throws {
        var middle = ""
        if end == "ROLLBACK_FAILED" {
            middle =
                #"{"EventId": "m", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "ROLLBACK_IN_PROGRESS", "Timestamp": "2024-01-01T00:00:02Z"},"#
        }
        let text = """
            {"StackEvents": [
              {"EventId": "b", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "\(end)", "Timestamp": "2024-01-01T00:00:03Z"},
              \(middle)
              {"EventId": "a", "StackName": "s", "LogicalResourceId": "s", "ResourceStatus": "\(start)", "ResourceStatusReason": "User Initiated", "Timestamp": "2024-01-01T00:00:01Z"}
            ]}
            """
        let (_, diagnosis) = try LifecycleTestData.diagnose(text: text)
        #expect(diagnosis.outcome == outcome)
        #expect(diagnosis.verdict?.status == end)
        #expect(diagnosis.verdict?.summary == summary)
    }
}
