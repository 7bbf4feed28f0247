import RetraceCore

/// A state visit with its place in the tree, so that whatever is said about it can say where
/// (`ProcessItems › iteration 3 › Charge`) and renderers can mark the iterations that lead to it.
///
/// The place is a link into a chain shared with every visit under the same parents, and the path is spelled out
/// only when asked for: stored whole in each visit, paths would cost visits × depth (150,000 Parallel states
/// nested up to the nesting limit took gigabytes).
public struct PlacedVisit: Sendable {
    /// The visit.
    public var visit: StateVisit
    let place: PlaceChain

    /// The path to the visit, outermost first, ending with the visit's own state.
    public var path: [LocationStep] { place.steps }

    /// The `MapIterationStarted` event ids of the iterations on `path`, outermost first.
    public var iterationStartedEventIDs: [Int64] { place.iterationStartedEventIDs }

    /// How many steps `path` has, without spelling it out.
    public var depth: Int { place.count }
}

/// One step of a place in the tree and the place it is in: visits under the same parents share their chain.
final class PlaceChain: Sendable {
    let parent: PlaceChain?
    let step: LocationStep
    /// The iteration's `MapIterationStarted` event id, when the step is an iteration.
    let iterationStartedEventID: Int64?
    /// Steps from the top to here, this one included.
    let count: Int

    init(parent: PlaceChain?, step: LocationStep, iterationStartedEventID: Int64? = nil) {
        self.parent = parent
        self.step = step
        self.iterationStartedEventID = iterationStartedEventID
        count = (parent?.count ?? 0) + 1
    }

    /// The steps from the top, outermost first.
    var steps: [LocationStep] {
        var steps: [LocationStep] = []
        steps.reserveCapacity(count)
        var link: PlaceChain? = self
        while let current = link {
            steps.append(current.step)
            link = current.parent
        }
        return steps.reversed()
    }

    /// The iterations on the way, outermost first.
    var iterationStartedEventIDs: [Int64] {
        var ids: [Int64] = []
        var link: PlaceChain? = self
        while let current = link {
            if let id = current.iterationStartedEventID { ids.append(id) }
            link = current.parent
        }
        return ids.reversed()
    }
}
