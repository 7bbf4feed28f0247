import RetraceCore
import StepFunctions

/// Finds the state visit a root-cause finding points at, so the graph and the timeline can mark it.
///
/// This reads the diagnosis; it decides nothing. The finding's first evidence event is the failing event: the
/// tree's index (`ExecutionTree.place(ofEvent:)`) names the deepest visit that holds it. When no visit holds that event (a masked history), the location
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

    /// The place the tree's index gives the evidence event: the deepest visit that holds it.
    private static func byEvidence(_ id: Int64, in tree: ExecutionTree) -> RootCauseLocator? {
        guard let place = tree.place(ofEvent: id) else { return nil }
        return RootCauseLocator(
            visitEnteredEventID: place.holder.visit.enteredEventID,
            iterationStartedEventIDs: Set(place.iterationStartedEventIDs))
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
