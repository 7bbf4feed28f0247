import Foundation
import RetraceCore

/// Reading a timestamp back with a picture (`$toMillis(text, picture)`): the picture becomes a regular
/// expression, each marker a group, and the components found make the instant. Components more significant
/// than the first one given come from the current date; less significant ones default to their minimum; a gap
/// between given components is `D3136`.
extension JSONataDateTimePicture {
    private static let underspecified = Problem(
        code: "D3136", message: "The date/time picture string is underspecified")

    /// The milliseconds `text` denotes, `nil` when it does not fit the picture.
    func parse(_ text: String, now: Instant) throws(Problem) -> Int64? {
        let markers = parts.compactMap { part -> Marker? in
            if case .marker(let marker) = part { return marker }
            return nil
        }
        guard !markers.isEmpty else { return nil }
        let given = Set(markers.map(\.component))
        if !given.isDisjoint(with: ["X", "x", "w", "W"]) { throw JSONataDateTimePicture.underspecified }
        let order: [Character] =
            given.contains("d") ? ["Y", "d", "H", "m", "s", "f"] : ["Y", "M", "D", "H", "m", "s", "f"]
        var present = given
        if given.contains("h") { present.insert("H") }
        let flags = order.map { present.contains($0) }
        if let first = flags.firstIndex(of: true), let last = flags.lastIndex(of: true),
            flags[first...last].contains(false)
        {
            throw JSONataDateTimePicture.underspecified
        }
        var pattern = "^"
        for (index, part) in parts.enumerated() {
            switch part {
            case .literal(let literal): pattern += NSRegularExpression.escapedPattern(for: literal)
            case .marker(let marker):
                var fixedWidth = false
                if index + 1 < parts.count, case .marker = parts[index + 1] { fixedWidth = true }
                pattern += "(" + JSONataDateTimePicture.pattern(for: marker, fixedWidth: fixedWidth) + ")"
            }
        }
        pattern += "$"
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else {
            return nil
        }
        let source = text as NSString
        guard let match = expression.firstMatch(in: text, range: NSRange(location: 0, length: source.length)) else {
            return nil
        }
        var values: [Character: Int64] = [:]
        var offsetMinutes = 0
        var afternoon: Bool?
        for (index, marker) in markers.enumerated() {
            let range = match.range(at: index + 1)
            guard range.location != NSNotFound else { continue }
            let found = source.substring(with: range)
            switch marker.component {
            case "Z", "z":
                guard let offset = JSONataDateTimePicture.parseZone(found) else { return nil }
                offsetMinutes = offset
            case "P": afternoon = found.lowercased() == "pm"
            case "F", "C", "E": continue
            default:
                guard let value = JSONataDateTimePicture.value(of: found, marker) else { return nil }
                values[marker.component] = value
            }
        }
        if let hour = values["h"] { values["H"] = hour % 12 + (afternoon == true ? 12 : 0) }
        let nowDay = now.millisecondsSinceEpoch / 86_400_000
        let today = Instant.civilDate(fromDays: nowDay)
        let firstGiven = flags.firstIndex(of: true) ?? order.count
        func component(_ name: Character, _ current: Int64, _ minimum: Int64) -> Int64 {
            if let value = values[name] { return value }
            guard let position = order.firstIndex(of: name) else { return minimum }
            return position < firstGiven ? current : minimum
        }
        let year = component("Y", today.year, 1970)
        let day: Int64
        if given.contains("d") {
            day = Instant.daysSinceEpoch(year: year, month: 1, day: 1) + (values["d"] ?? 1) - 1
        } else {
            day = Instant.daysSinceEpoch(
                year: year, month: component("M", today.month, 1), day: component("D", today.day, 1))
        }
        let nowTime = now.millisecondsSinceEpoch - nowDay * 86_400_000
        let hours = component("H", nowTime / 3_600_000, 0)
        let minutes = component("m", nowTime / 60_000 % 60, 0)
        let seconds = component("s", nowTime / 1000 % 60, 0)
        let milliseconds = component("f", nowTime % 1000, 0)
        let local = ((day * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000 + milliseconds
        return local - Int64(offsetMinutes) * 60_000
    }

    private static func names(_ marker: Marker) -> [String] {
        let all: [String]
        switch marker.component {
        case "M", "x": all = months
        case "F": all = days
        case "P": all = ["am", "pm"]
        default: all = ["ISO"]
        }
        guard let maximum = marker.maximumWidth else { return all }
        return all.map { String($0.prefix(maximum)) }
    }

    private static func pattern(for marker: Marker, fixedWidth: Bool) -> String {
        if marker.component == "Z" || marker.component == "z" {
            return "(?:GMT)?(?:Z|[+-][0-9]{1,2}(?::?[0-9]{2})?)"
        }
        if marker.component == "P" || marker.presentation.first == "N" || marker.presentation.first == "n" {
            return names(marker).map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        }
        let ordinal = marker.ordinal ? "(?:st|nd|rd|th)?" : ""
        switch marker.presentation {
        case "I", "i": return "[MDCLXVImdclxvi]+"
        case "W", "w", "Ww": return "[A-Za-z][A-Za-z ,\\-]*?"
        case "A", "a": return "[A-Za-z]+"
        default:
            var digits = marker.presentation.filter(\.isNumber).count
            if let maximum = marker.maximumWidth { digits = maximum }
            return (fixedWidth ? "[0-9]{\(max(digits, 1))}" : "[0-9]+") + ordinal
        }
    }

    private static func value(of text: String, _ marker: Marker) -> Int64? {
        if marker.presentation.first == "N" || marker.presentation.first == "n" {
            let lowered = text.lowercased()
            guard let index = names(marker).firstIndex(where: { $0.lowercased() == lowered }) else { return nil }
            return Int64(index + 1)
        }
        let presentation = marker.presentation == "Ww" ? "w" : marker.presentation
        guard let picture = try? JSONataIntegerPicture(presentation + (marker.ordinal ? ";o" : "")) else {
            return nil
        }
        var cleaned = text
        if marker.ordinal, case .decimal = picture.primary {
            cleaned = String(text.prefix { $0.isNumber })
        }
        // Components beyond ten million (years, days, hours…) are no date JavaScript can hold.
        guard let value = picture.parse(cleaned), abs(value) < 10_000_000 else { return nil }
        return Int64(value)
    }

    private static func parseZone(_ text: String) -> Int? {
        var body = text.uppercased()
        if body.hasPrefix("GMT") { body.removeFirst(3) }
        if body == "Z" || body.isEmpty { return 0 }
        let sign = body.hasPrefix("-") ? -1 : 1
        let digits = body.dropFirst().filter(\.isNumber).compactMap(\.wholeNumberValue)
        switch digits.count {
        case 1, 2: return sign * digits.reduce(0) { $0 * 10 + $1 } * 60
        case 3: return sign * (digits[0] * 60 + digits[1] * 10 + digits[2])
        case 4: return sign * ((digits[0] * 10 + digits[1]) * 60 + digits[2] * 10 + digits[3])
        default: return nil
        }
    }

    /// An ISO 8601 timestamp as JSONata reads one without a picture: a year, optionally with month, day, time
    /// to any precision and a zone (`Z`, `±hh`, `±hhmm`, `±hh:mm`); without a zone, UTC.
    static func parseISO(_ text: String) -> Int64? {
        let pattern =
            #"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:T([0-9]{2})(?::([0-9]{2})(?::([0-9]{2})(?:\.([0-9]+))?)?)?"#
            + #"(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?)?)?$"#
        guard let expression = try? NSRegularExpression(pattern: pattern),
            let match = expression.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length))
        else { return nil }
        let source = text as NSString
        func group(_ index: Int) -> String? {
            let range = match.range(at: index)
            return range.location == NSNotFound ? nil : source.substring(with: range)
        }
        func number(_ index: Int, _ fallback: Int64) -> Int64 { group(index).flatMap { Int64($0) } ?? fallback }
        let month = number(2, 1)
        let day = number(3, 1)
        let hour = number(4, 0)
        let minute = number(5, 0)
        let second = number(6, 0)
        guard (1...12).contains(month), (1...31).contains(day), hour <= 24, minute < 60, second < 61 else { return nil }
        var fraction: Int64 = 0
        if let digits = group(7) {
            let padded = (digits + "000").prefix(3)
            fraction = Int64(padded) ?? 0
        }
        let offset = group(8).flatMap(parseZone) ?? 0
        let days = Instant.daysSinceEpoch(year: number(1, 1970), month: month, day: day)
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + fraction - Int64(offset) * 60_000
    }
}
