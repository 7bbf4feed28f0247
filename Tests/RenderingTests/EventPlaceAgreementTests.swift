import Diagnostics
import Replay
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

@testable import Rendering

/// One place per event (`ExecutionTree.place(ofEvent:)`), and every view that says where an event happened
/// (the events list, the replay, the root-cause finding, the graph and timeline marks) says the same.
@Suite("Every event has one place, and every view agrees on it")
struct EventPlaceAgreementTests {
    /// The package's own histories, then the recorded corpus when it is there.
    static let files = TestHistory.packageFiles + Corpus.stepFunctionsHistories().map(\.path)

    @Test(arguments: files)
    func everyEventIsAttachedOnceAndPlacedByItsKind(file: String) throws {
        let (tree, _) = try TestHistory.analysed(file: file)
        var attached: [Int64: Int] = [:]
        for placed in tree.placedVisits {
            for id in placed.visit.eventIDs where id > 0 { attached[id, default: 0] += 1 }
            for iteration in placed.visit.iterations {
                attached[iteration.startedEventID, default: 0] += 1
                if let end = iteration.endEventID { attached[end, default: 0] += 1 }
            }
        }
        #expect(attached.values.allSatisfy { $0 == 1 }, "an event attached in two places")
        let orphans = Set(tree.warnings.filter { $0.code.rawValue == "orphan-event" }.flatMap(\.eventIDs))
        for event in tree.events where event.id > 0 {
            guard let place = tree.place(ofEvent: event.id) else {
                #expect(
                    Self.isExecutionLevel(event.type) || orphans.contains(event.id),
                    "#\(event.id) \(event.type.name) has no place")
                #expect(attached[event.id] == nil)
                #expect(tree.location(ofEvent: event.id).isEmpty)
                continue
            }
            #expect(attached[event.id] == 1, "#\(event.id) placed but not attached")
            #expect(tree.location(ofEvent: event.id) == place.path)
            Self.expectPlaceFits(event, place)
        }
    }

    static func isExecutionLevel(_ type: EventType) -> Bool {
        type == .executionStarted || type == .executionRedriven || type.isExecutionTerminal
    }

    /// Task events go to their attempt, an iteration's own events to the iteration, container events to the
    /// container's state, state events to their state.
    static func expectPlaceFits(_ event: HistoryEvent, _ place: EventPlace) {
        let visit = place.holder.visit
        #expect(Array(place.path.prefix(place.holder.path.count)) == place.holder.path)
        let iterationSteps = place.path.filter { if case .iteration = $0 { return true } else { return false } }
        #expect(iterationSteps.count == place.iterationStartedEventIDs.count)
        switch event.type {
        case _ where event.type.taskEvent != nil:
            guard case .attempt(let number, let total)? = place.path.last else {
                Issue.record("#\(event.id) \(event.type.name) is not at an attempt: \(place.path.pathDescription)")
                return
            }
            #expect(total == visit.attempts.count)
            let attempt = visit.attempts.first { $0.number == number }
            let ids = [
                attempt?.scheduledEventID, attempt?.startedEventID, attempt?.submittedEventID, attempt?.endEventID,
            ]
            if [.scheduled, .started, .succeeded, .failed, .timedOut].contains(event.type.taskEvent?.phase) {
                #expect(ids.contains(event.id), "#\(event.id) is not an event of attempt \(number)")
            }
        case .mapIterationStarted, .mapIterationSucceeded, .mapIterationFailed, .mapIterationAborted:
            #expect(visit.type == .map)
            #expect(place.path.last == .iteration(Int(event.details.index ?? -1)))
            #expect(visit.iterations.contains { $0.startedEventID == event.id || $0.endEventID == event.id })
        case .mapRunStarted, .mapRunSucceeded, .mapRunFailed, .mapRunAborted, .mapRunRedriven, .mapStateStarted:
            #expect(visit.type == .map)
            #expect(place.path == place.holder.path)
        case .parallelStateStarted, .parallelStateSucceeded, .parallelStateFailed:
            #expect(visit.type == .parallel)
            #expect(place.path == place.holder.path)
        case _ where event.type.isStateEntered:
            #expect(visit.enteredEventID == event.id)
            #expect(place.path.last == .state(visit.name))
        default:
            #expect(place.path == place.holder.path)
        }
    }

    @Test(arguments: files)
    func eventsListReplayFindingsAndGraphAgree(file: String) throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: file)
        let reenactment = Reenactment(tree: tree)
        for (event, path) in EventListReport(tree: tree, filter: .init()).rows() where event.id > 0 {
            #expect(path == tree.location(ofEvent: event.id), "events list, #\(event.id)")
            #expect(reenactment.context(of: event.id) == path, "replay, #\(event.id)")
        }
        guard let root = diagnosis.rootCause, let evidence = root.evidence.first.flatMap({ Int64($0) }),
            let place = tree.place(ofEvent: evidence)
        else { return }
        #expect(root.location == place.path, "\(root.code) at \(root.location.pathDescription)")
        let locator = try #require(RootCauseLocator(tree: tree, finding: root))
        #expect(locator.visitEnteredEventID == place.holder.visit.enteredEventID)
        #expect(locator.iterationStartedEventIDs == Set(place.iterationStartedEventIDs))
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        let marked = graph.nodes.filter(\.isRootCause)
        #expect(marked.map(\.name) == [place.holder.visit.name])
    }

    @Test func taskStartedIsAtItsAttemptEverywhere() throws {
        let (tree, _) = try TestHistory.analysed(file: "Tests/StepFunctionsTests/Fixtures/retry_then_success.json")
        let started = try #require(tree.events.filter { $0.type == .taskStarted }.dropFirst().first)
        let expected: [LocationStep] = [.state("Charge"), .attempt(number: 2, total: 3)]
        #expect(tree.location(ofEvent: started.id) == expected)
        let row = EventListReport(tree: tree, filter: .init()).rows().first { $0.event.id == started.id }
        #expect(row?.path == expected)
    }
}
