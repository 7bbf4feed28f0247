import Foundation

/// An XPath integer picture (`'#,##0'`, `'0;o'`, `'w'`, `'I'`, `'A'`), as `$formatInteger`, `$parseInteger`
/// and the date pictures of `$fromMillis` / `$toMillis` use it (XPath F&O 3.1, §4.6.1).
struct JSONataIntegerPicture {
    enum LetterCase {
        case lower, upper, title
    }

    enum Primary {
        /// Decimal digits of the family whose zero is `zero`; at least `minimumDigits`, with grouping separators.
        case decimal(zero: UInt32, minimumDigits: Int, separators: [(position: Int, separator: Unicode.Scalar)])
        case roman(upper: Bool)
        case words(LetterCase)
        case letters(upper: Bool)
    }

    var primary: Primary
    var ordinal: Bool

    /// Why a picture cannot be used: JSONata's code and message.
    struct Problem: Error {
        var code: String
        var message: String
    }

    init(_ picture: String) throws(Problem) {
        var primaryText = picture
        ordinal = false
        if let semicolon = picture.lastIndex(of: ";") {
            primaryText = String(picture[..<semicolon])
            ordinal = picture[picture.index(after: semicolon)...].hasPrefix("o")
        }
        switch primaryText {
        case "I": primary = .roman(upper: true)
        case "i": primary = .roman(upper: false)
        case "W": primary = .words(.upper)
        case "w": primary = .words(.lower)
        case "Ww": primary = .words(.title)
        case "A": primary = .letters(upper: true)
        case "a": primary = .letters(upper: false)
        default: primary = try JSONataIntegerPicture.decimal(primaryText)
        }
    }

    private static func decimal(_ text: String) throws(Problem) -> Primary {
        var zero: UInt32?
        var digits = 0
        var mandatory = 0
        var separators: [(Int, Unicode.Scalar)] = []
        for scalar in text.unicodeScalars.reversed() {
            if let value = digitValue(scalar) {
                let family = scalar.value - UInt32(value)
                if let zero, zero != family {
                    throw Problem(
                        code: "D3131",
                        message: "In a decimal digit pattern, all digits must be from the same decimal group")
                }
                zero = family
                digits += 1
                mandatory += 1
            } else if scalar == "#" {
                digits += 1
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                throw unsupported(text)
            } else {
                separators.append((digits, scalar))
            }
        }
        guard let zero else { throw unsupported(text) }
        return .decimal(zero: zero, minimumDigits: mandatory, separators: separators)
    }

    private static func unsupported(_ text: String) -> Problem {
        Problem(
            code: "D3130",
            message: "Formatting or parsing an integer as a sequence starting with \(text) is not supported by this "
                + "implementation")
    }

    /// The value of a decimal digit of any Unicode digit family.
    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue else { return nil }
        return Int(value)
    }

    // MARK: - Formatting

    /// `value` (rounded toward zero) written with this picture.
    func format(_ value: Double) -> String {
        let negative = value < 0
        let magnitude = abs(value).rounded(.towardZero)
        var text: String
        switch primary {
        case .decimal(let zero, let minimumDigits, let separators):
            text = JSONataIntegerPicture.decimalDigits(magnitude)
            if text.count < minimumDigits { text = String(repeating: "0", count: minimumDigits - text.count) + text }
            text = JSONataIntegerPicture.group(text, separators)
            text = String(
                String.UnicodeScalarView(
                    text.unicodeScalars.map { scalar in
                        guard let digit = scalar.properties.numericValue, ("0"..."9").contains(scalar) else {
                            return scalar
                        }
                        return Unicode.Scalar(zero + UInt32(digit)) ?? scalar
                    }))
            if ordinal { text += JSONataIntegerPicture.ordinalSuffix(magnitude) }
        case .roman(let upper):
            text = JSONataIntegerPicture.roman(Int(min(magnitude, 1e6)))
            if !upper { text = text.lowercased() }
        case .words(let letterCase):
            text = JSONataIntegerPicture.words(magnitude, ordinal: ordinal)
            switch letterCase {
            case .lower: text = text.lowercased()
            case .upper: text = text.uppercased()
            case .title: break
            }
        case .letters(let upper):
            text = JSONataIntegerPicture.letters(Int(min(magnitude, 1e15)), upper: upper)
        }
        return negative ? "-" + text : text
    }

    /// The decimal digits of a non-negative whole number, exact for every double.
    static func decimalDigits(_ value: Double) -> String {
        if let exact = UInt64(exactly: value) { return String(exact) }
        var digits: [Character] = []
        var rest = value
        while rest >= 1 {
            let digit = rest.truncatingRemainder(dividingBy: 10)
            digits.append(Character(String(Int(digit))))
            rest = ((rest - digit) / 10).rounded(.towardZero)
        }
        return String(digits.reversed())
    }

    /// Inserts the separators: at every multiple of the first position when the grouping is regular (one
    /// separator character, positions its multiples), else only where written.
    private static func group(_ digits: String, _ separators: [(position: Int, separator: Unicode.Scalar)]) -> String {
        guard let first = separators.first, first.position > 0 else { return digits }
        let regular =
            separators.allSatisfy { $0.separator == first.separator }
            && separators.enumerated().allSatisfy { $0.element.position == first.position * ($0.offset + 1) }
        var places: [Int: Unicode.Scalar] = [:]
        if regular {
            var position = first.position
            while position < digits.count {
                places[position] = first.separator
                position += first.position
            }
        } else {
            for (position, separator) in separators where position < digits.count { places[position] = separator }
        }
        var output = String.UnicodeScalarView()
        let scalars = Array(digits.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if index > 0, let separator = places[scalars.count - index] { output.append(separator) }
            output.append(scalar)
        }
        return String(output)
    }

    static func ordinalSuffix(_ value: Double) -> String {
        let lastTwo = Int(value.truncatingRemainder(dividingBy: 100))
        if (11...13).contains(lastTwo) { return "th" }
        switch lastTwo % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }

    private static let romanNumerals: [(Int, String)] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
        (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]

    static func roman(_ value: Int) -> String {
        var rest = value
        var text = ""
        for (amount, numeral) in romanNumerals {
            while rest >= amount {
                text += numeral
                rest -= amount
            }
        }
        return text
    }

    /// Bijective base 26: 1 is A, 26 Z, 27 AA.
    static func letters(_ value: Int, upper: Bool) -> String {
        var rest = value
        var scalars: [Unicode.Scalar] = []
        let base = upper ? UInt32(65) : UInt32(97)
        while rest > 0 {
            rest -= 1
            scalars.append(Unicode.Scalar(base + UInt32(rest % 26)) ?? "?")
            rest /= 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    private static let few = [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
        "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
    ]
    private static let fewOrdinals = [
        "Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
        "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth",
        "Nineteenth",
    ]
    private static let decades = ["Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]
    private static let decadeOrdinals = [
        "Twentieth", "Thirtieth", "Fortieth", "Fiftieth", "Sixtieth", "Seventieth", "Eightieth", "Ninetieth",
    ]
    private static let magnitudes = ["Thousand", "Million", "Billion", "Trillion"]

    /// English words in title case ("Three Thousand, Seven Hundred and Thirty-First"); beyond trillions the
    /// magnitudes repeat ("Ten Billion Trillion Trillion Trillion").
    static func words(_ value: Double, ordinal: Bool, afterLarger: Bool = false) -> String {
        if value <= 19 {
            let index = Int(value)
            return (afterLarger ? " and " : "") + (ordinal ? fewOrdinals[index] : few[index])
        }
        if value < 100 {
            let tens = Int(value / 10)
            let units = value.truncatingRemainder(dividingBy: 10)
            var text =
                (afterLarger ? " and " : "") + (units > 0 || !ordinal ? decades[tens - 2] : decadeOrdinals[tens - 2])
            if units > 0 { text += "-" + words(units, ordinal: ordinal) }
            return text
        }
        if value < 1000 {
            let hundreds = Int(value / 100)
            let rest = value.truncatingRemainder(dividingBy: 100)
            var text = (afterLarger ? ", " : "") + few[hundreds] + " Hundred"
            if rest > 0 {
                text += words(rest, ordinal: ordinal, afterLarger: true)
            } else if ordinal {
                text += "th"
            }
            return text
        }
        let magnitude = min(Int((log10(value) / 3).rounded(.down)), magnitudes.count)
        let factor = pow(10, Double(magnitude * 3))
        let mantissa = (value / factor).rounded(.down)
        let rest = value - mantissa * factor
        var text = (afterLarger ? ", " : "") + words(mantissa, ordinal: false) + " " + magnitudes[magnitude - 1]
        if rest > 0 {
            text += words(rest, ordinal: ordinal, afterLarger: true)
        } else if ordinal {
            text += "th"
        }
        return text
    }

    // MARK: - Parsing

    /// The number `text` writes with this picture; `nil` when it does not fit the picture.
    func parse(_ text: String) -> Double? {
        switch primary {
        case .decimal:
            var digits = Array(text.unicodeScalars)
            if ordinal, digits.count >= 2, digits.suffix(2).allSatisfy({ $0.properties.isAlphabetic }) {
                digits.removeLast(2)
            }
            var value = 0.0
            var seen = false
            for scalar in digits {
                guard let digit = JSONataIntegerPicture.digitValue(scalar) else { continue }
                value = value * 10 + Double(digit)
                seen = true
            }
            return seen ? value : nil
        case .roman:
            return JSONataIntegerPicture.parseRoman(text.uppercased())
        case .words:
            return JSONataIntegerPicture.parseWords(text.lowercased())
        case .letters:
            var value = 0.0
            for scalar in text.lowercased().unicodeScalars {
                guard ("a"..."z").contains(scalar) else { return nil }
                value = value * 26 + Double(scalar.value - 96)
            }
            return value
        }
    }

    private static func parseRoman(_ text: String) -> Double? {
        let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000]
        var total = 0
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            guard let value = values[character] else { return nil }
            if index + 1 < characters.count, let next = values[characters[index + 1]], next > value {
                total -= value
            } else {
                total += value
            }
        }
        return Double(total)
    }

    private static let wordValues: [String: Double] = {
        var table: [String: Double] = [:]
        for (index, word) in few.enumerated() { table[word.lowercased()] = Double(index) }
        for (index, word) in fewOrdinals.enumerated() { table[word.lowercased()] = Double(index) }
        for (index, word) in decades.enumerated() { table[word.lowercased()] = Double(index * 10 + 20) }
        for (index, word) in decadeOrdinals.enumerated() { table[word.lowercased()] = Double(index * 10 + 20) }
        table["hundred"] = 100
        table["hundredth"] = 100
        for (index, word) in magnitudes.enumerated() {
            table[word.lowercased()] = pow(10, Double((index + 1) * 3))
            table[word.lowercased() + "th"] = pow(10, Double((index + 1) * 3))
        }
        return table
    }()

    /// Words back to a number: values below 100 add to the current group, larger ones multiply it, and a
    /// group of a thousand or more is closed before the next small value starts a new one.
    private static func parseWords(_ text: String) -> Double? {
        var parts: [String] = []
        for piece in text.replacingOccurrences(of: ", ", with: " ").replacingOccurrences(of: " and ", with: " ")
            .split(whereSeparator: { $0 == " " || $0 == "-" })
        {
            parts.append(String(piece))
        }
        var groups: [Double] = [0]
        for part in parts {
            guard let value = wordValues[part] else { return nil }
            var top = groups.removeLast()
            if value < 100 {
                if top >= 1000 {
                    groups.append(top)
                    top = 0
                }
                groups.append(top + value)
            } else {
                groups.append(top * value)
            }
        }
        return groups.reduce(0, +)
    }
}
