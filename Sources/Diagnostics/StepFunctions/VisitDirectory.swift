import RetraceCore
import StepFunctions

/// The diagnostics' view of the tree's event index: for any event id, the state visit it belongs to and the
/// path that leads there. It only reads `ExecutionTree.place(ofEvent:)`, so findings say the same place as
/// `retrace events`, the replay and the graph.
struct VisitDirectory {
    typealias Entry = PlacedVisit

    let tree: ExecutionTree

    init(tree: ExecutionTree) {
        self.tree = tree
    }

    /// Every visit with its path, parents first.
    var all: [Entry] { tree.placedVisits }

    /// The deepest visit that holds event `id`.
    func entry(forEvent id: Int64) -> Entry? { tree.place(ofEvent: id)?.holder }

    /// The visit entered by event `id`.
    func entry(enteredBy id: Int64) -> Entry? { tree.placedVisit(enteredBy: id) }
}

/// How deep walks over nested Parallel and Map states may go: reconstruction already flattens deeper nesting.
enum TreeDepth {
    static let limit = 200
}
