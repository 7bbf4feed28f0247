/// A moment in time, exact to the millisecond, as an integer count since the Unix epoch.
///
/// Event logs record milliseconds; keeping them as integers keeps durations exact and comparisons cheap.
/// Parsing is hand-written because Foundation's ISO 8601 formatter costs ≈ 50 µs a call on these machines,
/// and histories hold tens of thousands of timestamps.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSinceEpoch: Int64

    /// Creates an instant from milliseconds since the epoch.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Creates an instant from epoch seconds as the AWS JSON protocol sends them (`1714557600.123`).
    public init?(epochSeconds: Double) {
        guard epochSeconds.isFinite, abs(epochSeconds) < 1e13 else { return nil }
        self.init(millisecondsSinceEpoch: Int64((epochSeconds * 1000).rounded()))
    }

    /// Orders instants in time.
    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// Milliseconds from `self` to `later` (negative when `later` is earlier): a signed offset, not a duration
    /// (see `elapsedMilliseconds(until:)`).
    public func milliseconds(until later: Instant) -> Int64 {
        later.millisecondsSinceEpoch - millisecondsSinceEpoch
    }

    /// Milliseconds from `self` to `later`, never negative: what every duration reads, because a log whose clock
    /// runs backwards (the `timestamp-backwards` warning) must not show a negative time; such a span counts as 0.
    public func elapsedMilliseconds(until later: Instant) -> Int64 {
        let (difference, overflow) = later.millisecondsSinceEpoch.subtractingReportingOverflow(millisecondsSinceEpoch)
        if overflow { return later > self ? .max : 0 }
        return max(difference, 0)
    }

    /// ISO 8601 in UTC with milliseconds: `2024-05-01T10:00:00.123Z`.
    public var description: String { iso8601 }

    /// ISO 8601 in UTC with milliseconds: `2024-05-01T10:00:00.123Z`.
    public var iso8601: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendISO8601(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `iso8601`'s UTF-8 bytes, without making a `String` (reports write thousands of them).
    public func appendISO8601(to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Instant.maximumISO8601Length) { scratch in
            guard let out = scratch.baseAddress else { return }
            bytes.append(contentsOf: UnsafeBufferPointer(start: out, count: writeISO8601(to: out)))
        }
    }

    /// The most bytes `writeISO8601(to:)` writes: a year of up to 12 characters (sign and 11 digits, the widest an
    /// `Int64` of milliseconds reaches) and the 20 after it.
    public static let maximumISO8601Length = 32

    /// Writes `iso8601`'s UTF-8 bytes at `out`, which has room for `maximumISO8601Length`; how many it wrote. For
    /// writers that hold their own buffer.
    public func writeISO8601(to out: UnsafeMutablePointer<UInt8>) -> Int {
        let (days, milliseconds) = millisecondsSinceEpoch.floorDivided(by: 86_400_000)
        let (year, month, day) = Instant.civilDate(fromDays: days)
        let seconds = milliseconds / 1000
        var written = 0
        func put(_ byte: UInt8) {
            out[written] = byte
            written += 1
        }
        func digits(_ value: Int64, _ width: Int) {
            var rest = value
            for offset in stride(from: width - 1, through: 0, by: -1) {
                out[written + offset] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            written += width
        }
        if year < 0 || year > 9999 {
            // Outside four digits: the sign and every digit, as `String` would print them.
            for byte in String(year).utf8 { put(byte) }
        } else {
            digits(year, 4)
        }
        put(UInt8(ascii: "-"))
        digits(month, 2)
        put(UInt8(ascii: "-"))
        digits(day, 2)
        put(UInt8(ascii: "T"))
        digits(seconds / 3600, 2)
        put(UInt8(ascii: ":"))
        digits(seconds / 60 % 60, 2)
        put(UInt8(ascii: ":"))
        digits(seconds % 60, 2)
        put(UInt8(ascii: "."))
        digits(milliseconds % 1000, 3)
        put(UInt8(ascii: "Z"))
        return written
    }

    /// Parses the timestamp forms found in real logs:
    /// - ISO 8601 with `T` or a space between date and time (`str(datetime)` in Python),
    /// - 0 to 9 fractional digits (digits past milliseconds are dropped),
    /// - `Z`, `+hh:mm`, `+hhmm`, `+hh`, or no zone (read as UTC).
    ///
    /// Returns `nil` for anything else, including placeholders such as `"timestamp"`.
    public init?(parsing text: some StringProtocol) {
        var text = String(text)
        guard
            let milliseconds = text.withUTF8({ utf8 in
                var parser = TimestampParser(utf8: utf8)
                return parser.parse()
            })
        else { return nil }
        self.init(millisecondsSinceEpoch: milliseconds)
    }

    /// Parses a timestamp from UTF-8 bytes, as `init?(parsing:)` does, without making a `String`.
    public init?(parsingUTF8 utf8: UnsafeBufferPointer<UInt8>) {
        var parser = TimestampParser(utf8: utf8)
        guard let milliseconds = parser.parse() else { return nil }
        self.init(millisecondsSinceEpoch: milliseconds)
    }

    /// Days since the epoch for a proleptic Gregorian date (Howard Hinnant's algorithm); shared by every
    /// timestamp parser in the project.
    public static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after the epoch; the inverse of `daysSinceEpoch`.
    public static func civilDate(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = self >= 0 ? self / divisor : (self - divisor + 1) / divisor
        return (quotient, self - quotient * divisor)
    }
}

/// A small cursor over the bytes of one timestamp.
private struct TimestampParser {
    let utf8: UnsafeBufferPointer<UInt8>
    var index = 0

    mutating func parse() -> Int64? {
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        guard index < utf8.count,
            utf8[index] == UInt8(ascii: "T") || utf8[index] == UInt8(ascii: "t")
                || utf8[index] == UInt8(ascii: " ")
        else { return nil }
        index += 1
        guard let hour = digits(2), expect(":"), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        var second: Int64 = 0
        var milliseconds: Int64 = 0
        if expect(":") {
            guard let parsed = digits(2), parsed <= 60 else { return nil }
            second = parsed
            if expect(".") || expect(",") {
                var fractionDigits = 0
                while index < utf8.count, let digit = digitValue(utf8[index]) {
                    if fractionDigits < 3 { milliseconds = milliseconds * 10 + digit }
                    fractionDigits += 1
                    index += 1
                }
                guard (1...9).contains(fractionDigits) else { return nil }
                if fractionDigits < 3 {
                    for _ in fractionDigits..<3 { milliseconds *= 10 }
                }
            }
        }
        var offsetMinutes: Int64 = 0
        if index < utf8.count {
            let sign = utf8[index]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                index += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                index += 1
                guard let hours = digits(2), hours < 24 else { return nil }
                var minutes: Int64 = 0
                if expect(":") {
                    guard let parsed = digits(2) else { return nil }
                    minutes = parsed
                } else if let parsed = digits(2) {
                    minutes = parsed
                }
                guard minutes < 60 else { return nil }
                offsetMinutes = (hours * 60 + minutes) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        guard index == utf8.count else { return nil }
        let days = Instant.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        return seconds * 1000 + milliseconds
    }

    private func digitValue(_ byte: UInt8) -> Int64? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    private mutating func digits(_ count: Int) -> Int64? {
        guard index + count <= utf8.count else { return nil }
        var value: Int64 = 0
        for offset in 0..<count {
            guard let digit = digitValue(utf8[index + offset]) else { return nil }
            value = value * 10 + digit
        }
        index += count
        return value
    }

    private mutating func expect(_ character: Unicode.Scalar) -> Bool {
        guard index < utf8.count, utf8[index] == UInt8(character.value) else { return false }
        index += 1
        return true
    }
}
