import RetraceCore
import StepFunctions

/// Finds the state visit a root-cause finding points at, so the graph and the timeline can mark it.
///
/// This reads the diagnosis; it decides nothing. The finding's first evidence event is the failing event: the
/// deepest visit that recorded it is the one. When no visit holds that event (a masked history), the location
/// path is followed instead.
struct RootCauseLocator {
    /// The visit found, by its `*StateEntered` event id (unique per visit).
    var visitEnteredEventID: Int64
    /// The `MapIterationStarted` event ids of the iterations that lead to the visit, outermost first.
    var iterationStartedEventIDs: Set<Int64>

    init?(tree: ExecutionTree, finding: Finding?) {
        guard let finding else { return nil }
        if let evidence = finding.evidence.first.flatMap({ Int64($0) }),
            let found = Self.byEvidence(evidence, in: tree)
        {
            self = found
            return
        }
        guard let found = Self.byLocation(finding.location, in: tree) else { return nil }
        self = found
    }

    private init(visitEnteredEventID: Int64, iterationStartedEventIDs: Set<Int64>) {
        self.visitEnteredEventID = visitEnteredEventID
        self.iterationStartedEventIDs = iterationStartedEventIDs
    }

    private static func byEvidence(_ id: Int64, in tree: ExecutionTree) -> RootCauseLocator? {
        struct Frame {
            var visits: ArraySlice<StateVisit>
            var iterations: [Int64]
            var depth: Int
        }
        var best: (depth: Int, locator: RootCauseLocator)?
        var stack = [Frame(visits: tree.visits[...], iterations: [], depth: 0)]
        while var frame = stack.popLast() {
            guard let visit = frame.visits.popFirst() else { continue }
            stack.append(frame)
            if records(id, visit), frame.depth > (best?.depth ?? -1) {
                best = (
                    frame.depth,
                    RootCauseLocator(
                        visitEnteredEventID: visit.enteredEventID,
                        iterationStartedEventIDs: Set(frame.iterations))
                )
            }
            for branch in visit.branches {
                stack.append(Frame(visits: branch.visits[...], iterations: frame.iterations, depth: frame.depth + 1))
            }
            for iteration in visit.iterations {
                stack.append(
                    Frame(
                        visits: iteration.visits[...], iterations: frame.iterations + [iteration.startedEventID],
                        depth: frame.depth + 1))
            }
        }
        return best?.locator
    }

    private static func records(_ id: Int64, _ visit: StateVisit) -> Bool {
        if visit.failureEventID == id || visit.enteredEventID == id || visit.endEventID == id
            || visit.exitedEventID == id
        {
            return true
        }
        if visit.attempts.contains(where: {
            $0.scheduledEventID == id || $0.startedEventID == id || $0.submittedEventID == id || $0.endEventID == id
        }) {
            return true
        }
        if let run = visit.mapRun, run.startedEventID == id || run.endEventID == id { return true }
        return visit.eventIDs.contains(id)
    }

    private static func byLocation(_ location: [LocationStep], in tree: ExecutionTree) -> RootCauseLocator? {
        var current: [StateVisit] = tree.visits
        var visit: StateVisit?
        var iterations: Set<Int64> = []
        for step in location {
            switch step {
            case .state(let name):
                guard let found = current.last(where: { $0.name == name }) else { return nil }
                visit = found
            case .branch(let number):
                guard let branch = visit?.branches.first(where: { $0.number == number }) else { return nil }
                current = branch.visits
            case .iteration(let index):
                guard let iteration = visit?.iterations.first(where: { $0.index == index }) else { return nil }
                iterations.insert(iteration.startedEventID)
                current = iteration.visits
            default:
                continue
            }
        }
        guard let visit else { return nil }
        return RootCauseLocator(visitEnteredEventID: visit.enteredEventID, iterationStartedEventIDs: iterations)
    }
}
