import RetraceCore

/// The source of the values `States.MathRandom` and `States.UUID` return.
///
/// Injected so that a replay can be deterministic: feed it the values the recorded execution produced, or a
/// seeded generator in tests.
public protocol IntrinsicRandomness: Sendable {
    /// An integer in `range` (both ends included). `seed` is `States.MathRandom`'s optional third argument; with a
    /// seed, the same seed and range must always give the same number.
    func randomInteger(in range: ClosedRange<Int64>, seed: Int64?) -> Int64
    /// A version 4 UUID in lowercase hexadecimal with dashes.
    func randomUUID() -> String
}

/// Real randomness from the system generator; seeded calls are deterministic (SplitMix64 of the seed).
public struct SystemIntrinsicRandomness: IntrinsicRandomness {
    /// Creates the system source.
    public init() {}

    /// A uniformly drawn integer, or a seed-determined one.
    public func randomInteger(in range: ClosedRange<Int64>, seed: Int64?) -> Int64 {
        if let seed {
            var generator = SplitMix64(seed: UInt64(bitPattern: seed))
            return Int64.random(in: range, using: &generator)
        }
        return Int64.random(in: range)
    }

    /// A fresh random UUID.
    public func randomUUID() -> String {
        var generator = SystemRandomNumberGenerator()
        return UUIDFormatter.version4(high: generator.next(), low: generator.next())
    }
}

/// Formats 128 random bits as an RFC 4122 version 4 UUID.
enum UUIDFormatter {
    static func version4(high: UInt64, low: UInt64) -> String {
        let high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = Hex.lowercase(high, digits: 16) + Hex.lowercase(low, digits: 16)
        let characters = Array(hex)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16]) + "-"
            + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }
}
