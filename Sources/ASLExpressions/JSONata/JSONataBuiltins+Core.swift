import Foundation

/// Type conversion, aggregation and number functions.
extension JSONataBuiltins {
    static let core: [JSONataBuiltin] = [
        JSONataBuiltin("string", "<x-b?:s>") { evaluator, arguments in
            guard let value = arguments[0] else { return nil }
            let pretty = JSONataEvaluator.truthy(arguments[1]) == true
            return .string(try evaluator.string(value, pretty: pretty, at: nil))
        },
        JSONataBuiltin("number", "<(nsb)-:n>") { _, arguments in
            guard let value = arguments[0] else { return nil }
            switch value {
            case .integer, .number: return value
            case .bool(let flag): return .integer(flag ? 1 : 0)
            case .string(let text):
                if let number = parseNumber(text) { return JSONataEvaluator.number(number) }
                fallthrough
            default:
                throw JSONataError.evaluation(
                    code: "D3030",
                    message: "Unable to cast value to a number: \(JSONataStringifier.messageText(value))",
                    position: nil)
            }
        },
        JSONataBuiltin("boolean", "<x-:b>") { _, arguments in
            JSONataEvaluator.truthy(arguments[0]).map(JSONataValue.bool)
        },
        JSONataBuiltin("not", "<x-:b>") { _, arguments in
            guard let value = arguments[0] else { return nil }
            return .bool(JSONataEvaluator.truthy(value) != true)
        },
        JSONataBuiltin("exists", "<x:b>") { _, arguments in .bool(arguments[0] != nil) },
        JSONataBuiltin("type", "<x:s>") { _, arguments in arguments[0].map { .string($0.typeName) } },
        JSONataBuiltin("count", "<a:n>") { _, arguments in .integer(Int64(arguments[0]?.elementCount ?? 0)) },
        JSONataBuiltin("sum", "<a<n>:n>") { evaluator, arguments in
            guard let numbers = numbers(arguments[0]) else { return nil }
            return try evaluator.finite(numbers.reduce(0, +), at: nil)
        },
        JSONataBuiltin("max", "<a<n>:n>") { _, arguments in
            numbers(arguments[0])?.max().map(JSONataValue.number)
        },
        JSONataBuiltin("min", "<a<n>:n>") { _, arguments in
            numbers(arguments[0])?.min().map(JSONataValue.number)
        },
        JSONataBuiltin("average", "<a<n>:n>") { evaluator, arguments in
            guard let numbers = numbers(arguments[0]), !numbers.isEmpty else { return nil }
            return try evaluator.finite(numbers.reduce(0, +) / Double(numbers.count), at: nil)
        },
        JSONataBuiltin("round", "<n-n?:n>") { _, arguments in
            guard let number = arguments[0]?.double else { return nil }
            let precision = arguments[1]?.double ?? 0
            return .number(round(number, precision: Int(max(-400, min(400, precision.rounded(.towardZero))))))
        },
        JSONataBuiltin("floor", "<n-:n>") { _, arguments in
            arguments[0]?.double.map { JSONataEvaluator.number($0.rounded(.down)) }
        },
        JSONataBuiltin("ceil", "<n-:n>") { _, arguments in
            arguments[0]?.double.map { JSONataEvaluator.number($0.rounded(.up)) }
        },
        JSONataBuiltin("abs", "<n-:n>") { _, arguments in
            guard let value = arguments[0] else { return nil }
            if case .integer(let integer) = value, integer != .min { return .integer(abs(integer)) }
            return value.double.map { .number($0.magnitude) }
        },
        JSONataBuiltin("now", "<s?s?:s>") { evaluator, arguments in
            guard arguments[0] == nil, arguments[1] == nil else {
                throw JSONataError.unsupportedFeature(
                    name: "$now with picture or timezone arguments", position: evaluator.position(evaluator.callOffset))
            }
            return .string(evaluator.now.iso8601)
        },
        JSONataBuiltin("millis", "<:n>") { evaluator, _ in .integer(evaluator.now.millisecondsSinceEpoch) },
    ]

    /// The numbers of an array argument already checked to hold only numbers.
    static func numbers(_ value: JSONataValue?) -> [Double]? {
        guard let value else { return nil }
        return (value.elements ?? [value]).compactMap(\.double)
    }

    /// `$number` of a string: JSON-style decimals, or `0x`/`0o`/`0b` integers, as JSONata accepts them.
    static func parseNumber(_ text: String) -> Double? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func digits(_ allowed: ClosedRange<Unicode.Scalar>) -> Int {
            let start = index
            while index < scalars.count, allowed.contains(scalars[index]) { index += 1 }
            return index - start
        }
        if scalars.count > 2, scalars[0] == "0" {
            let radix: Int?
            switch scalars[1] {
            case "x", "X": radix = 16
            case "o", "O": radix = 8
            case "b", "B": radix = 2
            default: radix = nil
            }
            if let radix {
                var value = 0.0
                for scalar in scalars[2...] {
                    guard let digit = Int(String(scalar), radix: 16), digit < radix else { return nil }
                    value = value * Double(radix) + Double(digit)
                }
                return value.isFinite ? value : nil
            }
        }
        if index < scalars.count, scalars[index] == "-" { index += 1 }
        guard digits("0"..."9") > 0 else { return nil }
        if index < scalars.count, scalars[index] == "." {
            index += 1
            guard digits("0"..."9") > 0 else { return nil }
        }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            index += 1
            if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
            guard digits("0"..."9") > 0 else { return nil }
        }
        guard index == scalars.count, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// `$round`: half to even, with the decimal point shifted in text (as JSONata does) so that binary
    /// representation errors do not decide the rounding.
    static func round(_ value: Double, precision: Int) -> Double {
        var shifted = value
        if precision != 0 { shifted = shift(value, by: precision) }
        var result = shifted.rounded(.down)
        if shifted - result >= 0.5 { result += 1 }
        if (result - shifted).magnitude == 0.5, result.truncatingRemainder(dividingBy: 2).magnitude == 1 {
            result -= 1
        }
        if precision != 0 { result = shift(result, by: -precision) }
        return result == 0 ? 0 : result
    }

    private static func shift(_ value: Double, by places: Int) -> Double {
        let text = JSONataNumberFormatter.string(value)
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = (parts.count > 1 ? Int(parts[1]) ?? 0 : 0) + places
        return Double("\(parts[0])e\(exponent)") ?? value
    }
}
