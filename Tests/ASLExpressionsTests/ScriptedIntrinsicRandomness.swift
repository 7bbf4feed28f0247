import ASLExpressions
import Foundation

/// Randomness that replays values given in advance, in order: what a replay uses to reproduce the integers and
/// UUIDs a recorded execution produced. When the script runs out it falls back to `fallback`.
///
/// A class because the position in the script is shared state; a lock makes it safe to share between tasks.
final class ScriptedIntrinsicRandomness: IntrinsicRandomness, @unchecked Sendable {
    private let lock = NSLock()
    private var integers: [Int64]
    private var uuids: [String]
    private let fallback: any IntrinsicRandomness

    /// Creates a script; `integers` answer `States.MathRandom` (clamped into the requested range), `uuids` answer
    /// `States.UUID`.
    init(
        integers: [Int64] = [], uuids: [String] = [], fallback: any IntrinsicRandomness = SystemIntrinsicRandomness()
    ) {
        self.integers = integers.reversed()
        self.uuids = uuids.reversed()
        self.fallback = fallback
    }

    /// The next scripted integer, clamped into `range`, or the fallback's.
    func randomInteger(in range: ClosedRange<Int64>, seed: Int64?) -> Int64 {
        let next: Int64? = lock.withLock { integers.popLast() }
        guard let next else { return fallback.randomInteger(in: range, seed: seed) }
        return min(max(next, range.lowerBound), range.upperBound)
    }

    /// The next scripted UUID, or the fallback's.
    func randomUUID() -> String {
        let next: String? = lock.withLock { uuids.popLast() }
        return next ?? fallback.randomUUID()
    }
}
