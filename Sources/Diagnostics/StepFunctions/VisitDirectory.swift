import RetraceCore
import StepFunctions

/// Finds, for any event id, the state visit it belongs to and the path that leads there
/// (`ProcessItems › iteration 3 › Charge`), so that findings can say exactly where.
struct VisitDirectory {
    struct Entry {
        var path: [LocationStep]
        var visit: StateVisit
    }

    private var entries: [Entry] = []
    private var byEvent: [Int64: Int] = [:]
    private var byEntered: [Int64: Int] = [:]

    init(tree: ExecutionTree) {
        for (path, visit) in tree.allVisits() {
            let index = entries.count
            entries.append(Entry(path: path, visit: visit))
            byEntered[visit.enteredEventID] = index
            for id in visit.eventIDs where id > 0 { byEvent[id] = index }
        }
    }

    /// Every visit with its path, parents first.
    var all: [Entry] { entries }

    /// The visit an event is attached to.
    func entry(forEvent id: Int64) -> Entry? { byEvent[id].map { entries[$0] } }

    /// The visit entered by event `id`.
    func entry(enteredBy id: Int64) -> Entry? { byEntered[id].map { entries[$0] } }

    /// The path to an event, down to the attempt when the event belongs to one.
    func location(ofEvent id: Int64) -> [LocationStep] {
        guard let entry = entry(forEvent: id) else { return [] }
        let attempts = entry.visit.attempts
        if let attempt = attempts.first(where: { $0.endEventID == id || $0.scheduledEventID == id }),
            attempts.count > 0
        {
            return entry.path + [.attempt(number: attempt.number, total: attempts.count)]
        }
        return entry.path
    }
}

/// How deep walks over nested Parallel and Map states may go: reconstruction already flattens deeper nesting.
enum TreeDepth {
    static let limit = 200
}
