import RetraceCore

/// An XPath date/time picture (`'[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]'`) as `$fromMillis`
/// uses it: literal text, `[[` and `]]` for brackets, and markers naming a component with its presentation and
/// width (XPath F&O 3.1, §9.8.4).
struct JSONataDateTimePicture {
    /// JSONata's default picture: ISO 8601 with milliseconds.
    static let iso = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

    enum Part {
        case literal(String)
        case marker(Marker)
    }

    struct Marker {
        var component: Character
        /// The presentation modifier (`01`, `Nn`, `w`, …) without an ordinal `o` or traditional `t`.
        var presentation: String
        var ordinal = false
        var traditional = false
        var minimumWidth: Int?
        var maximumWidth: Int?
    }

    /// Why a picture cannot be used.
    struct Problem: Error {
        var code: String
        var message: String
    }

    let parts: [Part]

    init(_ picture: String) throws(Problem) {
        var parts: [Part] = []
        var literal = ""
        let characters = Array(picture)
        var index = 0
        var markers: [String] = []
        while index < characters.count {
            let character = characters[index]
            if character == "[" {
                if index + 1 < characters.count, characters[index + 1] == "[" {
                    literal.append("[")
                    index += 2
                    continue
                }
                guard let close = characters[index...].firstIndex(of: "]") else {
                    throw Problem(code: "D3135", message: "No matching closing bracket ']' in date/time picture string")
                }
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                markers.append(String(characters[(index + 1)..<close].filter { !$0.isWhitespace }))
                parts.append(.literal(""))
                index = close + 1
                continue
            }
            if character == "]", index + 1 < characters.count, characters[index + 1] == "]" {
                literal.append("]")
                index += 2
                continue
            }
            literal.append(character)
            index += 1
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        // Markers are read once the whole picture is known to be well bracketed.
        var markerIndex = 0
        var resolved: [Part] = []
        for part in parts {
            if case .literal(let text) = part, text.isEmpty, markerIndex < markers.count {
                resolved.append(.marker(try JSONataDateTimePicture.marker(markers[markerIndex])))
                markerIndex += 1
            } else {
                resolved.append(part)
            }
        }
        self.parts = resolved
    }

    private static let defaults: [Character: String] = [
        "Y": "1", "M": "1", "D": "1", "d": "1", "F": "n", "W": "1", "w": "1", "X": "1", "x": "1", "H": "1",
        "h": "1", "P": "n", "m": "01", "s": "01", "f": "1", "Z": "01:01", "z": "01:01", "C": "n", "E": "n",
    ]

    private static func marker(_ text: String) throws(Problem) -> Marker {
        guard let component = text.first, let fallback = defaults[component] else {
            throw Problem(code: "D3132", message: "Unknown component specifier \(text.first.map(String.init) ?? "")")
        }
        var body = String(text.dropFirst())
        var marker = Marker(component: component, presentation: fallback)
        if let comma = body.lastIndex(of: ",") {
            let widths = body[body.index(after: comma)...].split(separator: "-", omittingEmptySubsequences: false)
            marker.minimumWidth = widths.first.flatMap { Int($0) }
            if widths.count > 1 { marker.maximumWidth = Int(widths[1]) }
            body = String(body[..<comma])
        }
        if !body.isEmpty {
            if body.count > 1, body.last == "t" {
                marker.traditional = true
                body.removeLast()
            }
            if body.count > 1, body.last == "o" {
                marker.ordinal = true
                body.removeLast()
            } else if body == "o" {
                marker.ordinal = true
                body = fallback
            }
            marker.presentation = body
        }
        if marker.presentation.first == "N" || marker.presentation.first == "n" {
            guard "MxFPCE".contains(component) else {
                throw Problem(
                    code: "D3133",
                    message: "The 'name' modifier can only be applied to months and days in the date/time picture "
                        + "string, not \(component)")
            }
        }
        if component == "Z" || component == "z" {
            let digits = marker.presentation.filter(\.isNumber).count
            guard digits <= 4 else {
                throw Problem(
                    code: "D3134", message: "The timezone integer format specifier cannot have more than four digits")
            }
        }
        return marker
    }

    // MARK: - Formatting

    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// The instant `milliseconds` written with this picture, in the zone `offsetMinutes` east of UTC.
    func format(milliseconds: Int64, offsetMinutes: Int) throws(Problem) -> String {
        let local = milliseconds + Int64(offsetMinutes) * 60_000
        let day = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
        let timeOfDay = local - day * 86_400_000
        var output = ""
        for part in parts {
            switch part {
            case .literal(let text): output += text
            case .marker(let marker):
                output += try format(marker, day: day, timeOfDay: timeOfDay, offsetMinutes: offsetMinutes)
            }
        }
        return output
    }

    /// Monday 1 … Sunday 7.
    private static func isoWeekday(_ day: Int64) -> Int64 {
        // 1970-01-01 was a Thursday.
        ((day % 7 + 7 + 3) % 7) + 1
    }

    private func format(_ marker: Marker, day: Int64, timeOfDay: Int64, offsetMinutes: Int) throws(Problem)
        -> String
    {
        let (year, month, dayOfMonth) = Instant.civilDate(fromDays: day)
        let hour = timeOfDay / 3_600_000
        let weekday = JSONataDateTimePicture.isoWeekday(day)
        // The ISO week and the week of the month belong to the month and year of the week's Thursday.
        let thursday = day + 4 - weekday
        let (thursdayYear, thursdayMonth, thursdayDay) = Instant.civilDate(fromDays: thursday)
        var name: String?
        let value: Int64
        switch marker.component {
        case "Y": value = year
        case "M":
            value = month
            name = JSONataDateTimePicture.months[Int(month - 1)]
        case "D": value = dayOfMonth
        case "d": value = day - Instant.daysSinceEpoch(year: year, month: 1, day: 1) + 1
        case "F":
            value = weekday
            name = JSONataDateTimePicture.days[Int(weekday - 1)]
        case "W": value = (thursday - Instant.daysSinceEpoch(year: thursdayYear, month: 1, day: 1)) / 7 + 1
        case "X": value = thursdayYear
        case "w": value = (thursdayDay - 1) / 7 + 1
        case "x":
            value = thursdayMonth
            name = JSONataDateTimePicture.months[Int(thursdayMonth - 1)]
        case "H": value = hour
        case "h": value = hour % 12 == 0 ? 12 : hour % 12
        case "P":
            value = hour < 12 ? 0 : 1
            name = hour < 12 ? "am" : "pm"
        case "m": value = timeOfDay / 60_000 % 60
        case "s": value = timeOfDay / 1000 % 60
        case "f": return fraction(timeOfDay % 1000, marker)
        case "Z", "z": return zone(offsetMinutes, marker)
        default:
            // The calendar and era: JSONata names the ISO calendar only.
            return "ISO"
        }
        if let name, marker.presentation.first == "N" || marker.presentation.first == "n" {
            var text = name
            switch marker.presentation {
            case "N": text = text.uppercased()
            case "n": text = text.lowercased()
            default: break
            }
            if let maximum = marker.maximumWidth, text.count > maximum { text = String(text.prefix(maximum)) }
            return text
        }
        var presentation = marker.presentation
        if marker.component == "Y", presentation.first == "N" || presentation.first == "n" { presentation = "1" }
        let picture: JSONataIntegerPicture
        do {
            picture = try JSONataIntegerPicture(presentation + (marker.ordinal ? ";o" : ""))
        } catch {
            throw Problem(code: error.code, message: error.message)
        }
        var number = value
        var minimumDigits = 0
        var yearDigits: Int?
        if case .decimal(_, let mandatory, _) = picture.primary {
            minimumDigits = max(mandatory, marker.minimumWidth ?? 0)
            if let maximum = marker.maximumWidth { minimumDigits = min(minimumDigits, maximum) }
            if marker.component == "Y" {
                // A year is cut to its last digits when a width (or a picture of two or more digits) asks.
                var digits: Int?
                if let maximum = marker.maximumWidth {
                    digits = maximum
                } else if let minimum = marker.minimumWidth, marker.presentation == "1" {
                    digits = minimum
                } else if mandatory >= 2 {
                    digits = mandatory
                }
                yearDigits = digits
                if let digits, digits > 0 {
                    var modulus: Int64 = 1
                    for _ in 0..<min(digits, 18) { modulus *= 10 }
                    number %= modulus
                }
            }
        }
        var text = picture.format(Double(number))
        if case .decimal(let zero, _, _) = picture.primary, minimumDigits > 0 {
            let digitCount = text.unicodeScalars.filter { JSONataIntegerPicture.digitValue($0) != nil }.count
            if digitCount < minimumDigits, let padding = Unicode.Scalar(zero) {
                text = String(repeating: String(padding), count: minimumDigits - digitCount) + text
            }
            if let yearDigits, yearDigits > 0, text.unicodeScalars.count > yearDigits,
                text.unicodeScalars.allSatisfy({ JSONataIntegerPicture.digitValue($0) != nil })
            {
                text = String(String.UnicodeScalarView(text.unicodeScalars.suffix(yearDigits)))
            }
        }
        return text
    }

    /// Fractional seconds: the picture's digit count says how many digits of the milliseconds to show.
    private func fraction(_ milliseconds: Int64, _ marker: Marker) -> String {
        let digits = max(marker.presentation.filter(\.isNumber).count, marker.minimumWidth ?? 1)
        var text = String(milliseconds)
        text = String(repeating: "0", count: 3 - text.count) + text
        if digits < 3 { return String(text.prefix(digits)) }
        return text + String(repeating: "0", count: digits - 3)
    }

    /// A zone offset: `01:01` `+05:30`, `0101` `+0530`, `0` `+5:30` (minutes only when not zero); `t` writes
    /// UTC as `Z`; `z` prefixes `GMT`.
    private func zone(_ offsetMinutes: Int, _ marker: Marker) -> String {
        if marker.traditional && offsetMinutes == 0 { return "Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let hours = abs(offsetMinutes) / 60
        let minutes = abs(offsetMinutes) % 60
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let presentation = marker.presentation
        let digits = presentation.filter(\.isNumber).count
        var text: String
        if digits <= 2 {
            text = sign + (digits == 2 ? twoDigits(hours) : String(hours))
            if minutes != 0 { text += ":" + twoDigits(minutes) }
        } else {
            let separator = presentation.first { !$0.isNumber }.map(String.init) ?? ""
            let hourDigits = digits == 3 ? String(hours) : twoDigits(hours)
            text = sign + hourDigits + separator + twoDigits(minutes)
        }
        return marker.component == "z" ? "GMT" + text : text
    }

    /// Minutes east of UTC of a `±HHMM` zone argument.
    static func offsetMinutes(_ text: String) -> Int? {
        var scalars = Array(text.unicodeScalars)
        var sign = 1
        if let first = scalars.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            scalars.removeFirst()
        }
        guard scalars.count == 4, scalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        let digits = scalars.map { Int($0.value) - 48 }
        return sign * ((digits[0] * 10 + digits[1]) * 60 + digits[2] * 10 + digits[3])
    }
}
