import Foundation

/// Formats numbers the way JSONata (which runs on JavaScript numbers) shows them.
enum JSONataNumberFormatter {
    /// JavaScript's `Number.prototype.toString()` for a finite double: the shortest digits that read back as
    /// the same double, in plain notation from 1e-6 up to 1e21 and exponent notation outside.
    static func string(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        if value == 0 { return "0" }
        let (digits, exponent) = shortestDigits(value.magnitude)
        let sign = value < 0 ? "-" : ""
        let count = digits.count
        let n = exponent
        if count <= n && n <= 21 {
            return sign + digits + String(repeating: "0", count: n - count)
        }
        if 0 < n && n <= 21 {
            let split = digits.index(digits.startIndex, offsetBy: n)
            return sign + digits[..<split] + "." + digits[split...]
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + digits
        }
        let power = n - 1
        let mantissa = count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        return sign + mantissa + "e" + (power >= 0 ? "+" : "-") + String(abs(power))
    }

    /// What JSONata prints for numbers in `$string` and in JSON output: rounded to 15 significant digits
    /// (`Number(value.toPrecision(15))`), which hides binary noise such as `0.1 + 0.2`.
    static func outputString(_ value: Double) -> String {
        string(roundedToFifteenDigits(value))
    }

    /// `Number(value.toPrecision(15))`.
    static func roundedToFifteenDigits(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        return Double(String(format: "%.14e", value)) ?? value
    }

    /// The shortest decimal digits of a positive finite double, with `n` such that the value is `0.digits × 10^n`.
    static func shortestDigits(_ magnitude: Double) -> (digits: String, exponent: Int) {
        // Swift's description is the shortest round-trip form, like JavaScript's; only the layout differs.
        let text = magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<marker]
            exponent = Int(text[text.index(after: marker)...]) ?? 0
        }
        var integerPart = mantissa
        var fractionPart: Substring = ""
        if let point = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<point]
            fractionPart = mantissa[mantissa.index(after: point)...]
        }
        var digits = Array(integerPart + fractionPart)
        var n = integerPart.count + exponent
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            n -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        return (String(digits), n)
    }
}
