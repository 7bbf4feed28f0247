import Foundation
import RetraceCore

/// Where `$now()`, `$millis()`, `$uuid()` and `$random()` get their values.
///
/// Replay injects a deterministic source so that re-running a definition gives the same answer every time;
/// the system source is for evaluating expressions live.
public protocol JSONataNondeterminism: Sendable {
    /// The current instant. JSONata reads the clock once per evaluation, so this is called at most once per
    /// evaluation and every `$now()` / `$millis()` in that evaluation reports the same instant.
    mutating func now() -> Instant
    /// A version 4 UUID in its 36-character lowercase form.
    mutating func uuid() -> String
    /// A number `n` with `0 <= n < 1`.
    mutating func random() -> Double
}

/// The real clock and the system's random number generator.
public struct JSONataSystemSource: JSONataNondeterminism {
    /// Creates the system source.
    public init() {}

    /// The current time, to the millisecond.
    public func now() -> Instant {
        Instant(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// A random version 4 UUID.
    public func uuid() -> String {
        var generator = SystemRandomNumberGenerator()
        return JSONataSeededSource.formatUUID(high: generator.next(), low: generator.next())
    }

    /// A uniformly distributed random number in `[0, 1)`.
    public func random() -> Double {
        var generator = SystemRandomNumberGenerator()
        return Double.random(in: 0..<1, using: &generator)
    }
}

/// A reproducible source: a fixed instant, and UUIDs and random numbers drawn from a generator seeded with
/// `seed` (SplitMix64). Each evaluation starts from the seed (options are copied into it), so two evaluations
/// with equal sources see equal values; within one evaluation successive calls differ.
public struct JSONataSeededSource: JSONataNondeterminism {
    /// The instant `$now()` and `$millis()` report.
    public var instant: Instant
    private var generator: SplitMix64

    /// Creates a source that reports `now` and draws from a generator seeded with `seed`.
    public init(now: Instant, seed: UInt64 = 0) {
        self.instant = now
        self.generator = SplitMix64(seed: seed)
    }

    /// The fixed instant.
    public func now() -> Instant { instant }

    /// The next UUID from the seeded generator.
    public mutating func uuid() -> String {
        let high = nextBits()
        let low = nextBits()
        return JSONataSeededSource.formatUUID(high: high, low: low)
    }

    /// The next number from the seeded generator.
    public mutating func random() -> Double {
        JSONataSeededSource.unitInterval(nextBits())
    }

    private mutating func nextBits() -> UInt64 {
        generator.next()
    }

    /// The top 53 bits as a double in `[0, 1)`.
    static func unitInterval(_ bits: UInt64) -> Double {
        Double(bits >> 11) * 0x1p-53
    }

    /// Formats 128 bits as a version 4, variant 1 UUID.
    static func formatUUID(high: UInt64, low: UInt64) -> String {
        let versioned = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let varianted = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = Hex.lowercase(versioned, digits: 16) + Hex.lowercase(varianted, digits: 16)
        let characters = Array(hex)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16])
            + "-" + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }

}
