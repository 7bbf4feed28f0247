/// Finds an event's position by its id, for a million events, at a fraction of a `[String: Int]`'s cost.
///
/// Why not a dictionary: it hashes each id with SipHash and stores a copy of every id (a retain each), and a
/// million-event log was indexed twice (once to find repeated ids while pages are merged, once for the run), a
/// quarter of the time of a GameLift log. This table stores only positions with a few bits of each id's hash, and
/// asks its owner for the id at a position when the bits match; ids are hashed a word at a time (`UTF8Words`).
///
/// Hostile input cannot make it slow: a probe longer than `longestProbe` (ids made to collide) moves the whole
/// index into a `[String: Int]`, whose hashing is seeded per process.
struct EventIDIndex: Sendable {
    /// Each slot: 0 when empty, else the id's hash in the high 32 bits and position + 1 in the low 32 bits.
    private var slots: [UInt64]
    private var mask: Int
    private var stored = 0
    private var fallback: [String: Int]?
    private let seed: UInt64

    /// Probes longer than this mean the ids collide far more than chance allows (64 unless a test says less).
    private let longestProbe: Int

    /// An empty index with room for `capacity` ids before it grows.
    init(capacity: Int, longestProbe: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        seed = UInt64.random(in: UInt64.min...UInt64.max)
        self.longestProbe = longestProbe
    }

    /// Whether ids collided so much that the index moved into a dictionary.
    var isDictionary: Bool { fallback != nil }

    /// An index of `ids` by position; the first of repeated ids wins.
    init(ids: [String]) {
        self.init(capacity: ids.count)
        for (position, id) in ids.enumerated() { _ = insert(id, at: position) { ids[$0] } }
    }

    /// How many positions it holds.
    var count: Int { fallback?.count ?? stored }

    /// Adds `id` at `position`, unless it holds that id already: then returns the position it holds, and keeps it.
    /// `idAt` gives the id at a position already added (asked only when hash bits match).
    mutating func insert(_ id: String, at position: Int, idAt: (Int) -> String) -> Int? {
        // Positions are stored in 32 bits; past them (never in memory today), the dictionary takes over.
        if fallback == nil, position >= 0xFFFF_FFFF { moveToFallback(idAt: idAt) }
        if fallback != nil { return insertIntoFallback(id, at: position) }
        if (stored + 1) * 2 > slots.count { grow(idAt: idAt) }
        if fallback != nil { return insertIntoFallback(id, at: position) }
        let hash = UTF8Words.hash(id, seed: seed)
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        var probes = 0
        while slots[slot] != 0 {
            let entry = slots[slot]
            if entry >> 32 == tag {
                let held = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if idAt(held) == id { return held }
            }
            probes += 1
            if probes > longestProbe {
                moveToFallback(idAt: idAt)
                return insertIntoFallback(id, at: position)
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = tag << 32 | UInt64(position + 1)
        stored += 1
        return nil
    }

    /// The position of `id`, when it was added.
    func position(of id: String, idAt: (Int) -> String) -> Int? {
        if let fallback { return fallback[id] }
        let hash = UTF8Words.hash(id, seed: seed)
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            if entry >> 32 == tag {
                let held = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if idAt(held) == id { return held }
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func insertIntoFallback(_ id: String, at position: Int) -> Int? {
        if let held = fallback?[id] { return held }
        fallback?[id] = position
        return nil
    }

    private var positions: [Int] {
        slots.lazy.filter { $0 != 0 }.map { Int(truncatingIfNeeded: $0 & 0xFFFF_FFFF) - 1 }
    }

    private mutating func moveToFallback(idAt: (Int) -> String) {
        var dictionary: [String: Int] = [:]
        dictionary.reserveCapacity(stored * 2)
        for position in positions { dictionary[idAt(position)] = position }
        fallback = dictionary
        slots = []
    }

    private mutating func grow(idAt: (Int) -> String) {
        let held = positions
        var larger = EventIDIndex(capacity: slots.count, longestProbe: longestProbe)
        for position in held { _ = larger.insert(idAt(position), at: position, idAt: idAt) }
        self = larger
    }
}
