import Foundation

/// An XPath decimal picture (`'#,##0.00'`, `'0.0e0'`, `'#0%'`) as `$formatNumber` uses it (XPath F&O 3.1,
/// §4.7), with the decimal-format properties its third argument may change.
struct JSONataNumberPicture {
    /// The decimal-format properties (`decimal-separator`, `zero-digit`, …).
    struct Format {
        var decimalSeparator: Character = "."
        var groupingSeparator: Character = ","
        var exponentSeparator: Character = "e"
        var minusSign = "-"
        var percent = "%"
        var perMille = "\u{2030}"
        var zeroDigit: Character = "0"
        var digit: Character = "#"
        var patternSeparator: Character = ";"

        /// Defaults with the given options applied (single characters where a character is expected).
        init(options: [(key: String, value: String)]) {
            for (key, value) in options {
                let first = value.first
                switch key {
                case "decimal-separator": decimalSeparator = first ?? decimalSeparator
                case "grouping-separator": groupingSeparator = first ?? groupingSeparator
                case "exponent-separator": exponentSeparator = first ?? exponentSeparator
                case "minus-sign": minusSign = value
                case "percent": percent = value
                case "per-mille": perMille = value
                case "zero-digit": zeroDigit = first ?? zeroDigit
                case "digit": digit = first ?? digit
                case "pattern-separator": patternSeparator = first ?? patternSeparator
                default: break
                }
            }
        }

        /// The digit `character` stands for in this format's family, if it is one.
        func digitValue(_ character: Character) -> Int? {
            guard let zero = zeroDigit.unicodeScalars.first, character.unicodeScalars.count == 1,
                let scalar = character.unicodeScalars.first, scalar.value >= zero.value, scalar.value <= zero.value + 9
            else { return nil }
            return Int(scalar.value - zero.value)
        }

        func character(forDigit digit: Int) -> Character {
            guard let zero = zeroDigit.unicodeScalars.first, let scalar = Unicode.Scalar(zero.value + UInt32(digit))
            else { return "0" }
            return Character(scalar)
        }
    }

    /// Why a picture cannot be used.
    struct Problem: Error {
        var code: String
        var message: String
    }

    /// One sub-picture (for positive or negative numbers).
    struct Part {
        var prefix = ""
        var suffix = ""
        var integerGrouping: [Int] = []
        var regularGrouping = 0
        var fractionGrouping: [Int] = []
        var minimumInteger = 0
        var minimumFraction = 0
        var maximumFraction = 0
        var minimumExponent = 0
        var hasExponent = false
        var integerHasDigits = false
        var percent = false
        var perMille = false
    }

    let format: Format
    let positive: Part
    let negative: Part?

    init(_ picture: String, format: Format) throws(Problem) {
        self.format = format
        let parts = picture.split(separator: format.patternSeparator, omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else {
            throw Problem(code: "D3080", message: "The picture string must not contain more than one pattern separator")
        }
        positive = try JSONataNumberPicture.analyse(parts[0], format)
        negative = parts.count == 2 ? try JSONataNumberPicture.analyse(parts[1], format) : nil
    }

    private static func analyse(_ text: String, _ format: Format) throws(Problem) -> Part {
        let characters = Array(text)
        func isDigit(_ character: Character) -> Bool {
            format.digitValue(character) != nil || character == format.digit
        }
        func isActive(_ character: Character) -> Bool {
            isDigit(character) || character == format.decimalSeparator || character == format.groupingSeparator
                || character == format.exponentSeparator
        }
        // The prefix runs to the first digit or decimal separator, the suffix from the last one.
        let start = characters.firstIndex { isDigit($0) || $0 == format.decimalSeparator } ?? characters.count
        let last = characters.lastIndex {
            isDigit($0) || $0 == format.decimalSeparator || $0 == format.groupingSeparator
        }
        let end = last.map { $0 + 1 } ?? start
        var part = Part()
        part.prefix = String(characters[..<start])
        part.suffix = String(characters[end...])
        let body = Array(characters[start..<end])
        func count(_ needle: String) -> Int { text.components(separatedBy: needle).count - 1 }
        if body.filter({ $0 == format.decimalSeparator }).count > 1 {
            throw Problem(code: "D3081", message: "A sub-picture must not contain more than one decimal separator")
        }
        let percents = count(format.percent)
        let perMilles = count(format.perMille)
        if percents > 1 {
            throw Problem(code: "D3082", message: "A sub-picture must not contain more than one percent sign")
        }
        if perMilles > 1 {
            throw Problem(code: "D3083", message: "A sub-picture must not contain more than one per-mille sign")
        }
        if percents > 0 && perMilles > 0 {
            throw Problem(code: "D3084", message: "A sub-picture must not contain both a percent and a per-mille sign")
        }
        part.percent = percents > 0
        part.perMille = perMilles > 0
        // The exponent separator counts only between the mantissa and exponent digits.
        var mantissa = body
        var exponent: [Character] = []
        if let index = body.firstIndex(of: format.exponentSeparator), index > 0, index + 1 < body.count,
            isActive(body[index - 1]) || body[index - 1] == format.decimalSeparator
        {
            mantissa = Array(body[..<index])
            exponent = Array(body[(index + 1)...])
            part.hasExponent = true
        }
        guard mantissa.contains(where: isDigit) else {
            throw Problem(code: "D3085", message: "The mantissa part of a sub-picture must contain at least one digit")
        }
        if mantissa.contains(where: { !isActive($0) }) {
            throw Problem(
                code: "D3086",
                message: "A sub-picture must not contain a passive character that is preceded by an active character "
                    + "and that is followed by another active character")
        }
        let decimal = mantissa.firstIndex(of: format.decimalSeparator)
        let integer = decimal.map { Array(mantissa[..<$0]) } ?? mantissa
        let fraction = decimal.map { Array(mantissa[($0 + 1)...]) } ?? []
        if integer.last == format.groupingSeparator && decimal != nil
            || fraction.first == format.groupingSeparator
        {
            throw Problem(
                code: "D3087",
                message: "A sub-picture must not contain a grouping separator next to a decimal separator")
        }
        if integer.last == format.groupingSeparator {
            throw Problem(
                code: "D3088", message: "The integer part of a sub-picture must not end with a grouping separator")
        }
        for (first, second) in zip(mantissa, mantissa.dropFirst())
        where first == format.groupingSeparator && second == format.groupingSeparator {
            throw Problem(code: "D3089", message: "A sub-picture must not contain two adjacent grouping separators")
        }
        if let firstMandatory = integer.firstIndex(where: { format.digitValue($0) != nil }),
            integer[firstMandatory...].contains(format.digit)
        {
            throw Problem(
                code: "D3090",
                message: "The integer part of a sub-picture must not contain a member of the decimal digit family that "
                    + "is followed by an optional digit")
        }
        if let firstOptional = fraction.firstIndex(of: format.digit),
            fraction[firstOptional...].contains(where: { format.digitValue($0) != nil })
        {
            throw Problem(
                code: "D3091",
                message: "The fractional part of a sub-picture must not contain an optional digit that is followed by "
                    + "a member of the decimal digit family")
        }
        if part.hasExponent {
            if part.percent || part.perMille {
                throw Problem(
                    code: "D3092",
                    message: "A sub-picture that contains a percent or per-mille character must not "
                        + "contain a character treated as an exponent separator")
            }
            guard exponent.allSatisfy({ format.digitValue($0) != nil }) else {
                throw Problem(
                    code: "D3093", message: "The exponent part of a sub-picture must consist solely of digits")
            }
            part.minimumExponent = exponent.count
        }
        // Grouping positions: integer part from the right, fraction part from the left.
        var digitsSeen = 0
        for character in integer.reversed() {
            if character == format.groupingSeparator {
                part.integerGrouping.append(digitsSeen)
            } else {
                digitsSeen += 1
            }
        }
        if let first = part.integerGrouping.first,
            part.integerGrouping.enumerated().allSatisfy({ $0.element == first * ($0.offset + 1) })
        {
            part.regularGrouping = first
        }
        digitsSeen = 0
        for character in fraction {
            if character == format.groupingSeparator {
                part.fractionGrouping.append(digitsSeen)
            } else {
                digitsSeen += 1
            }
        }
        part.integerHasDigits = integer.contains(where: isDigit)
        part.minimumInteger = integer.filter { format.digitValue($0) != nil }.count
        part.minimumFraction = fraction.filter { format.digitValue($0) != nil }.count
        part.maximumFraction = fraction.filter(isDigit).count
        if part.minimumInteger == 0 && part.maximumFraction == 0 {
            if part.hasExponent {
                part.minimumFraction = 1
                part.maximumFraction = 1
            } else {
                part.minimumInteger = 1
            }
        }
        return part
    }

    // MARK: - Formatting

    func format(_ number: Double) -> String {
        let part = number < 0 ? (negative ?? positive) : positive
        var value = abs(number)
        if part.percent { value *= 100 }
        if part.perMille { value *= 1000 }
        var exponent = 0
        if part.hasExponent && value != 0 {
            let scale = part.minimumInteger
            exponent = Int((log10(value)).rounded(.down)) + 1 - scale
            value /= pow(10, Double(exponent))
        }
        var rounded = String(format: "%.\(part.maximumFraction)f", value)
        if part.hasExponent, value != 0 {
            // Rounding may carry into one more integer digit than the scale allows.
            let integerDigits = rounded.prefix { $0 != "." }.count
            if integerDigits > max(part.minimumInteger, 1)
                || (part.minimumInteger == 0 && rounded.hasPrefix("1")) && value >= 1
            {
                exponent += 1
                value /= 10
                rounded = String(format: "%.\(part.maximumFraction)f", value)
            }
        }
        let pieces = rounded.split(separator: ".", omittingEmptySubsequences: false)
        var integerDigits = String(pieces[0])
        var fractionDigits = pieces.count > 1 ? String(pieces[1]) : ""
        integerDigits = String(integerDigits.drop { $0 == "0" })
        if integerDigits.count < part.minimumInteger {
            integerDigits = String(repeating: "0", count: part.minimumInteger - integerDigits.count) + integerDigits
        }
        while fractionDigits.count > part.minimumFraction && fractionDigits.hasSuffix("0") {
            fractionDigits.removeLast()
        }
        if integerDigits.isEmpty && fractionDigits.isEmpty { integerDigits = "0" }
        // With an exponent, an optional integer digit still shows a zero (`#.00e0` gives `0.23e0`).
        if integerDigits.isEmpty && part.integerHasDigits && part.hasExponent { integerDigits = "0" }
        var text = group(integerDigits, fromRight: true, part)
        if !fractionDigits.isEmpty {
            text.append(format.decimalSeparator)
            text += group(fractionDigits, fromRight: false, part)
        }
        if part.hasExponent {
            text.append(format.exponentSeparator)
            if exponent < 0 { text += format.minusSign }
            var digits = String(abs(exponent))
            if digits.count < part.minimumExponent {
                digits = String(repeating: "0", count: part.minimumExponent - digits.count) + digits
            }
            text += mapped(digits)
        }
        var result = part.prefix + text + part.suffix
        if number < 0 && negative == nil { result = format.minusSign + result }
        return result
    }

    private func mapped(_ digits: String) -> String {
        String(digits.map { character in character.wholeNumberValue.map(format.character(forDigit:)) ?? character })
    }

    private func group(_ digits: String, fromRight: Bool, _ part: Part) -> String {
        let characters = Array(mapped(digits))
        var places = Set<Int>()
        if fromRight {
            if part.regularGrouping > 0 {
                var position = part.regularGrouping
                while position < characters.count {
                    places.insert(position)
                    position += part.regularGrouping
                }
            } else {
                places = Set(part.integerGrouping.filter { $0 < characters.count })
            }
        } else {
            places = Set(part.fractionGrouping.filter { $0 < characters.count })
        }
        var output = ""
        for (index, character) in characters.enumerated() {
            let position = fromRight ? characters.count - index : index
            if index > 0, places.contains(position) { output.append(format.groupingSeparator) }
            output.append(character)
        }
        return output
    }
}
