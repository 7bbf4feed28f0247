import RetraceCore

/// Where a state lives in a machine: at the top level, in a branch of a Parallel state, or in the processor of a
/// Map state (each possibly nested in another).
///
/// States can only transition to states of the same scope, so the graph renderer draws one cluster per scope.
public indirect enum StateScope: Sendable, Hashable, CustomStringConvertible {
    /// The machine's own `States`.
    case topLevel
    /// Branch `index` (from 0) of the Parallel state `parallelState`, itself in `parent`.
    case branch(index: Int, parallelState: String, parent: StateScope)
    /// The `ItemProcessor` (or `Iterator`) of the Map state `mapState`, itself in `parent`.
    case processor(mapState: String, parent: StateScope)

    /// The scope that contains this one; `nil` for the top level.
    public var parent: StateScope? {
        switch self {
        case .topLevel: return nil
        case .branch(_, _, let parent), .processor(_, let parent): return parent
        }
    }

    /// How many scopes enclose this one (0 at the top level).
    public var depth: Int {
        var depth = 0
        var scope = self
        while let parent = scope.parent {
            depth += 1
            scope = parent
        }
        return depth
    }

    /// "top level", "branch 2 of Parallel \"Fan out\"", "processor of Map \"Each\"" (innermost first).
    public var description: String {
        switch self {
        case .topLevel: return "top level"
        case .branch(let index, let parallel, let parent):
            let here = "branch \(index + 1) of Parallel \"\(parallel)\""
            return parent == .topLevel ? here : "\(here) in \(parent)"
        case .processor(let map, let parent):
            let here = "processor of Map \"\(map)\""
            return parent == .topLevel ? here : "\(here) in \(parent)"
        }
    }
}

/// A state together with where it is: its scope and its JSON path in the definition.
public struct ScopedState: Sendable, Hashable {
    /// The scope holding the state.
    public var scope: StateScope
    /// The state.
    public var state: StateDefinition
    /// The JSON path of the state's object (`States`, `Fan out`, `Branches`, 0, `States`, `Step`).
    public var path: [JSONPathComponent]

    /// Creates a scoped state.
    public init(scope: StateScope, state: StateDefinition, path: [JSONPathComponent]) {
        self.scope = scope
        self.state = state
        self.path = path
    }
}
