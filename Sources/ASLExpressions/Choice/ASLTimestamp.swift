import RetraceCore

/// A timestamp as the Amazon States Language accepts it: RFC 3339 with an uppercase `T` between date and time and
/// an uppercase `Z` or a numeric offset (`2016-08-18T17:33:00Z`, `2016-08-18T19:33:00.5+02:00`).
///
/// Kept to the nanosecond so that Choice comparisons of timestamps with more than millisecond precision come out
/// as on AWS; compared as instants, whatever their offsets.
public struct ASLTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int64
    /// Nanoseconds past `epochSeconds`, 0 to 999,999,999.
    public var nanoseconds: Int32

    /// Parses a timestamp; `nil` for anything that is not the strict form (lowercase `t`/`z`, a space instead of
    /// `T`, no offset, impossible dates).
    public init?(_ text: String) {
        var parser = Parser(bytes: Array(text.utf8))
        guard let (seconds, nanoseconds) = parser.parse() else { return nil }
        self.epochSeconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Orders instants in time.
    public static func < (lhs: ASLTimestamp, rhs: ASLTimestamp) -> Bool {
        (lhs.epochSeconds, lhs.nanoseconds) < (rhs.epochSeconds, rhs.nanoseconds)
    }

    /// Seconds and nanoseconds since the epoch.
    public var description: String { "\(epochSeconds).\(nanoseconds)s" }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func parse() -> (Int64, Int32)? {
            guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
                expect("T"), let hour = digits(2), expect(":"), let minute = digits(2), expect(":"),
                let second = digits(2)
            else { return nil }
            guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour <= 23,
                minute <= 59, second <= 60
            else { return nil }
            var nanoseconds: Int64 = 0
            if expect(".") {
                var count = 0
                while index < bytes.count, let digit = digit(bytes[index]) {
                    if count < 9 { nanoseconds = nanoseconds * 10 + digit }
                    count += 1
                    index += 1
                }
                guard count > 0 else { return nil }
                for _ in min(count, 9)..<9 { nanoseconds *= 10 }
            }
            var offsetSeconds: Int64 = 0
            if expect("Z") {
                // UTC
            } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let hours = digits(2), expect(":"), let minutes = digits(2), hours <= 23, minutes <= 59 else {
                    return nil
                }
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            } else {
                return nil
            }
            guard index == bytes.count else { return nil }
            let days = Instant.daysSinceEpoch(year: year, month: month, day: day)
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
            return (seconds, Int32(nanoseconds))
        }

        private func digit(_ byte: UInt8) -> Int64? {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte - UInt8(ascii: "0")) : nil
        }

        private mutating func digits(_ count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for offset in 0..<count {
                guard let digit = digit(bytes[index + offset]) else { return nil }
                value = value * 10 + digit
            }
            index += count
            return value
        }

        private mutating func expect(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
            index += 1
            return true
        }

        static func daysIn(month: Int64, year: Int64) -> Int64 {
            switch month {
            case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: return 30
            default: return 31
            }
        }

        /// Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse, Hinnant's method).
    }
}
