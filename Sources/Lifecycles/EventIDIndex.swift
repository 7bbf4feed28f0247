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
        self.init(count: ids.count) { ids[$0] }
    }

    /// An index of the ids at positions `0..<count`; the first of repeated ids wins.
    ///
    /// Ids are hashed in order, then added a part of the table at a time (their positions sorted by the part
    /// their slot falls in, a counting sort): a million inserts all over a 16 MB table missed the cache on almost
    /// every one, and that was most of the cost.
    init(count: Int, longestProbe: Int = 64, idAt: (Int) -> String) {
        self.init(capacity: count, longestProbe: longestProbe)
        guard count > 0 else { return }
        guard count < Int(Int32.max) else {
            // Positions past 32 bits (never in memory today): added one by one.
            for position in 0..<count { _ = insert(idAt(position), at: position, idAt: idAt) }
            return
        }
        let hashes = (0..<count).map { UTF8Words.hash(idAt($0), seed: seed) }
        // 512 parts (of 32 KB of slots each for a million ids).
        let shift = max(0, (mask + 1).trailingZeroBitCount - 9)
        let parts = ((mask + 1) >> shift)
        var starts = [Int](repeating: 0, count: parts + 1)
        for hash in hashes { starts[((Int(truncatingIfNeeded: hash) & mask) >> shift) + 1] += 1 }
        for part in 0..<parts { starts[part + 1] += starts[part] }
        var order = [Int32](repeating: 0, count: count)
        for (position, hash) in hashes.enumerated() {
            let part = (Int(truncatingIfNeeded: hash) & mask) >> shift
            order[starts[part]] = Int32(truncatingIfNeeded: position)
            starts[part] += 1
        }
        // Within a part positions stay in order, so the first of repeated ids (same hash, same part) is added first.
        for position in order {
            let position = Int(position)
            _ = insert(hash: hashes[position], at: position, idAt: idAt)
        }
    }

    /// An index of the ids at positions `0..<count`, and whether an id repeats (see `init(count:idAt:)`).
    static func build(count: Int, idAt: (Int) -> String) -> (index: EventIDIndex, repeats: Bool) {
        let index = EventIDIndex(count: count, idAt: idAt)
        return (index, index.count < count)
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
        // `idAt` may not know `position` yet (ids added one by one): the id given stands for it.
        return insert(hash: UTF8Words.hash(id, seed: seed), at: position) { $0 == position ? id : idAt($0) }
    }

    /// `insert(_:at:idAt:)` with the id's hash already made, for a table with room for it. The id itself is
    /// asked for (`idAt(position)`) only when hash bits match or the dictionary takes over: reading a million ids
    /// in the table's order rather than theirs missed the cache once more per id.
    private mutating func insert(hash: UInt64, at position: Int, idAt: (Int) -> String) -> Int? {
        if fallback != nil { return insertIntoFallback(idAt(position), at: position) }
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        var probes = 0
        while slots[slot] != 0 {
            let entry = slots[slot]
            if entry >> 32 == tag {
                let held = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if idAt(held) == idAt(position) { return held }
            }
            probes += 1
            if probes > longestProbe {
                moveToFallback(idAt: idAt)
                return insertIntoFallback(idAt(position), at: position)
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
