import RetraceCore
import StepFunctions
import Testing

@Suite("Reconstruction links events by the rules real AWS histories follow")
struct TreeBuilderTests {
    @Test func parallelInsideMapInsideParallelWithRepeatedNames() throws {
        let tree = try Load.tree("parallel_map_parallel.json")
        #expect(tree.outcome == .succeeded)
        #expect(tree.visits.map(\.name) == ["Outer"])
        let outer = try #require(tree.visits.first)
        #expect(outer.status == .succeeded)
        #expect(outer.branches.count == 2)
        // Branch order follows first appearance: the Map's branch entered first (#5), the Pass branch second.
        let mapBranch = outer.branches[0]
        let passBranch = outer.branches[1]
        #expect(mapBranch.visits.map(\.name) == ["Items"])
        #expect(passBranch.visits.map(\.name) == ["Work"])
        #expect(passBranch.visits.first?.type == .pass)
        let map = try #require(mapBranch.visits.first)
        #expect(map.itemCount == 2)
        #expect(map.iterations.map(\.index) == [0, 1])
        #expect(map.iterations.allSatisfy { $0.status == .succeeded })
        for iteration in map.iterations {
            let inner = try #require(iteration.visits.first)
            #expect(inner.name == "Inner" && inner.type == .parallel)
            #expect(inner.branches.count == 2)
            #expect(inner.branches.map { $0.visits.map(\.name) } == [["Work"], ["Work"]])
            #expect(
                inner.branches.allSatisfy { $0.visits.first?.type == .task && $0.visits.first?.attempts.count == 1 })
        }
        // The two Work tasks of one inner Parallel are distinct visits with distinct events.
        let works = tree.placedVisits.filter { $0.visit.name == "Work" && $0.visit.type == .task }
        #expect(works.count == 4)
        #expect(Set(works.map(\.visit.enteredEventID)).count == 4)
        #expect(works[0].path.pathDescription == "Outer › branch 1 › Items › iteration 0 › Inner › branch 1 › Work")
        #expect(tree.stateTransitionCount == 9)
        #expect(tree.warnings.isEmpty)
    }

    @Test func retriesThenSuccess() throws {
        let tree = try Load.tree("retry_then_success.json")
        let charge = try #require(tree.visits.first)
        #expect(charge.status == .succeeded)
        #expect(charge.attempts.map(\.status) == [.failed, .failed, .succeeded])
        #expect(charge.attempts.map(\.number) == [1, 2, 3])
        #expect(charge.attempts.map(\.backoffMilliseconds) == [nil, 1000, 2000])
        #expect(charge.attempts[0].error == "Lambda.TooManyRequestsException")
        #expect(charge.attempts[2].durationMilliseconds == 400)
        #expect(charge.attempts.allSatisfy { $0.family == .task && $0.resourceType == "lambda" })
        #expect(tree.durationMilliseconds == 4_020)
    }

    @Test func catchThenFail() throws {
        let tree = try Load.tree("catch_then_fail.json")
        #expect(tree.outcome == .failed)
        #expect(tree.visits.map(\.name) == ["LoadOrder", "OrderMissing"])
        #expect(tree.visits[0].status == .caught)
        #expect(tree.visits[0].error == "S3.NoSuchKeyException")
        #expect(tree.visits[0].output?.value["Error"] == .string("S3.NoSuchKeyException"))
        #expect(tree.visits[1].status == .failed)
        #expect(tree.visits[1].type == .fail)
        #expect(tree.runs.last?.error == nil)
    }

    @Test func abortWithRootLinkAndEmptyDetails() throws {
        let tree = try Load.tree("abort_during_wait.json")
        #expect(tree.outcome == .aborted)
        let pause = try #require(tree.visits.first)
        #expect(pause.status == .aborted)
        #expect(pause.isUnfinished)
        #expect(pause.end == tree.end)
        #expect(tree.warnings.isEmpty)
    }

    @Test func redriveSplitsRuns() throws {
        let tree = try Load.tree("redrive.json")
        #expect(tree.runs.map(\.outcome) == [.failed, .succeeded])
        #expect(tree.runs.map(\.number) == [0, 1])
        #expect(tree.outcome == .succeeded)
        #expect(tree.redriveCount == 1)
        #expect(
            tree.visits.map { "\($0.name):\($0.run):\($0.status.rawValue)" } == [
                "Prepare:0:succeeded", "Ship:0:failed", "Ship:1:succeeded",
            ])
        #expect(!tree.warnings.contains { $0.code.rawValue == "after-terminal" })
    }

    @Test func executionTimeoutLeavesTheRunningStateTimedOut() throws {
        let tree = try Load.tree("execution_timeout.json")
        #expect(tree.outcome == .timedOut)
        let crunch = try #require(tree.visits.last)
        #expect(crunch.name == "Crunch" && crunch.status == .timedOut && crunch.isUnfinished)
        #expect(crunch.attempts.first?.submittedEventID != nil)
        let duration = try #require(crunch.durationMilliseconds)
        #expect(duration == 3_599_805)
    }

    @Test(arguments: ["heartbeat_timeout.json", "task_timeout.json"])
    func taskTimeoutsAreTimedOutAttempts(name: String) throws {
        let tree = try Load.tree(name)
        let visit = try #require(tree.visits.first)
        #expect(visit.status == .timedOut)
        #expect(visit.attempts.first?.status == .timedOut)
        #expect(visit.attempts.first?.heartbeatInSeconds == 30)
        #expect(visit.error == "States.Timeout")
    }

    @Test func distributedMapRun() throws {
        let tree = try Load.tree("distributed_map_failed.json")
        let map = try #require(tree.visits.first)
        #expect(map.status == .failed)
        let run = try #require(map.mapRun)
        #expect(run.status == .failed)
        #expect(run.error == "States.ExceedToleratedFailureThreshold")
        #expect(run.arn?.hasPrefix("arn:aws:states:us-east-1:123456789012:mapRun:") == true)
        #expect(tree.history.executionArn == "arn:aws:states:us-east-1:123456789012:execution:Csv:run-7")
    }

    @Test func anomaliesAreWarningsNotCrashes() throws {
        let tree = try Load.tree("anomalies.json")
        let codes = Set(tree.warnings.map(\.code.rawValue))
        #expect(
            codes.isSuperset(of: ["id-gap", "dangling-link", "forward-link", "after-terminal", "unknown-event-type"]))
        let gap = try #require(tree.warnings.first { $0.code.rawValue == "id-gap" })
        #expect(gap.message.hasPrefix("event #3 is missing"))
        #expect(gap.eventIDs == [3, 3])
        #expect(tree.outcome == .succeeded)
        #expect(tree.visits.first?.name == "A")
        #expect(tree.visits.first?.attempts.first?.status == .succeeded)
    }

    @Test func openStatesWhileRunning() throws {
        let text = """
            [{"id": 1, "previousEventId": 0, "timestamp": 1, "type": "ExecutionStarted"},
             {"id": 2, "previousEventId": 0, "timestamp": 2, "type": "TaskStateEntered", "stateEnteredEventDetails": {"name": "T"}},
             {"id": 3, "previousEventId": 2, "timestamp": 3, "type": "TaskScheduled",
              "taskScheduledEventDetails": {"resourceType": "lambda", "resource": "invoke", "region": "r", "parameters": "{}"}}]
            """
        let tree = ExecutionTree(history: try Load.history(text: text))
        #expect(tree.outcome == .running)
        #expect(tree.visits.first?.status == .running)
        #expect(tree.visits.first?.attempts.first?.status == .running)
        #expect(tree.durationMilliseconds == 2000)
    }

    @Test func cyclesAndSelfLinksAreIgnored() throws {
        let text = """
            [{"id": 1, "previousEventId": 0, "timestamp": 1, "type": "ExecutionStarted"},
             {"id": 2, "previousEventId": 3, "timestamp": 2, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "A"}},
             {"id": 3, "previousEventId": 2, "timestamp": 3, "type": "PassStateExited", "stateExitedEventDetails": {"name": "A"}},
             {"id": 4, "previousEventId": 4, "timestamp": 4, "type": "ExecutionSucceeded"}]
            """
        let tree = ExecutionTree(history: try Load.history(text: text))
        #expect(tree.outcome == .succeeded)
        #expect(tree.visits.map(\.status) == [.succeeded])
        let forward = try #require(tree.warnings.first { $0.code.rawValue == "forward-link" })
        #expect(forward.eventIDs == [2, 4])
        #expect(forward.message.contains("#2 → #3") && forward.message.contains("#4 → #4"))
    }

    @Test func danglingLinkNamesTheMissingTarget() throws {
        // Ids 3 … 9999 are missing (a page not given): event 10000 links to one of them.
        let text = """
            [{"id": 1, "previousEventId": 0, "timestamp": 1, "type": "ExecutionStarted"},
             {"id": 2, "previousEventId": 1, "timestamp": 2, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "A"}},
             {"id": 10000, "previousEventId": 9999, "timestamp": 3, "type": "PassStateExited", "stateExitedEventDetails": {"name": "A"}},
             {"id": 10001, "previousEventId": 10000, "timestamp": 4, "type": "ExecutionSucceeded"}]
            """
        let tree = ExecutionTree(history: try Load.history(text: text))
        let dangling = try #require(tree.warnings.first { $0.code.rawValue == "dangling-link" })
        #expect(dangling.eventIDs == [10000])
        #expect(dangling.message.contains("#10000 → #9999"))
        #expect(tree.visits.map(\.status) == [.succeeded])
    }

    @Test func clockRunningBackwardsIsOneWarningAndNoNegativeDuration() throws {
        let tree = try Load.tree("clock_backwards.json")
        let backwards = tree.warnings.filter { $0.code.rawValue == "timestamp-backwards" }
        #expect(backwards.count == 1)
        let warning = try #require(backwards.first)
        #expect(warning.eventIDs == [6, 8, 14, 16, 18])
        for pair in ["#6 before #5", "#8 before #7", "#14 before #13", "#18 before #17"] {
            #expect(warning.message.contains(pair), "\(pair) not named")
        }
        // The last event is 6 d 20 h before the start: the execution has run for no time, not for minus a week.
        #expect(tree.end == nil)
        #expect(tree.durationMilliseconds == 0)
        let charge = try #require(tree.visits.first)
        #expect(charge.attempts.map(\.backoffMilliseconds) == [nil, 0])
        #expect(charge.attempts.map(\.durationMilliseconds) == [980, 0])
        let map = try #require(tree.visits.dropFirst().first)
        #expect(map.durationMilliseconds == 0)
        #expect(map.iterations.map(\.durationMilliseconds) == [0])
        var durations: [Int64?] = [tree.durationMilliseconds]
        for placed in tree.placedVisits {
            let visit = placed.visit
            durations.append(visit.durationMilliseconds)
            durations += visit.attempts.flatMap { [$0.durationMilliseconds, $0.backoffMilliseconds] }
            durations += visit.iterations.map(\.durationMilliseconds) + visit.branches.map(\.durationMilliseconds)
        }
        durations += StateSummary.rows(of: tree).flatMap { [$0.totalMilliseconds, $0.maxMilliseconds] }
        #expect(durations.compactMap { $0 }.allSatisfy { $0 >= 0 })
    }

    @Test func concurrentThreadsRecordedOneAfterTheOtherAreNotBackwards() throws {
        // The samples write each branch and iteration in one block: by id the next thread starts earlier than
        // the last one ended, which is not a clock running backwards.
        let tree = try Load.tree("parallel_map_parallel.json")
        #expect(!tree.warnings.contains { $0.code.rawValue == "timestamp-backwards" })
    }

    @Test func deepNestingIsFlattenedNotFatal() throws {
        var events = [#"{"id": 1, "previousEventId": 0, "timestamp": 0, "type": "ExecutionStarted"}"#]
        var id: Int64 = 1
        var previous: Int64 = 0
        for level in 0..<400 {
            id += 1
            events.append(
                #"{"id": \#(id), "previousEventId": \#(previous), "timestamp": 0, "type": "MapStateEntered", "stateEnteredEventDetails": {"name": "M\#(level)"}}"#
            )
            id += 1
            events.append(
                #"{"id": \#(id), "previousEventId": \#(id - 1), "timestamp": 0, "type": "MapStateStarted", "mapStateStartedEventDetails": {"length": 1}}"#
            )
            id += 1
            events.append(
                #"{"id": \#(id), "previousEventId": \#(id - 1), "timestamp": 0, "type": "MapIterationStarted", "mapIterationStartedEventDetails": {"name": "M\#(level)", "index": 0}}"#
            )
            previous = id
        }
        let tree = ExecutionTree(history: try Load.history(text: "[\(events.joined(separator: ","))]"))
        #expect(tree.warnings.contains { $0.code.rawValue == "nesting-too-deep" })
        #expect(tree.placedVisits.count == 400)
    }
}
