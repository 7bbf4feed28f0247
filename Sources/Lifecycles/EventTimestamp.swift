import RetraceCore

/// The timestamp forms deployment logs use, read into exact milliseconds.
enum EventTimestamp {
    /// Epoch numbers at or above this are milliseconds (ModelArts); below, seconds (GameLift, the AWS JSON
    /// protocol). 1e11 seconds is the year 5138 and 1e11 milliseconds is 1973, so the two never meet in practice.
    static let millisecondThreshold = 1e11

    /// An epoch number in seconds or milliseconds; `nil` when it is not finite or beyond any sensible date.
    static func instant(epoch number: Double) -> Instant? {
        guard number.isFinite, abs(number) < 1e15 else { return nil }
        if abs(number) >= millisecondThreshold {
            return Instant(millisecondsSinceEpoch: Int64(number.rounded()))
        }
        return Instant(epochSeconds: number)
    }

    /// ISO 8601 (with or without zone and fraction), or an epoch number written as a string.
    static func instant(parsing text: String) -> Instant? {
        if let time = Instant(parsing: text) { return time }
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.utf8.count <= 24,
            trimmed.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") }),
            trimmed.utf8.first != UInt8(ascii: "."), let number = Double(trimmed)
        else { return nil }
        return instant(epoch: number)
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
