/// Where each event id sits in a history's event array (ids in order, merged and de-duplicated).
///
/// Ids usually run 1, 2, 3 … without a gap, and then a position is the id minus the first: no dictionary to build
/// or hash into for each of tens of thousands of events. Histories with gaps or masked ids get a dictionary.
struct EventPositions: Sendable {
    private let firstID: Int64
    private let count: Int
    private let byID: [Int64: Int]?

    init(_ events: [HistoryEvent]) {
        let first = events.first?.id ?? 0
        var contiguous = first > 0
        if contiguous {
            for index in events.indices where events[index].id != first + Int64(index) {
                contiguous = false
                break
            }
        }
        if contiguous {
            firstID = first
            count = events.count
            byID = nil
            return
        }
        var positions: [Int64: Int] = [:]
        positions.reserveCapacity(events.count)
        for index in events.indices {
            let id = events[index].id
            // The first event of an id stands when a history repeats one.
            if id > 0, positions[id] == nil { positions[id] = index }
        }
        firstID = 0
        count = 0
        byID = positions
    }

    /// The position of event `id`, or `nil` when the history has no such event.
    subscript(id: Int64) -> Int? {
        if let byID { return byID[id] }
        guard id >= firstID, id - firstID < Int64(count) else { return nil }
        return Int(id - firstID)
    }
}
