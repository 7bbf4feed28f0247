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
    /// An event's place: its visit, by number, and within the visit what holds it. 8 bytes per event (a history may
    /// hold millions): `leaf` is 0 for the visit itself, `n > 0` for the visit's attempt at position `n - 1`, and
    /// `n < 0` for its iteration at position `-n - 1`; `visit` is -1 for events outside every visit.
    private struct Slot: Sendable {
        var visit: Int32
        var leaf: Int32

        static let none = Slot(visit: -1, leaf: 0)
    }

    /// Every visit at any depth, parents before children, in history order within each level.
    private(set) var visits: [PlacedVisit] = []
    /// Each event's slot, by its position in the history.
    private var slots: [Slot]
    private let positions: EventPositions

    /// Indexes `topVisits` and every visit under them; `visitCount`, when known, is how many there are in all, so
    /// that the list of visits is made once at its size rather than grown.
    init(visits topVisits: [StateVisit], events: [HistoryEvent], positionByID: EventPositions, visitCount: Int = 0) {
        visits.reserveCapacity(visitCount)
        slots = Array(repeating: .none, count: events.count)
        positions = positionByID
        typealias Level = (scope: PlaceChain?, visits: ArraySlice<StateVisit>)
        var stack: [Level] = [(nil, topVisits[...])]
        while var top = stack.popLast() {
            guard let visit = top.visits.popFirst() else { continue }
            stack.append(top)
            // More visits than an Int32 counts cannot come from an input of at most 3 GiB; they would go unindexed.
            guard let number = Int32(exactly: visits.count) else { break }
            visits.append(PlacedVisit(visit: visit, scope: top.scope))
            index(visit, as: number, events: events, positionByID: positionByID)
            var children: [Level] = []
            for branch in visit.branches {
                let scope = PlaceChain(parent: top.scope, stateName: visit.name, step: .branch(branch.number))
                children.append((scope, branch.visits[...]))
            }
            for iteration in visit.iterations {
                let scope = PlaceChain(
                    parent: top.scope, stateName: visit.name, step: .iteration(iteration.index),
                    iterationStartedEventID: iteration.startedEventID)
                children.append((scope, iteration.visits[...]))
            }
            stack.append(contentsOf: children.reversed())
        }
    }

    private mutating func index(
        _ visit: StateVisit, as number: Int32, events: [HistoryEvent], positionByID: EventPositions
    ) {
        let attempts = visit.attempts
        var attempt = -1
        for id in visit.eventIDs where id > 0 {
            // Attempts and the visit's events are both in id order: the current attempt is the last one
            // scheduled at or before the event.
            while attempt + 1 < attempts.count, attempts[attempt + 1].scheduledEventID <= id { attempt += 1 }
            let isTaskEvent = positionByID[id].map { events[$0].type.taskEvent != nil } ?? false
            place(id, Slot(visit: number, leaf: isTaskEvent && attempt >= 0 ? Int32(attempt + 1) : 0))
        }
        for (position, iteration) in visit.iterations.enumerated() {
            let slot = Slot(visit: number, leaf: -Int32(position + 1))
            place(iteration.startedEventID, slot)
            if let end = iteration.endEventID { place(end, slot) }
        }
    }

    /// Reconstruction attaches each event once; should it ever not, the first place found (the outermost)
    /// stands, so that the index still gives one answer.
    private mutating func place(_ id: Int64, _ slot: Slot) {
        guard let position = positions[id] else { return }
        if slots[position].visit < 0 { slots[position] = slot }
    }

    /// The place of event `id`; `nil` for events outside every visit.
    func place(ofEvent id: Int64) -> EventPlace? {
        guard let position = positions[id], case let slot = slots[position], slot.visit >= 0 else { return nil }
        let holder = visits[Int(slot.visit)]
        var path = holder.path
        var iterations = holder.iterationStartedEventIDs
        if slot.leaf > 0 {
            let attempts = holder.visit.attempts
            path.append(.attempt(number: attempts[Int(slot.leaf) - 1].number, total: attempts.count))
        } else if slot.leaf < 0 {
            let iteration = holder.visit.iterations[Int(-slot.leaf) - 1]
            path.append(.iteration(iteration.index))
            iterations.append(iteration.startedEventID)
        }
        return EventPlace(holder: holder, path: path, iterationStartedEventIDs: iterations)
    }

    /// The visit entered by event `id`: the one its `*StateEntered` event is placed in (a `*StateEntered` event is
    /// attached to the visit it opens).
    func visit(enteredBy id: Int64) -> PlacedVisit? {
        guard let position = positions[id], case let slot = slots[position], slot.visit >= 0 else { return nil }
        let holder = visits[Int(slot.visit)]
        return holder.visit.enteredEventID == id ? holder : nil
    }
}
