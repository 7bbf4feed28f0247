/// The "did you mean" of every message that rejects a name: a mistyped command, an event type or a state that
/// is not in the history. One rule everywhere, so that the same typo gets the same answer.
public enum ClosestMatch {
    /// The candidate closest to `text`, ignoring case, when it is close enough to be what was meant: the same
    /// name in other case, or at most a third of its characters (at least one) inserted, deleted, replaced or
    /// swapped with a neighbour. Ties go to the earlier candidate.
    public static func best(for text: String, among candidates: some Sequence<String>) -> String? {
        let wanted = Array(text.lowercased())
        guard !wanted.isEmpty else { return nil }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(wanted, Array(candidate.lowercased()))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= max(1, wanted.count / 3) else { return nil }
        return best.name
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of neighbours
    /// each cost one ("anaylze" is one step from "analyze").
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
