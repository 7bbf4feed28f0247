import Foundation
import RetraceCore

/// Further JSONata functions common in Step Functions workflows: time stamps (without picture strings),
/// padding, powers, assertions and Base64.
extension JSONataBuiltins {
    static let additional: [JSONataBuiltin] = [
        JSONataBuiltin("fromMillis", "<n-s?s?:s>") { evaluator, arguments in
            guard let milliseconds = arguments[0]?.double else { return nil }
            if arguments[1] != nil || arguments[2] != nil {
                return .string(
                    try formatDateTime(
                        milliseconds, picture: arguments[1]?.string, zone: arguments[2]?.string, evaluator: evaluator))
            }
            // JavaScript's toISOString: four-digit years only (0000–9999), milliseconds rounded down.
            let whole = milliseconds.rounded(.down)
            guard whole >= -62_167_219_200_000, whole <= 253_402_300_799_999 else {
                throw JSONataError.evaluation(
                    code: "R0106",
                    message:
                        "$fromMillis cannot show \(JSONataNumberFormatter.string(milliseconds)) as a four-digit-year timestamp",
                    position: nil)
            }
            return .string(Instant(millisecondsSinceEpoch: Int64(whole)).iso8601)
        },
        JSONataBuiltin("toMillis", "<s-s?:n>") { evaluator, arguments in
            guard let text = arguments[0]?.string else { return nil }
            if let picture = arguments[1]?.string {
                return try parseDateTime(text, picture: picture, evaluator: evaluator).map { .integer($0) }
            }
            guard let milliseconds = JSONataDateTimePicture.parseISO(text) else {
                throw JSONataError.evaluation(
                    code: "D3110", message: "The timestamp \(JSONataStringifier.quote(text)) cannot be parsed",
                    position: nil)
            }
            return .integer(milliseconds)
        },
        JSONataBuiltin("pad", "<s-ns?:s>") { evaluator, arguments in
            guard let text = arguments[0]?.string, let width = arguments[1]?.double else { return nil }
            var filler = arguments[2]?.string ?? " "
            if filler.isEmpty { filler = " " }
            let missing = width.magnitude - Double(text.unicodeScalars.count)
            guard missing > 0 else { return .string(text) }
            guard missing <= Double(evaluator.limits.maximumStringLength) else {
                throw JSONataError.limitExceeded(
                    code: "R0002",
                    message: "The string built is longer than \(evaluator.limits.maximumStringLength) bytes",
                    position: nil)
            }
            let fillerScalars = Array(filler.unicodeScalars)
            var padding = ""
            for index in 0..<Int(missing) { padding.unicodeScalars.append(fillerScalars[index % fillerScalars.count]) }
            return .string(try evaluator.checkLength(width > 0 ? text + padding : padding + text, at: nil))
        },
        JSONataBuiltin("sqrt", "<n-:n>") { evaluator, arguments in
            guard let value = arguments[0] else { return nil }
            let number = value.double ?? 0
            guard number >= 0 else {
                throw JSONataError.evaluation(
                    code: "D3060",
                    message:
                        "The sqrt function cannot be applied to a negative number: \(JSONataStringifier.messageText(value))",
                    position: nil)
            }
            return try evaluator.finite(number.squareRoot(), at: nil)
        },
        JSONataBuiltin("power", "<n-n:n>") { _, arguments in
            guard let base = arguments[0]?.double, let exponent = arguments[1]?.double else { return nil }
            let result = Foundation.pow(base, exponent)
            guard result.isFinite else {
                throw JSONataError.evaluation(
                    code: "D3061",
                    message: "The power function has resulted in a value that cannot be represented as a JSON number: "
                        + "base=\(JSONataNumberFormatter.string(base)), exponent=\(JSONataNumberFormatter.string(exponent))",
                    position: nil)
            }
            return JSONataEvaluator.number(result)
        },
        JSONataBuiltin("error", "<s?:x>") { _, arguments in
            throw JSONataError.evaluation(
                code: "D3137", message: arguments[0]?.string ?? "$error() function evaluated", position: nil)
        },
        JSONataBuiltin("assert", "<bs?:x>") { _, arguments in
            guard case .bool(let condition) = arguments[0] else {
                throw JSONataError.evaluation(
                    code: "T0410", message: "Argument 1 of function \"assert\" does not match function signature",
                    position: nil)
            }
            guard condition else {
                throw JSONataError.evaluation(
                    code: "D3141", message: arguments[1]?.string ?? "$assert() statement failed", position: nil)
            }
            return nil
        },
        JSONataBuiltin("base64encode", "<s-:s>") { evaluator, arguments in
            guard let text = arguments[0]?.string else { return nil }
            return .string(try evaluator.checkLength(Data(text.utf8).base64EncodedString(), at: nil))
        },
        JSONataBuiltin("base64decode", "<s-:s>") { _, arguments in
            guard let text = arguments[0]?.string else { return nil }
            guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else {
                throw JSONataError.evaluation(
                    code: "R0107", message: "The argument of $base64decode is not Base64-encoded UTF-8 text",
                    position: nil)
            }
            return .string(decoded)
        },
    ]

    /// `YYYY-MM-DDThh:mm:ss`, optional fraction, then `Z` or `±hh:mm`: the ISO 8601 form every JSONata and
    /// JavaScript version reads the same way. Other forms are reported as unsupported rather than guessed.
    static func isStrictTimestamp(_ text: String) -> Bool {
        let characters = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= characters.count && range.allSatisfy { (48...57).contains(characters[$0]) }
        }
        func character(_ index: Int, _ expected: Character) -> Bool {
            index < characters.count && characters[index] == expected.asciiValue
        }
        guard digits(0..<4), character(4, "-"), digits(5..<7), character(7, "-"), digits(8..<10), character(10, "T"),
            digits(11..<13), character(13, ":"), digits(14..<16), character(16, ":"), digits(17..<19)
        else { return false }
        var index = 19
        if character(index, ".") {
            index += 1
            let start = index
            while index < characters.count, (48...57).contains(characters[index]) { index += 1 }
            guard index > start else { return false }
        }
        if character(index, "Z") { return index + 1 == characters.count }
        guard character(index, "+") || character(index, "-") else { return false }
        return digits(index + 1..<index + 3) && character(index + 3, ":") && digits(index + 4..<index + 6)
            && index + 6 == characters.count
    }
}
