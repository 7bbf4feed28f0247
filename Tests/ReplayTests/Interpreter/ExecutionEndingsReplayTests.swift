import Foundation
import Replay
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// The ways an execution ends and goes on that replay models: the state machine's `TimeoutSeconds`, every run of
/// a redriven execution, Wait lengths against the recorded times, and `--all` following the history's path after
/// a divergence. Histories in `Tests/ReplayTests/Fixtures`; each agreeing pair is changed on purpose to diverge.
@Suite("Replay of timeouts, redrives, waits and every divergence")
struct ExecutionEndingsReplayTests {
    static func tree(_ name: String) throws -> ExecutionTree {
        let path = PackagePaths.fixture(name, target: "ReplayTests").path
        return ExecutionTree(history: try HistoryDecoder().decode([try InputBuffer.read(path: path)]))
    }

    static func definition(_ name: String, change: (inout JSONValue) -> Void = { _ in }) throws
        -> StateMachineDefinition
    {
        let path = PackagePaths.fixture(name, target: "ReplayTests").path
        var json = try JSONValue.parse(String(contentsOfFile: path, encoding: .utf8), name: name)
        change(&json)
        return try StateMachineDefinition(parsing: json)
    }

    static func replay(_ history: String, _ definition: StateMachineDefinition) throws -> ReplayReport {
        DefinitionReplayer(definition: definition).replay(try tree(history))
    }

    // MARK: - TimeoutSeconds

    @Test func anUnchangedDefinitionWhoseExecutionTimedOutAgrees() throws {
        let report = try Self.replay("timed-out.json", Self.definition("timed-out.asl.json"))
        #expect(report.agrees, "\(report.divergences)")
        #expect(report.statesReplayed == 1)
        #expect(report.notCompared.contains { $0.category == .historyEnds })
    }

    @Test func aTimeoutTheDefinitionDoesNotSetDiverges() throws {
        let machine = try Self.definition("timed-out.asl.json") { $0.update(["TimeoutSeconds"]) { _ in nil } }
        let report = try Self.replay("timed-out.json", machine)
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 5)
        #expect(first.kind == .executionResult)
        #expect(first.expected == "no execution timeout (the definition sets no TimeoutSeconds)")
        #expect(first.recorded == "ExecutionTimedOut after 1 m")
        #expect(report.divergences.count == 1)
    }

    @Test func aLongerTimeoutDivergesOnTheTiming() throws {
        let machine = try Self.definition("timed-out.asl.json") { $0.update(["TimeoutSeconds"]) { _ in .integer(300) } }
        let report = try Self.replay("timed-out.json", machine)
        let first = try #require(report.firstDivergence)
        #expect(first.kind == .timing)
        #expect(first.expected == "an execution timeout of 5 m (from 1 s early to 10 s late)")
        #expect(first.recorded == "1 m")
    }

    @Test func aShorterTimeoutThanTheSucceededRunDiverges() throws {
        let machine = try Self.definition("redriven.asl.json") { $0.update(["TimeoutSeconds"]) { _ in .integer(1) } }
        let report = try Self.replay("redriven.json", machine)
        // The first run failed after 301 ms; only a run lasting beyond the timeout and its tolerance diverges.
        #expect(report.agrees, "\(report.divergences)")
        let slow = try Self.definition("timed-out.asl.json") { $0.update(["TimeoutSeconds"]) { _ in .integer(30) } }
        let timedOut = try Self.replay("timed-out.json", slow)
        #expect(timedOut.firstDivergence?.kind == .timing)
    }

    /// `redriven-timed-out.json`: the first run fails after 301 ms, the redrive an hour later times out 60 s after
    /// its `ExecutionRedriven`. AWS resets the execution timeout on a redrive, so `TimeoutSeconds` 60 explains it.
    @Test func aRedrivenRunIsTimedFromItsRedrive() throws {
        let sixty = try Self.definition("redriven.asl.json") { $0.update(["TimeoutSeconds"]) { _ in .integer(60) } }
        let report = try Self.replay("redriven-timed-out.json", sixty)
        #expect(report.agrees, "\(report.divergences)")
        #expect(!report.notCompared.contains { $0.category == .timing }, "\(report.notCompared)")
        // Timed from the first run's start the redrive would have lasted 1 h 1 m; timed from the redrive, 1 m.
        let longer = try Self.definition("redriven.asl.json") { $0.update(["TimeoutSeconds"]) { _ in .integer(300) } }
        let first = try #require(try Self.replay("redriven-timed-out.json", longer).firstDivergence)
        #expect(first.eventID == 13)
        #expect(first.kind == .timing)
        #expect(first.expected == "an execution timeout of 5 m (from 1 s early to 10 s late)")
        #expect(first.recorded == "1 m")
    }

    @Test func eachRedriveIsCheckedAgainstTheTimeoutFromItsOwnStart() throws {
        // The redrive of `redriven.json` lasts 5.2 s and succeeds, an hour after the first run started: a timeout
        // of 10 s (with the 10 s tolerance) is not exceeded when the clock restarts at the redrive.
        let ten = try Self.definition("redriven.asl.json") { $0.update(["TimeoutSeconds"]) { _ in .integer(10) } }
        #expect(try Self.replay("redriven.json", ten).agrees)
        // The redrive that timed out after 60 s outlasted a timeout of 30 s by more than the tolerance, and
        // should have ended 30 s earlier.
        let thirty = try Self.definition("redriven.asl.json") { $0.update(["TimeoutSeconds"]) { _ in .integer(30) } }
        let first = try #require(try Self.replay("redriven-timed-out.json", thirty).firstDivergence)
        #expect(first.eventID == 13)
        #expect(first.kind == .timing)
        #expect(first.expected == "an execution timeout of 30 s (from 1 s early to 10 s late)")
    }

    // MARK: - Redrive

    @Test func everyRunOfARedrivenExecutionIsReplayed() throws {
        let report = try Self.replay("redriven.json", Self.definition("redriven.asl.json"))
        #expect(report.agrees, "\(report.divergences)")
        // Prepare and Ship in the first run; Ship, Settle and Done in the redrive.
        #expect(report.statesReplayed == 5)
        #expect(report.visitsNotCompared == 0)
        #expect(report.notCompared.isEmpty, "\(report.notCompared)")
    }

    @Test func theRedriveCountIsZeroOnTheFirstRunAndCountsRedrives() throws {
        // The recorded parameters carry $$.Execution.RedriveCount: 0 in the first run, 1 in the redrive. The
        // agreeing pair shows both; one more than the count diverges in both runs.
        let machine = try Self.definition("redriven.asl.json") {
            $0.update(["States", "Ship", "Parameters", "Payload", "redrive.$"]) { _ in
                .string("States.MathAdd($$.Execution.RedriveCount, 1)")
            }
        }
        let report = try Self.replay("redriven.json", machine)
        #expect(report.divergences.map(\.eventID) == [5, 11])
        #expect(report.divergences.allSatisfy { $0.kind == .taskParameters })
    }

    @Test func aChangeInTheRedrivenPartDivergesInTheRedrive() throws {
        let machine = try Self.definition("redriven.asl.json") {
            $0.update(["States", "Settle", "Next"]) { _ in nil }
            $0.update(["States", "Settle", "End"]) { _ in .bool(true) }
        }
        let report = try Self.replay("redriven.json", machine)
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 17)
        #expect(first.kind == .nextState)
        #expect(first.expected == "redrive 1 ends after \"Settle\"")
        #expect(first.recorded == "entering \"Done\"")
    }

    @Test func aRedrivenParallelRunsOnlyTheBranchThatFailed() throws {
        let report = try Self.replay("parallel-redriven.json", Self.definition("parallel-redriven.asl.json"))
        #expect(report.agrees, "\(report.divergences)")
        // Both, A1 and B1 in the first run; Both and B1 again in the redrive.
        #expect(report.statesReplayed == 5)
        let kept = try #require(report.notCompared.first { $0.category == .redrive })
        #expect(kept.eventID == 13)
        #expect(kept.detail.hasPrefix("the branches that succeeded before redrive 1 were not run again"))
        let changed = try Self.definition("parallel-redriven.asl.json") {
            $0.update(["States", "Both", "Branches", "1", "States", "B1", "Parameters", "FunctionName"]) { _ in
                .string("b-v2")
            }
        }
        #expect(try Self.replay("parallel-redriven.json", changed).divergences.map(\.eventID) == [7, 16])
    }

    // MARK: - Wait

    @Test func aWaitLongerThanRecordedDivergesWithTheTolerance() throws {
        let machine = try Self.definition("redriven.asl.json") {
            $0.update(["States", "Settle", "Seconds"]) { _ in .integer(60) }
        }
        let report = try Self.replay("redriven.json", machine)
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 16)
        #expect(first.kind == .timing)
        #expect(first.expected == "a wait of 1 m (from 1 s early to 10 s late)")
        #expect(first.recorded == "5 s")
    }

    @Test func aWaitEndingWithinTheLateToleranceAgrees() throws {
        let machine = try Self.definition("redriven.asl.json") {
            $0.update(["States", "Settle", "Seconds"]) { _ in .integer(0) }
        }
        #expect(try Self.replay("redriven.json", machine).agrees, "5 s late is within the 10 s tolerance")
        let far = try Self.definition("redriven.asl.json") {
            $0.update(["States", "Settle", "Seconds"]) { _ in nil }
            $0.update(["States", "Settle", "Timestamp"]) { _ in .string("2020-01-01T00:00:00Z") }
        }
        // A timestamp in the past ends the wait at once; the recorded 5 s are within the late tolerance.
        #expect(try Self.replay("redriven.json", far).agrees)
    }

    // MARK: - Context object

    @Test func aSyncIntegrationIsGivenATaskToken() throws {
        let history = """
            {"events": [
             {"id": 1, "timestamp": "2026-05-01T10:00:00.000Z", "type": "ExecutionStarted",
              "executionStartedEventDetails": {"input": "{}", "roleArn": "arn:aws:iam::123456789012:role/R"}},
             {"id": 2, "previousEventId": 1, "timestamp": "2026-05-01T10:00:00.010Z", "type": "TaskStateEntered",
              "stateEnteredEventDetails": {"name": "Run", "input": "{}"}},
             {"id": 3, "previousEventId": 2, "timestamp": "2026-05-01T10:00:00.020Z", "type": "TaskScheduled",
              "taskScheduledEventDetails": {"resourceType": "ecs", "resource": "runTask.sync", "region": "eu-west-1",
               "parameters": "{\\"Cluster\\":\\"c\\",\\"Token\\":\\"AQCEAAAAKgAAAAMAAAAAAAAAAf1\\"}"}},
             {"id": 4, "previousEventId": 3, "timestamp": "2026-05-01T10:00:00.030Z", "type": "TaskStarted",
              "taskStartedEventDetails": {"resourceType": "ecs", "resource": "runTask.sync"}},
             {"id": 5, "previousEventId": 4, "timestamp": "2026-05-01T10:00:05.000Z", "type": "TaskSucceeded",
              "taskSucceededEventDetails": {"resourceType": "ecs", "resource": "runTask.sync", "output": "{}"}},
             {"id": 6, "previousEventId": 5, "timestamp": "2026-05-01T10:00:05.001Z", "type": "TaskStateExited",
              "stateExitedEventDetails": {"name": "Run", "output": "{}"}},
             {"id": 7, "previousEventId": 6, "timestamp": "2026-05-01T10:00:05.002Z", "type": "ExecutionSucceeded",
              "executionSucceededEventDetails": {"output": "{}"}}]}
            """
        let tree = ExecutionTree(history: try HistoryDecoder().decode([InputBuffer(name: "sync.json", text: history)]))
        let machine = try StateMachineDefinition(
            parsing: """
                {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
                 "Parameters": {"Cluster": "c", "Token.$": "$$.Task.Token"}, "ResultPath": null, "End": true}}}
                """)
        let report = DefinitionReplayer(definition: machine).replay(tree)
        #expect(report.agrees, "\(report.divergences)")
        #expect(report.notCompared.contains { $0.category == .unknownValue && $0.detail.contains("$$.Task.Token") })
    }

    // MARK: - Every divergence

    @Test func afterADivergenceTheHistorysPathIsFollowedAndEveryDivergenceFound() throws {
        let report = try Self.replay("redriven.json", Self.definition("redriven-changed.asl.json"))
        let found = report.divergences.map { "#\($0.eventID) \($0.kind.rawValue)" }
        #expect(
            found == [
                "#4 next-state", "#5 task-parameters", "#11 task-parameters", "#16 timing",
            ])
        #expect(report.statesReplayed == 5, "every recorded visit is still compared")
        #expect(report.visitsNotCompared == 0)
    }
}

/// Distributed Map child executions given with their parent: each replayed against the Map's `ItemProcessor`,
/// and the Map Run's outcome checked against their failures and `ToleratedFailureCount`.
@Suite("Replay of distributed Map child executions")
struct MapRunChildrenReplayTests {
    static func children() throws -> [MapRunChild] {
        let parent = try ExecutionEndingsReplayTests.tree("rows-parent.json")
        let started = try #require(parent.events.first { $0.type == .mapRunStarted })
        return try (1...3).map { number in
            MapRunChild(
                name: "child-\(number)", mapRunStartedEventID: started.id,
                tree: try ExecutionEndingsReplayTests.tree("rows-child-\(number).json"))
        }
    }

    static func replay(
        children: [MapRunChild]? = nil, change: (inout JSONValue) -> Void = { _ in }
    ) throws -> ReplayReport {
        let machine = try ExecutionEndingsReplayTests.definition("rows.asl.json", change: change)
        return DefinitionReplayer(definition: machine).replay(
            try ExecutionEndingsReplayTests.tree("rows-parent.json"), children: try children ?? Self.children())
    }

    @Test func theChildrenAreReplayedAgainstTheItemProcessorAndAgree() throws {
        let report = try Self.replay()
        #expect(report.agrees, "\(report.divergences)")
        // The Map in the parent, and Check in each of the three children.
        #expect(report.statesReplayed == 4)
        #expect(report.visitsRecorded == 4)
        #expect(!report.notCompared.contains { $0.category == .mapRun })
    }

    @Test func withoutTheChildrenTheMapRunIsTakenOnTrustAndSaidSo() throws {
        let report = try Self.replay(children: [])
        #expect(report.agrees)
        #expect(report.statesReplayed == 1)
        #expect(report.notCompared.contains { $0.category == .mapRun })
        let some = try Self.replay(children: Array(try Self.children().prefix(2)))
        #expect(
            some.notCompared.contains {
                $0.detail == "2 of the 3 child executions were given; the others were not replayed"
            })
    }

    @Test func aChangedItemProcessorDivergesInEachChild() throws {
        let report = try Self.replay {
            $0.update(["States", "Each", "ItemProcessor", "States", "Check", "Parameters", "FunctionName"]) { _ in
                .string("check-v2")
            }
        }
        #expect(report.divergences.count == 3)
        #expect(report.divergences.allSatisfy { $0.kind == .taskParameters && $0.eventID == 3 })
        #expect(
            report.divergences.map { $0.location.prefix(2).map(\.description) } == [
                ["Each", "execution child-1"], ["Each", "execution child-2"], ["Each", "execution child-3"],
            ])
    }

    @Test func childExecutionsRunningAtOnceAreCheckedAgainstMaxConcurrency() throws {
        let one: (inout JSONValue) -> Void = { $0.update(["States", "Each", "MaxConcurrency"]) { _ in .integer(1) } }
        #expect(try Self.replay(change: one).agrees, "the recorded children ran one after another")
        // Child 2 moved to start while child 1 still runs.
        let path = PackagePaths.fixture("rows-child-2.json", target: "ReplayTests").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "T09:00:02.0", with: "T09:00:01.1")
            .replacingOccurrences(of: "T09:00:02.4", with: "T09:00:01.3")
        var children = try Self.children()
        children[1].tree = ExecutionTree(
            history: try HistoryDecoder().decode([InputBuffer(name: "rows-child-2.json", text: text)]))
        let report = try Self.replay(children: children, change: one)
        let first = try #require(report.firstDivergence)
        #expect(first.kind == .mapLimits)
        #expect(first.eventID == 4, "the parent's MapRunStarted")
        #expect(first.expected == "at most 1 child execution at once (MaxConcurrency)")
        #expect(first.recorded == "2 child executions running")
    }

    @Test func noToleratedFailureMeansTheMapRunShouldHaveFailed() throws {
        let report = try Self.replay { $0.update(["States", "Each", "ToleratedFailureCount"]) { _ in nil } }
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 5)
        #expect(first.kind == .mapLimits)
        #expect(first.expected == "the Map Run fails (1 of 3 child executions failed, more than tolerated)")
        #expect(first.recorded == "the Map Run succeeded")
        let percentage = try Self.replay {
            $0.update(["States", "Each", "ToleratedFailureCount"]) { _ in nil }
            $0.update(["States", "Each", "ToleratedFailurePercentage"]) { _ in .integer(40) }
        }
        #expect(percentage.agrees, "1 of 3 is 33 %, within 40 %")
    }
}
