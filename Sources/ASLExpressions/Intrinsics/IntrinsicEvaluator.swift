import RetraceCore

/// Evaluates intrinsic function calls against an environment.
///
/// Limits follow AWS: `States.ArrayRange` builds at most 1,000 items; `States.Hash`, `States.Base64Encode` and
/// `States.Base64Decode` take at most 10,000 characters; `States.JsonMerge` merges shallowly only. Non-integer
/// numbers given to `States.MathAdd` and `States.MathRandom` are rounded half up, as Java's `Math.round` does.
public struct IntrinsicEvaluator: Sendable {
    /// The most items `States.ArrayRange` may produce.
    public static let maximumRangeItems = 1000
    /// The longest string `States.Hash` and the Base64 functions accept, in characters.
    public static let maximumStringInput = 10_000

    /// Where `States.MathRandom` and `States.UUID` get their values.
    public var randomness: any IntrinsicRandomness

    /// Creates an evaluator; by default random values come from the system.
    public init(randomness: any IntrinsicRandomness = SystemIntrinsicRandomness()) {
        self.randomness = randomness
    }

    /// Parses and evaluates `text` (`States.Format('…', $.a)`).
    public func evaluate(_ text: String, in environment: ExpressionEnvironment) throws(IntrinsicError) -> JSONValue {
        try evaluate(IntrinsicCall(parsing: text), in: environment)
    }

    /// Evaluates a parsed call.
    public func evaluate(_ call: IntrinsicCall, in environment: ExpressionEnvironment) throws(IntrinsicError)
        -> JSONValue
    {
        var values: [JSONValue] = []
        values.reserveCapacity(call.arguments.count)
        for argument in call.arguments { values.append(try value(of: argument, in: environment)) }
        let arguments = Arguments(function: call.function, values: values)
        switch call.function {
        case .format: return try format(call, arguments)
        case .stringToJson: return try stringToJson(arguments)
        case .jsonToString: return .string(try arguments.value(0).serialized())
        case .array: return .array(values)
        case .arrayPartition: return try arrayPartition(arguments)
        case .arrayContains: return .bool(try arguments.array(0).contains(try arguments.value(1)))
        case .arrayRange: return try arrayRange(arguments)
        case .arrayGetItem: return try arrayGetItem(arguments)
        case .arrayLength: return .integer(Int64(try arguments.array(0).count))
        case .arrayUnique: return try arrayUnique(arguments)
        case .base64Encode: return try base64Encode(arguments)
        case .base64Decode: return try base64Decode(arguments)
        case .hash: return try hash(arguments)
        case .jsonMerge: return try jsonMerge(arguments)
        case .mathRandom: return try mathRandom(arguments)
        case .mathAdd: return try mathAdd(arguments)
        case .stringSplit: return try stringSplit(arguments)
        case .uuid: return .string(randomness.randomUUID())
        }
    }

    private func value(of argument: IntrinsicArgument, in environment: ExpressionEnvironment) throws(IntrinsicError)
        -> JSONValue
    {
        switch argument {
        case .string(let value, _): return .string(value)
        case .literal(let value): return value
        case .path(let path):
            do {
                return try path.evaluate(in: environment)
            } catch {
                throw .path(error)
            }
        case .call(let call): return try evaluate(call, in: environment)
        }
    }

    // MARK: - Strings and JSON

    /// Replaces each `{}` of the template with the next argument as AWS writes it (`formatted(_:)`).
    /// In a quoted template, `\{` and `\}` are literal braces, never placeholders.
    private func format(_ call: IntrinsicCall, _ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        let template: [(Character, isEscaped: Bool)]
        if case .string(_, let raw)? = call.arguments.first {
            var characters: [(Character, Bool)] = []
            var escaping = false
            for character in raw {
                if escaping {
                    characters.append((character, true))
                    escaping = false
                } else if character == "\\" {
                    escaping = true
                } else {
                    characters.append((character, false))
                }
            }
            template = characters
        } else {
            template = try arguments.string(0).map { ($0, false) }
        }
        let values = arguments.values.dropFirst()
        var output = ""
        var used = 0
        var index = 0
        while index < template.count {
            let (character, escaped) = template[index]
            if character == "{", !escaped, index + 1 < template.count, template[index + 1] == ("}", false) {
                guard used < values.count else {
                    throw .invalidArgument(
                        function: .format,
                        message: "the template has more {} placeholders than the \(values.count) values given")
                }
                output += Self.formatted(values[values.startIndex + used])
                used += 1
                index += 2
            } else {
                output.append(character)
                index += 1
            }
        }
        guard used == values.count else {
            throw .invalidArgument(
                function: .format,
                message: "the template has \(used) {} placeholders but \(values.count) values were given")
        }
        return .string(output)
    }

    /// How `States.Format` writes a value: strings as they are, numbers, booleans and null as in JSON, and
    /// objects and arrays the way AWS's Java runtime prints them, `{key=value, other=[1, 2]}`, with nested
    /// strings unquoted. It is not JSON: a definition that wants JSON calls `States.JsonToString`.
    static func formatted(_ value: JSONValue, depth: Int = 0) -> String {
        switch value {
        case .string(let text):
            return text
        case .array(let elements) where depth < 64:
            return "[" + elements.map { formatted($0, depth: depth + 1) }.joined(separator: ", ") + "]"
        case .object(let object) where depth < 64:
            return "{" + object.map { "\($0.key)=\(formatted($0.value, depth: depth + 1))" }.joined(separator: ", ")
                + "}"
        default:
            return value.serialized()
        }
    }

    /// Parses a string as JSON; one holding no JSON value at all (empty, or only white space) gives `null`, as
    /// AWS's JSON reader does.
    private func stringToJson(_ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        let text = try arguments.string(0)
        if text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) { return .null }
        do {
            return try JSONValue.parse(text, name: "States.StringToJson")
        } catch {
            throw .invalidArgument(function: .stringToJson, message: "the string is not valid JSON: \(text)")
        }
    }

    private func stringSplit(_ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        let text = try arguments.string(0)
        // By code point, not by Swift's canonically equivalent characters.
        let delimiters = Set(try arguments.string(1).unicodeScalars)
        guard !delimiters.isEmpty else {
            throw .invalidArgument(function: .stringSplit, message: "the delimiter string is empty")
        }
        let parts = text.unicodeScalars.split(whereSeparator: { delimiters.contains($0) })
            .map { JSONValue.string(String(String.UnicodeScalarView($0))) }
        return .array(parts)
    }

    private func base64Encode(_ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        let text = try arguments.string(0)
        try checkLength(text, function: .base64Encode)
        return .string(Base64.encode(Array(text.utf8)))
    }

    private func base64Decode(_ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        let text = try arguments.string(0)
        try checkLength(text, function: .base64Decode)
        guard let bytes = Base64.decode(text) else {
            throw .invalidArgument(function: .base64Decode, message: "'\(text)' is not valid Base64")
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw .invalidArgument(function: .base64Decode, message: "the decoded bytes are not UTF-8 text")
        }
        return .string(decoded)
    }

    private func hash(_ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        let text = try arguments.string(0)
        let name = try arguments.string(1)
        guard let algorithm = Digest.Algorithm(rawValue: name) else {
            let known = Digest.Algorithm.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidArgument(function: .hash, message: "'\(name)' is not one of the algorithms \(known)")
        }
        try checkLength(text, function: .hash)
        return .string(Digest.hexDigest(of: text, with: algorithm))
    }

    private func checkLength(_ text: String, function: IntrinsicFunction) throws(IntrinsicError) {
        let length = text.count
        guard length <= Self.maximumStringInput else {
            throw .invalidArgument(
                function: function,
                message: "the input has \(length) characters; at most \(Self.maximumStringInput) are allowed")
        }
    }

    private func jsonMerge(_ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        var merged = try arguments.object(0)
        let second = try arguments.object(1)
        guard case .bool(let deep) = try arguments.value(2) else {
            throw .argumentType(function: .jsonMerge, index: 2, expected: "a boolean", found: try arguments.value(2))
        }
        guard !deep else {
            throw .invalidArgument(
                function: .jsonMerge, message: "only shallow merging is supported; the third argument must be false")
        }
        for (key, value) in second { merged[key] = value }
        return .object(merged)
    }

    // MARK: - Arrays

    private func arrayPartition(_ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        let elements = try arguments.array(0)
        let size = try arguments.integer(1)
        guard size > 0 else {
            throw .invalidArgument(function: .arrayPartition, message: "the chunk size must be positive, not \(size)")
        }
        var chunks: [JSONValue] = []
        var start = 0
        while start < elements.count {
            let end = size >= Int64(elements.count - start) ? elements.count : start + Int(size)
            chunks.append(.array(Array(elements[start..<end])))
            start = end
        }
        return .array(chunks)
    }

    private func arrayRange(_ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        let first = try arguments.integer(0)
        let last = try arguments.integer(1)
        let step = try arguments.integer(2)
        guard step != 0 else { throw .invalidArgument(function: .arrayRange, message: "the step cannot be 0") }
        if (step > 0 && first > last) || (step < 0 && first < last) { return .array([]) }
        let (span, overflow) = last.subtractingReportingOverflow(first)
        let (quotient, divisionOverflow) = span.dividedReportingOverflow(by: step)
        let count = overflow || divisionOverflow ? Int64.max : quotient + 1
        guard count <= Int64(Self.maximumRangeItems) else {
            throw .invalidArgument(
                function: .arrayRange,
                message: "the range would hold more than \(Self.maximumRangeItems) items")
        }
        return .array((0..<count).map { .integer(first + $0 * step) })
    }

    private func arrayGetItem(_ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        let elements = try arguments.array(0)
        let index = try arguments.integer(1)
        guard index >= 0, index < Int64(elements.count) else {
            throw .invalidArgument(
                function: .arrayGetItem, message: "the index \(index) is outside the array of \(elements.count) items")
        }
        return elements[Int(index)]
    }

    private func arrayUnique(_ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        var seen: Set<JSONValue> = []
        var unique: [JSONValue] = []
        for element in try arguments.array(0) where seen.insert(element).inserted { unique.append(element) }
        return .array(unique)
    }

    // MARK: - Math

    private func mathAdd(_ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        let first = try arguments.roundedInteger(0)
        let second = try arguments.roundedInteger(1)
        let (sum, overflow) = first.addingReportingOverflow(second)
        guard !overflow else { throw .invalidArgument(function: .mathAdd, message: "the sum is too large") }
        return .integer(sum)
    }

    private func mathRandom(_ arguments: Arguments) throws(IntrinsicError) -> JSONValue {
        let start = try arguments.roundedInteger(0)
        let end = try arguments.roundedInteger(1)
        let seed = arguments.values.count > 2 ? try arguments.roundedInteger(2) : nil
        guard start <= end else {
            throw .invalidArgument(function: .mathRandom, message: "the start \(start) is greater than the end \(end)")
        }
        return .integer(randomness.randomInteger(in: start...end, seed: seed))
    }
}

/// Typed access to evaluated arguments, throwing `argumentType` with the argument's position.
struct Arguments {
    let function: IntrinsicFunction
    let values: [JSONValue]

    func value(_ index: Int) throws(IntrinsicError) -> JSONValue {
        guard index < values.count else {
            throw .argumentCount(function: function, expected: function.arityDescription, found: values.count)
        }
        return values[index]
    }

    func string(_ index: Int) throws(IntrinsicError) -> String {
        let value = try value(index)
        guard case .string(let text) = value else {
            throw .argumentType(function: function, index: index, expected: "a string", found: value)
        }
        return text
    }

    func array(_ index: Int) throws(IntrinsicError) -> [JSONValue] {
        let value = try value(index)
        guard case .array(let elements) = value else {
            throw .argumentType(function: function, index: index, expected: "an array", found: value)
        }
        return elements
    }

    func object(_ index: Int) throws(IntrinsicError) -> JSONObject {
        let value = try value(index)
        guard case .object(let object) = value else {
            throw .argumentType(function: function, index: index, expected: "a JSON object", found: value)
        }
        return object
    }

    /// An integer: JSON integers and numbers with no fractional part.
    func integer(_ index: Int) throws(IntrinsicError) -> Int64 {
        let value = try value(index)
        switch value {
        case .integer(let number): return number
        case .number(let number) where number.rounded() == number && abs(number) < 9.0e18: return Int64(number)
        default: throw .argumentType(function: function, index: index, expected: "an integer", found: value)
        }
    }

    /// A number rounded half up to an integer, as Java's `Math.round`.
    func roundedInteger(_ index: Int) throws(IntrinsicError) -> Int64 {
        let value = try value(index)
        switch value {
        case .integer(let number): return number
        case .number(let number) where number.isFinite && abs(number) < 9.0e18:
            return Int64((number + 0.5).rounded(.down))
        default: throw .argumentType(function: function, index: index, expected: "a number", found: value)
        }
    }
}
