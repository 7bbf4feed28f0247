import RetraceCore

/// The index from an event id to its place in a finished tree, built once in one walk (linear in events and
/// visits) when the tree is made.
///
/// Which place each kind of event gets:
/// - the events of a task attempt (`*Scheduled` … `*Succeeded`, `*Failed`, `*TimedOut`, …): that attempt;
/// - `MapIterationStarted` / `Succeeded` / `Failed` / `Aborted`: their iteration;
/// - every other event attached to a visit (`*StateEntered`, `*Exited`, `*Aborted`, `MapStateStarted`,
///   `ParallelStateStarted`, `MapRun*`, `MapStateFailed`, `EvaluationFailed`, unknown types): that visit;
/// - execution events, masked (id 0) events and events reconstruction could not match: no place.
struct EventIndex: Sendable {
    private enum Leaf: Sendable {
        case visit
        case attempt(number: Int, total: Int)
        case iteration(index: Int, startedEventID: Int64)
    }

    private struct Slot: Sendable {
        var visit: Int
        var leaf: Leaf
    }

    /// Every visit at any depth, parents before children, in history order within each level.
    private(set) var visits: [PlacedVisit] = []
    /// Each event's slot, by its position in the history (events outside every visit have none).
    private var slots: [Slot?]
    private let positions: EventPositions
    private var visitByEntered: [Int64: Int] = [:]

    /// Indexes `topVisits` and every visit under them; `visitCount`, when known, is how many there are in all, so
    /// that the list of visits is made once at its size rather than grown.
    init(visits topVisits: [StateVisit], events: [HistoryEvent], positionByID: EventPositions, visitCount: Int = 0) {
        visits.reserveCapacity(visitCount)
        slots = Array(repeating: nil, count: events.count)
        positions = positionByID
        typealias Level = (place: PlaceChain?, visits: ArraySlice<StateVisit>)
        var stack: [Level] = [(nil, topVisits[...])]
        while var top = stack.popLast() {
            guard let visit = top.visits.popFirst() else { continue }
            stack.append(top)
            let place = PlaceChain(parent: top.place, step: .state(visit.name))
            let number = visits.count
            visits.append(PlacedVisit(visit: visit, place: place))
            visitByEntered[visit.enteredEventID] = number
            index(visit, as: number, events: events, positionByID: positionByID)
            var children: [Level] = []
            for branch in visit.branches {
                children.append((PlaceChain(parent: place, step: .branch(branch.number)), branch.visits[...]))
            }
            for iteration in visit.iterations {
                let step = PlaceChain(
                    parent: place, step: .iteration(iteration.index),
                    iterationStartedEventID: iteration.startedEventID)
                children.append((step, iteration.visits[...]))
            }
            stack.append(contentsOf: children.reversed())
        }
    }

    private mutating func index(
        _ visit: StateVisit, as number: Int, events: [HistoryEvent], positionByID: EventPositions
    ) {
        let attempts = visit.attempts
        var attempt = -1
        for id in visit.eventIDs where id > 0 {
            // Attempts and the visit's events are both in id order: the current attempt is the last one
            // scheduled at or before the event.
            while attempt + 1 < attempts.count, attempts[attempt + 1].scheduledEventID <= id { attempt += 1 }
            let isTaskEvent = positionByID[id].map { events[$0].type.taskEvent != nil } ?? false
            let leaf: Leaf =
                isTaskEvent && attempt >= 0
                ? .attempt(number: attempts[attempt].number, total: attempts.count) : .visit
            place(id, Slot(visit: number, leaf: leaf))
        }
        for iteration in visit.iterations {
            let leaf = Leaf.iteration(index: iteration.index, startedEventID: iteration.startedEventID)
            place(iteration.startedEventID, Slot(visit: number, leaf: leaf))
            if let end = iteration.endEventID { place(end, Slot(visit: number, leaf: leaf)) }
        }
    }

    /// Reconstruction attaches each event once; should it ever not, the first place found (the outermost)
    /// stands, so that the index still gives one answer.
    private mutating func place(_ id: Int64, _ slot: Slot) {
        guard let position = positions[id] else { return }
        if slots[position] == nil { slots[position] = slot }
    }

    /// The place of event `id`; `nil` for events outside every visit.
    func place(ofEvent id: Int64) -> EventPlace? {
        guard let position = positions[id], let slot = slots[position] else { return nil }
        let holder = visits[slot.visit]
        switch slot.leaf {
        case .visit:
            return EventPlace(
                holder: holder, path: holder.path, iterationStartedEventIDs: holder.iterationStartedEventIDs)
        case .attempt(let number, let total):
            return EventPlace(
                holder: holder, path: holder.path + [.attempt(number: number, total: total)],
                iterationStartedEventIDs: holder.iterationStartedEventIDs)
        case .iteration(let index, let startedEventID):
            return EventPlace(
                holder: holder, path: holder.path + [.iteration(index)],
                iterationStartedEventIDs: holder.iterationStartedEventIDs + [startedEventID])
        }
    }

    /// The visit entered by event `id`.
    func visit(enteredBy id: Int64) -> PlacedVisit? { visitByEntered[id].map { visits[$0] } }
}
