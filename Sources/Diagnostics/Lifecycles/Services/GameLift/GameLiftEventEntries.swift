import Lifecycles

/// Each event's entry in the GameLift event-code catalogue, looked up once per run: the diagnosis reads it in three
/// passes over the events (crashes, health, other failures), and a million `String` lookups a pass were a fifth of
/// a long-lived fleet's analysis. A fleet repeats a few codes in turn, so the last few are compared first.
struct GameLiftEventEntries {
    /// For each event, its entry's place in `GameLiftEventCode.all`, or -1 for a code the catalogue lacks.
    private let places: [Int16]

    init(_ events: [LifecycleEvent]) {
        var known: [String: Int16] = [:]
        for (place, entry) in GameLiftEventCode.all.enumerated() where known[entry.code] == nil {
            known[entry.code] = Int16(place)
        }
        var recent: [(code: String, place: Int16)] = []
        var next = 0
        var places: [Int16] = []
        places.reserveCapacity(events.count)
        for index in events.indices {
            let code = events[index].code
            let length = code.utf8.count
            if let hit = recent.first(where: { $0.code.utf8.count == length && $0.code == code }) {
                places.append(hit.place)
                continue
            }
            let place = known[code] ?? -1
            places.append(place)
            if recent.count < 8 {
                recent.append((code, place))
            } else {
                recent[next] = (code, place)
                next = (next + 1) % recent.count
            }
        }
        self.places = places
    }

    /// The entry of the event at `position` in the run, when the catalogue has its code.
    subscript(position: Int) -> GameLiftEventCode? {
        place(of: position).map { GameLiftEventCode.all[$0] }
    }

    /// Where the entry of the event at `position` is in `GameLiftEventCode.all` (one place per code).
    func place(of position: Int) -> Int? {
        let place = places[position]
        return place < 0 ? nil : Int(place)
    }
}
