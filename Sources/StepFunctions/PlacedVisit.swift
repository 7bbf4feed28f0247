import RetraceCore

/// A state visit with its place in the tree, so that whatever is said about it can say where
/// (`ProcessItems › iteration 3 › Charge`) and renderers can mark the iterations that lead to it.
///
/// The place is a link into a chain of the branches and iterations around the visit, shared with every visit in
/// them, and the path is spelled out only when asked for: stored whole in each visit, paths would cost visits ×
/// depth (150,000 Parallel states nested up to the nesting limit took gigabytes). A visit at the top level, the
/// most common, holds no link at all.
public struct PlacedVisit: Sendable {
    /// The visit.
    public var visit: StateVisit
    /// The branch or iteration the visit is in; `nil` at the top level.
    let scope: PlaceChain?

    /// The path to the visit, outermost first, ending with the visit's own state.
    public var path: [LocationStep] {
        var steps = scope?.steps(reserving: 1) ?? []
        steps.append(.state(visit.name))
        return steps
    }

    /// The `MapIterationStarted` event ids of the iterations on `path`, outermost first.
    public var iterationStartedEventIDs: [Int64] { scope?.iterationStartedEventIDs ?? [] }

    /// How many steps `path` has, without spelling it out.
    public var depth: Int { (scope?.count ?? 0) + 1 }
}

/// A Parallel branch or Map iteration, the state it belongs to and the scopes around that state: the visits in one
/// scope share their chain.
final class PlaceChain: Sendable {
    /// The scope the owning state is in; `nil` when the state is at the top level.
    let parent: PlaceChain?
    /// The name of the Parallel or Map state the scope belongs to.
    let stateName: String
    /// `.branch` or `.iteration`.
    let step: LocationStep
    /// The iteration's `MapIterationStarted` event id, when the step is an iteration.
    let iterationStartedEventID: Int64?
    /// Steps from the top to here: the owning state's and this one included.
    let count: Int

    init(parent: PlaceChain?, stateName: String, step: LocationStep, iterationStartedEventID: Int64? = nil) {
        self.parent = parent
        self.stateName = stateName
        self.step = step
        self.iterationStartedEventID = iterationStartedEventID
        count = (parent?.count ?? 0) + 2
    }

    /// The steps from the top, outermost first, in an array with room for `extra` more.
    func steps(reserving extra: Int) -> [LocationStep] {
        var steps = [LocationStep](repeating: .branch(0), count: count)
        steps.reserveCapacity(count + extra)
        var position = count
        var link: PlaceChain? = self
        while let current = link {
            position -= 2
            steps[position] = .state(current.stateName)
            steps[position + 1] = current.step
            link = current.parent
        }
        return steps
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
