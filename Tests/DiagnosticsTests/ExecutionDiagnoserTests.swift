import Diagnostics
import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// One test per root-cause rule, on hand-written histories that follow the shapes AWS records.
@Suite("Root-cause rules")
struct ExecutionDiagnoserTests {
    private func diagnose(_ name: String, target: String = "StepFunctionsTests") throws -> (ExecutionTree, Diagnosis) {
        let path = PackagePaths.fixture(name, target: target).path
        let tree = ExecutionTree(history: try HistoryDecoder().decode([try InputBuffer.read(path: path)]))
        return (tree, ExecutionDiagnoser().diagnose(tree))
    }

    @Test func catchThenEmptyFailBlamesTheCaughtFailure() throws {
        let (_, diagnosis) = try diagnose("catch_then_fail.json")
        let root = try #require(diagnosis.rootCause)
        #expect(root.code.rawValue == "task-failed")
        #expect(root.error == "S3.NoSuchKeyException")
        #expect(root.location.pathDescription == "LoadOrder › attempt 1 of 1")
        #expect(root.explanation.contains("routed the execution to OrderMissing"))
        #expect(root.causeDetail?.summary.hasPrefix("S3 answered HTTP 404") == true)
        #expect(root.remedy?.contains("does not exist") == true)
        #expect(!diagnosis.findings.contains { $0.code.rawValue == "caught-error" }, "the root cause is not repeated")
    }

    @Test func heartbeatAndTaskTimeoutsAreToldApart() throws {
        let (_, heartbeat) = try diagnose("heartbeat_timeout.json")
        #expect(heartbeat.rootCause?.code.rawValue == "heartbeat-timed-out")
        #expect(heartbeat.rootCause?.explanation.contains("no heartbeat arrived within HeartbeatSeconds") == true)
        #expect(heartbeat.rootCause?.remedy?.contains("SendTaskHeartbeat") == true)
        let (_, task) = try diagnose("task_timeout.json")
        #expect(task.rootCause?.code.rawValue == "task-timed-out")
        #expect(task.rootCause?.explanation.contains("ran past TimeoutSeconds") == true)
    }

    @Test func executionTimeoutNamesTheOpenStates() throws {
        let (_, diagnosis) = try diagnose("execution_timeout.json")
        let root = try #require(diagnosis.rootCause)
        #expect(root.code.rawValue == "execution-timed-out")
        #expect(root.location.pathDescription == "Crunch")
        #expect(root.explanation.contains("The longest, Crunch, had run 59 m 59 s"))
    }

    @Test func redriveFixedIt() throws {
        let (tree, diagnosis) = try diagnose("redrive.json")
        #expect(tree.outcome == .succeeded)
        #expect(diagnosis.rootCause == nil)
        let redrive = try #require(diagnosis.findings.first { $0.code.rawValue == "redriven" })
        #expect(redrive.title == "Redrive 1 fixed the failure")
        #expect(redrive.error == "Lambda.Unknown")
    }

    @Test func abortedExecution() throws {
        let (_, diagnosis) = try diagnose("abort_during_wait.json")
        let root = try #require(diagnosis.rootCause)
        #expect(root.code.rawValue == "execution-aborted")
        #expect(root.severity == .warning)
        #expect(root.location == [.state("Pause")])
    }

    @Test func retriesThenSuccessIsInformation() throws {
        let (_, diagnosis) = try diagnose("retry_then_success.json")
        #expect(diagnosis.rootCause == nil)
        let retried = try #require(diagnosis.findings.first { $0.code.rawValue == "retried" })
        #expect(retried.severity == .info)
        #expect(retried.explanation.contains("Lambda.TooManyRequestsException ×2"))
        #expect(retried.explanation.contains("backoff took 3 s"))
    }

    @Test func distributedMapFollowsIntoTheFailedChild() throws {
        let parent = PackagePaths.fixture("distributed_map_failed.json", target: "StepFunctionsTests")
        let children = ["child_row-2.json", "child_row-3.json"].map {
            PackagePaths.fixture($0, target: "DiagnosticsTests")
        }
        // The children are linked by their executionArn, whatever the order the files come in.
        for paths in [[parent] + children, children.reversed() + [parent], [children[0], parent, children[1]]] {
            let set = try LogSet.load(paths.map(\.path))
            #expect(set.executions.count == 1)
            let analyzed = try set.analyze(try #require(set.executions.first))
            #expect(analyzed.entry.children.map(\.name).sorted() == ["row-2", "row-3"])
            #expect(analyzed.diagnosis.rootCause?.error == "KeyError")
        }
        let set = try LogSet.load(([parent] + children).map(\.path))
        let analyzed = try set.analyze(try #require(set.executions.first))
        let tree = analyzed.tree
        let diagnosis = analyzed.diagnosis
        let root = try #require(diagnosis.rootCause)
        #expect(root.error == "KeyError")
        #expect(
            root.location.pathDescription.hasPrefix(
                "ProcessCsv › map run arn:aws:states:us-east-1:123456789012:mapRun:Csv/ProcessCsv:11111111-2222 › execution row-3 › LoadRow"
            ))
        #expect(root.explanation.contains("1 of the 2 child executions given failed"))
        #expect(root.causeDetail?.summary.contains("KeyError: 'price'") == true)
        #expect(diagnosis.findings.contains { $0.code.rawValue == "map-run-children-failed" })

        let alone = ExecutionDiagnoser().diagnose(tree)
        #expect(alone.rootCause?.code.rawValue == "map-run-failed")
        #expect(alone.rootCause?.remedy?.contains("ToleratedFailurePercentage") == true)
    }

    @Test func historyLimitCountsEventsPerState() throws {
        var events = [#"{"id": 1, "previousEventId": 0, "timestamp": 0, "type": "ExecutionStarted"}"#]
        var id: Int64 = 1
        for loop in 0..<3_000 {
            for (name, type) in [("Poll", "Task"), ("IsDone", "Choice")] {
                id += 1
                events.append(
                    #"{"id": \#(id), "previousEventId": \#(id - 1), "timestamp": \#(loop), "type": "\#(type)StateEntered", "stateEnteredEventDetails": {"name": "\#(name)"}}"#
                )
                if type == "Task" {
                    for phase in ["TaskScheduled", "TaskStarted", "TaskSucceeded"] {
                        id += 1
                        events.append(
                            #"{"id": \#(id), "previousEventId": \#(id - 1), "timestamp": \#(loop), "type": "\#(phase)"}"#
                        )
                    }
                }
                id += 1
                events.append(
                    #"{"id": \#(id), "previousEventId": \#(id - 1), "timestamp": \#(loop), "type": "\#(type)StateExited", "stateExitedEventDetails": {"name": "\#(name)"}}"#
                )
            }
        }
        id += 1
        events.append(
            #"{"id": \#(id), "previousEventId": \#(id - 1), "timestamp": 3000, "type": "ExecutionFailed", "executionFailedEventDetails": {"error": "States.Runtime", "cause": "The execution reached the maximum number of history events (25000)."}}"#
        )
        let history = try HistoryDecoder().decode([
            InputBuffer(name: "limit.json", text: "[\(events.joined(separator: ","))]")
        ])
        let diagnosis = ExecutionDiagnoser().diagnose(ExecutionTree(history: history))
        let root = try #require(diagnosis.rootCause)
        #expect(root.code.rawValue == "history-limit")
        #expect(root.explanation.contains("Poll 15000 events"))
        #expect(root.explanation.contains("Poll ran 3000 times: a loop"))
        #expect(root.remedy?.contains("DISTRIBUTED") == true)
    }

    @Test func causesAreParsed() throws {
        let lambda = ParsedCause(
            #"{"errorType":"ValueError","errorMessage":"bad row","stackTrace":["  File \"/var/task/a.py\", line 3, in f\n    x()\n","  File \"/var/task/b.py\", line 9, in g\n"]}"#
        )
        #expect(lambda.errorType == "ValueError")
        #expect(lambda.message == "bad row")
        #expect(lambda.trace?.frames.map(\.description) == ["b.py:9 in g", "a.py:3 in f"])
        let sdk = ParsedCause(
            "Requested resource not found (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ResourceNotFoundException; Request ID: ABC)"
        )
        #expect(sdk.service == "AmazonDynamoDBv2")
        #expect(sdk.statusCode == 400)
        #expect(sdk.errorCode == "ResourceNotFoundException")
        #expect(sdk.message == "Requested resource not found")
        let interpreter = ParsedCause(
            "An error occurred while executing the state 'Charge' (entered at the event id #12). Boom")
        #expect(interpreter.enteredEventID == 12)
        #expect(interpreter.stateName == "Charge")
        let plain = ParsedCause("just text")
        #expect(plain.errorType == nil && plain.service == nil && plain.enteredEventID == nil)
    }

    @Test func criticalPathGoesThroughTheLongestBranchAndIteration() throws {
        let path = PackagePaths.root.appendingPathComponent("Samples/order-success.json").path
        let tree = ExecutionTree(history: try HistoryDecoder().decode([try InputBuffer.read(path: path)]))
        let finding = try #require(
            ExecutionDiagnoser().diagnose(tree).findings.first { $0.code.rawValue == "critical-path" })
        #expect(finding.location.pathDescription == "ChargeAndReserve › branch 1 › ChargeCard")
        #expect(finding.title.hasSuffix("holds 56% of the run"))
        #expect(finding.explanation.contains("PackItems › iteration 2 › PackItem 542 ms"))
        #expect(!finding.explanation.contains("ReserveStock"), "the shorter branch is off the path")
    }

    @Test func repeatedCaughtErrorsAreOneFindingWithACount() throws {
        var events = [
            #"{"id": 1, "previousEventId": 0, "timestamp": 0, "type": "ExecutionStarted"}"#,
            #"{"id": 2, "previousEventId": 0, "timestamp": 0, "type": "MapStateEntered", "stateEnteredEventDetails": {"name": "Items"}}"#,
            #"{"id": 3, "previousEventId": 2, "timestamp": 0, "type": "MapStateStarted", "mapStateStartedEventDetails": {"length": 50}}"#,
        ]
        var id: Int64 = 3
        var lastEnd: Int64 = 3
        for index in 0..<50 {
            let started = id + 1
            events += [
                #"{"id": \#(id + 1), "previousEventId": 3, "timestamp": 0, "type": "MapIterationStarted", "mapIterationStartedEventDetails": {"name": "Items", "index": \#(index)}}"#,
                #"{"id": \#(id + 2), "previousEventId": \#(started), "timestamp": 0, "type": "TaskStateEntered", "stateEnteredEventDetails": {"name": "Call"}}"#,
                #"{"id": \#(id + 3), "previousEventId": \#(id + 2), "timestamp": 0, "type": "TaskScheduled", "taskScheduledEventDetails": {"resourceType": "lambda", "resource": "invoke", "region": "r", "parameters": "{}"}}"#,
                #"{"id": \#(id + 4), "previousEventId": \#(id + 3), "timestamp": 0, "type": "TaskFailed", "taskFailedEventDetails": {"resourceType": "lambda", "resource": "invoke", "error": "Busy", "cause": "try later"}}"#,
                #"{"id": \#(id + 5), "previousEventId": \#(id + 4), "timestamp": 0, "type": "TaskStateExited", "stateExitedEventDetails": {"name": "Call", "output": "{}"}}"#,
                #"{"id": \#(id + 6), "previousEventId": \#(id + 5), "timestamp": 0, "type": "MapIterationSucceeded", "mapIterationSucceededEventDetails": {"name": "Items", "index": \#(index)}}"#,
            ]
            id += 6
            lastEnd = id
        }
        events += [
            #"{"id": \#(id + 1), "previousEventId": \#(lastEnd), "timestamp": 0, "type": "MapStateSucceeded"}"#,
            #"{"id": \#(id + 2), "previousEventId": \#(id + 1), "timestamp": 0, "type": "MapStateExited", "stateExitedEventDetails": {"name": "Items"}}"#,
            #"{"id": \#(id + 3), "previousEventId": \#(id + 2), "timestamp": 0, "type": "ExecutionSucceeded"}"#,
        ]
        let history = try HistoryDecoder().decode([
            InputBuffer(name: "caught.json", text: "[\(events.joined(separator: ","))]")
        ])
        let findings = ExecutionDiagnoser().diagnose(ExecutionTree(history: history)).findings
        let caught = findings.filter { $0.code.rawValue == "caught-error" }
        #expect(caught.count == 1)
        #expect(caught.first?.title == "Call: Busy was caught 50 times")
        #expect(caught.first?.evidence.count == 10)
    }
}
