import Foundation
import RetraceCore
import StepFunctions
import Testing

@testable import Rendering

/// What the graph model says about real shapes of runs: folding, merging, the root cause, the budget.
@Suite("Execution graph: what is drawn")
struct ExecutionGraphTests {
    static func stateNodes(_ graph: ExecutionGraph, named name: String) -> [ExecutionGraphNode] {
        graph.nodes.filter { node in
            if case .state = node.kind { return node.name == name }
            return false
        }
    }

    static func edges(_ graph: ExecutionGraph, from: String, to: String) -> [ExecutionGraphEdge] {
        graph.edges.filter { $0.from == from && $0.to == to }
    }

    @Test func mapFailureMergesIterationsAndDrawsTheFailedOneApart() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/map-failure.json")
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        let aggregate = try #require(
            graph.nodes.first { if case .iterations = $0.kind { return true } else { return false } })
        guard case .iterations(let total, let merged) = aggregate.kind else { return }
        #expect(total == 25)
        #expect(merged == 24)
        #expect(aggregate.statusCounts == [.succeeded: 17, .failed: 1, .aborted: 7])

        let transforms = Self.stateNodes(graph, named: "Transform")
        #expect(transforms.count == 2, "one merged node, one in the iteration drawn apart")
        let root = try #require(transforms.first { $0.isRootCause })
        #expect(root.error == "ValueError")
        #expect(root.status == .failed)
        let cluster = try #require(root.cluster.map { graph.clusters[$0] })
        #expect(cluster.kind == .iteration(index: 17))
        #expect(cluster.status == .failed)
        let mergedNode = try #require(transforms.first { !$0.isRootCause })
        #expect(mergedNode.visits == 24)
        #expect(mergedNode.statusCounts == [.succeeded: 17, .aborted: 7])

        #expect(
            graph.notes.contains { $0.contains("TransformRecords: 25 iterations (17 succeeded, 1 failed, 7 aborted)") })
        let end = try #require(graph.endNode)
        #expect(end.kind == .end(.failed))
        #expect(!end.isRootCause, "the root cause is marked on its state, not on the end")
        let dot = graph.dot()
        #expect(dot.contains("ROOT CAUSE: ValueError"))
        #expect(dot.contains("penwidth=\"5\""))
    }

    @Test func parallelBranchesAreClustersEnteredFromTheParallelState() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/order-success.json")
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        let parallel = try #require(Self.stateNodes(graph, named: "ChargeAndReserve").first)
        #expect(parallel.type == .parallel)
        let branchClusters = graph.clusters.filter { if case .branch = $0.kind { return true } else { return false } }
        #expect(branchClusters.map(\.kind) == [.branch(number: 1), .branch(number: 2)])
        for name in ["ChargeCard", "ReserveStock"] {
            let node = try #require(Self.stateNodes(graph, named: name).first)
            let cluster = try #require(node.cluster.map { graph.clusters[$0] })
            #expect(cluster.stateName == "ChargeAndReserve")
            #expect(Self.edges(graph, from: parallel.id, to: node.id).map(\.kind) == [.fanOut])
        }
        let next = try #require(Self.stateNodes(graph, named: "PackItems").first)
        #expect(Self.edges(graph, from: parallel.id, to: next.id).map(\.kind) == [.transition])
        // The branches' ends hold the next state below them, invisibly.
        let chargeCard = try #require(Self.stateNodes(graph, named: "ChargeCard").first)
        #expect(Self.edges(graph, from: chargeCard.id, to: next.id).map(\.kind) == [.layout])
        #expect(graph.nodes.allSatisfy { !$0.isRootCause })
        #expect(graph.endNode?.kind == .end(.succeeded))
    }

    @Test func caughtFailureHasItsOwnEdgeWithTheError() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/retry-then-catch.json")
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        let authorize = try #require(Self.stateNodes(graph, named: "AuthorizePayment").first)
        #expect(authorize.status == .caught)
        #expect(authorize.attempts == 4)
        #expect(authorize.failedAttempts == 4)
        let review = try #require(Self.stateNodes(graph, named: "QueueForManualReview").first)
        let edge = try #require(Self.edges(graph, from: authorize.id, to: review.id).first)
        #expect(edge.kind == .caught(error: "Lambda.TooManyRequestsException"))
        let dot = graph.dot()
        #expect(dot.contains("label=\"Catch: Lambda.TooManyRequestsException\", style=\"dashed\""))
        #expect(dot.contains("4 attempts, 4 failed"))
    }

    @Test func loopVisitsFoldIntoOneNodeWithCountedEdges() throws {
        let (tree, diagnosis) = try TestHistory.loop(rounds: 300).analysed()
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        let check = try #require(Self.stateNodes(graph, named: "CheckStatus").first)
        let poll = try #require(Self.stateNodes(graph, named: "Poll").first)
        #expect(Self.stateNodes(graph, named: "Poll").count == 1)
        #expect(check.visits == 301)
        #expect(poll.visits == 300)
        #expect(graph.stateNodeCount == 3)
        #expect(Self.edges(graph, from: check.id, to: poll.id).first?.count == 300)
        #expect(Self.edges(graph, from: poll.id, to: check.id).first?.count == 300)
        #expect(graph.dot().contains("label=\"×300\""))
        #expect(graph.notes.first?.hasPrefix("602 visits drawn as 3 nodes") ?? false)
    }

    @Test func largeMapStaysWithinTheBudgetWithFailuresApart() throws {
        let failing: Set<Int> = [3, 500, 501, 502, 503, 504, 505, 999]
        let (tree, diagnosis) = try TestHistory.largeMap(iterations: 1000, failing: failing).analysed()
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        let apart = graph.clusters.compactMap { cluster -> Int? in
            if case .iteration(let index) = cluster.kind { return index }
            return nil
        }
        // The root cause's iteration first, then the failed ones up to the limit (5 by default).
        #expect(apart.count == 1 + ExecutionGraphOptions().failedIterationsExpanded)
        #expect(Set(apart).isSubset(of: failing))
        #expect(graph.stateNodeCount < 40)
        let root = try #require(graph.nodes.first { $0.isRootCause })
        #expect(root.name == "Work")
        #expect(graph.notes.contains { $0.contains("Items: 1000 iterations (992 succeeded, 8 failed)") })
    }

    @Test func expandMapsDrawsIterationsApartWithinHalfTheBudget() throws {
        let (tree, diagnosis) = try TestHistory.largeMap(iterations: 1000, failing: []).analysed()
        let options = ExecutionGraphOptions(nodeBudget: 120, expandMaps: true)
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis, options: options)
        let apart = graph.clusters.filter { if case .iteration = $0.kind { return true } else { return false } }
        // Two states per iteration: half of 120 nodes holds 30 iterations; the other 970 merge.
        #expect(apart.map(\.kind) == (0..<30).map { .iteration(index: $0) })
        #expect(graph.clusters.contains { $0.kind == .mergedIterations(count: 970) })
        #expect(graph.stateNodeCount <= 120)
        #expect(
            graph.notes.contains(
                "Items: 1000 iterations (1000 succeeded); 970 merged into one aggregate; 30 chosen to be drawn apart"))
        #expect(!graph.notes.contains { $0.contains("did not fit") })

        let collapsed = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        #expect(collapsed.clusters.allSatisfy { if case .iteration = $0.kind { return false } else { return true } })
    }

    @Test func smallMapsExpandWholeWithTheirAggregate() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/order-success.json")
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis, options: ExecutionGraphOptions(expandMaps: true))
        let kinds = graph.clusters.filter { $0.stateName == "PackItems" }.map(\.kind)
        #expect(
            kinds == [.mergedIterations(count: 0), .iteration(index: 0), .iteration(index: 1), .iteration(index: 2)])
        #expect(graph.dot().contains(#"PackItems: 3 iterations\n3 succeeded\nall drawn apart"#))
    }

    @Test func budgetCutsAThreadWithTooManyDistinctStatesAndSaysSo() throws {
        var history = TestHistory()
        var last = history.start()
        for index in 0..<600 { last = history.pass("Step \(index)", after: last) }
        history.succeed(after: last)
        let (tree, diagnosis) = try history.analysed()
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis, options: ExecutionGraphOptions(nodeBudget: 100))
        #expect(graph.stateNodeCount == 100)
        let omitted = try #require(
            graph.nodes.first { if case .omitted = $0.kind { return true } else { return false } })
        #expect(omitted.kind == .omitted(states: 500, visits: 500))
        #expect(graph.notes.contains("node budget (100) reached: 500 visits of 500 states not drawn"))
        #expect(graph.endNode?.kind == .end(.succeeded))
    }

    @Test func redriveIsDrawnAsItsOwnEdge() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Tests/StepFunctionsTests/Fixtures/redrive.json")
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        #expect(graph.edges.contains { $0.kind == .redrive })
        #expect(graph.nodes.contains { $0.lastRun > 0 })
    }

    @Test func definitionAddsStatesNeverEnteredAndTransitionsNeverTaken() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/order-success.json")
        let definition = try StateMachineDefinition(parsing: GraphDefinitions.orderSuccess)
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis, definition: definition)
        let never = graph.nodes.filter(\.isNeverEntered).map(\.name)
        #expect(Set(never) == ["Refund", "Failed", "RefundLine", "Skipped"])
        let refund = try #require(Self.stateNodes(graph, named: "Refund").first)
        let parallel = try #require(Self.stateNodes(graph, named: "ChargeAndReserve").first)
        #expect(Self.edges(graph, from: parallel.id, to: refund.id).map(\.kind) == [.notTaken])
        let refundLine = try #require(Self.stateNodes(graph, named: "RefundLine").first)
        #expect(refundLine.cluster.map { graph.clusters[$0].kind } == .neverEntered)
        // Visited states are not duplicated by the definition.
        #expect(Self.stateNodes(graph, named: "PackItem").count == 1)
        let dot = graph.dot()
        #expect(dot.contains("never entered"))
        #expect(dot.contains("\"legend_never_entered\""))

        let without = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        #expect(without.nodes.allSatisfy { !$0.isNeverEntered })
    }

    @Test func nestingBeyondTheLimitIsCutAndSaid() throws {
        func nest(_ history: inout TestHistory, level: Int, after previous: Int) -> (last: Int, failed: Bool) {
            history.map("Level \(level)", after: previous, iterations: 1) { history, _, begin in
                level < 40
                    ? nest(&history, level: level + 1, after: begin) : (history.task("Leaf", after: begin), false)
            }
        }
        var history = TestHistory()
        let started = history.start()
        let result = nest(&history, level: 1, after: started)
        history.succeed(after: result.last)
        let (tree, diagnosis) = try history.analysed()
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        #expect(graph.notes.contains("1 group nested deeper than 24 levels not drawn"))
        #expect(Self.stateNodes(graph, named: "Leaf").isEmpty)
        #expect(!Self.stateNodes(graph, named: "Level 12").isEmpty)
        #expect(try GraphvizRenderer.summarize(dot: graph.dot()).nodeNames.count > 20)
        let timeline = Timeline(tree: tree, diagnosis: diagnosis)
        #expect(timeline.notes.contains("groups nested deeper than 24 levels not drawn"))
        #expect(SVGStructure(parsing: timeline.svg()).isWellFormed)
    }

    @Test func abortedRootCauseIsNamedByItsCode() throws {
        let (tree, diagnosis) = try TestHistory.analysed(
            file: "Tests/StepFunctionsTests/Fixtures/abort_during_wait.json")
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        let root = try #require(graph.nodes.first { $0.isRootCause })
        #expect(root.name == "Pause")
        #expect(root.error == diagnosis.rootCause?.code.rawValue)
        #expect(graph.dot().contains("ROOT CAUSE: \(diagnosis.rootCause?.code.rawValue ?? "")"))
    }

    @Test func executionLevelRootCauseMarksTheEnd() throws {
        var history = TestHistory()
        // No state ever ran: the failure belongs to the execution itself.
        let started = history.start()
        history.fail(after: started, error: "States.Runtime", cause: "something at the execution level")
        let (tree, diagnosis) = try history.analysed()
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        let root = try #require(diagnosis.rootCause)
        #expect(root.location.allSatisfy { if case .state = $0 { return false } else { return true } })
        #expect(graph.nodes.filter(\.isRootCause).map(\.id) == [graph.endNode?.id])
        #expect(graph.endNode?.kind == .end(.failed))
        #expect(graph.endNode?.error == "States.Runtime")
        #expect(graph.dot().contains("ROOT CAUSE: States.Runtime"))
    }

    @Test func unreadableTimestampsStillDrawWithoutDurations() throws {
        var placeholder = TestHistory()
        placeholder.placeholderTimestamps = true
        var last = placeholder.start()
        last = placeholder.task("Work", after: last)
        placeholder.succeed(after: last)
        let (tree, diagnosis) = try placeholder.analysed()
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        #expect(graph.durationMilliseconds == nil)
        #expect(graph.nodes.allSatisfy { $0.totalMilliseconds == nil })
        let dot = graph.dot()
        #expect(dot.contains("duration unknown"))
        let summary = try GraphvizRenderer.summarize(dot: dot)
        #expect(summary.nodeNames.contains("n2"))
    }

    @Test func graphvizReadsExactlyTheNodesAndEdgesOfTheModel() throws {
        for file in TestHistory.packageFiles {
            let (tree, diagnosis) = try TestHistory.analysed(file: file)
            let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
            let summary = try GraphvizRenderer.summarize(dot: graph.dot())
            let modelNodes = Set(graph.nodes.map(\.id))
            let drawn = Set(summary.nodeNames.filter { !$0.hasPrefix("legend_") })
            #expect(drawn == modelNodes, "\(file)")
            #expect(summary.edgeCount == graph.edges.count, "\(file)")
            let clusterNames = Set(graph.clusters.map { "cluster_" + $0.id } + ["cluster_legend"])
            #expect(Set(summary.subgraphNames) == clusterNames, "\(file)")
        }
    }
}
