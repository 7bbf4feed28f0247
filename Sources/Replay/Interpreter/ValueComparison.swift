import RetraceCore

/// The result of comparing a value the definition implies with the value the history recorded.
public enum ValueComparison: Sendable, Hashable {
    /// The values agree.
    case equal
    /// The values agree wherever both are known; `reason` says what could not be compared (a masked placeholder in
    /// the history, a value the interpreter cannot know).
    case partial(reason: String)
    /// The values differ; `path` is where (`$.order.total`), with both values there.
    case different(path: String, expected: JSONValue, recorded: JSONValue)

    /// Compares `expected` (computed) with `recorded`.
    ///
    /// Objects compare by members whatever their order, numbers by value. A computed value may hold
    /// `UnknownValue` markers and a recorded one placeholders such as `<uuid:1>` or `<region>` (masked
    /// recordings): each matches anything in the other value's text, and makes the result `partial`.
    public static func compare(expected: JSONValue, recorded: JSONValue) -> ValueComparison {
        var reasons: [String] = []
        if let difference = compare(expected, recorded, path: "$", reasons: &reasons, depth: 0) { return difference }
        if let reason = reasons.first { return .partial(reason: reason) }
        return .equal
    }

    /// Values nested deeper than this are compared as text (JSON parsing already bounds depth; this bounds
    /// recursion for values built in code).
    static let maximumDepth = 256

    private static func compare(
        _ expected: JSONValue, _ recorded: JSONValue, path: String, reasons: inout [String], depth: Int
    ) -> ValueComparison? {
        guard depth < maximumDepth else {
            return expected.serialized() == recorded.serialized()
                ? nil : .different(path: path, expected: expected, recorded: recorded)
        }
        switch (expected, recorded) {
        case (.string(let left), .string(let right)):
            if left == right { return nil }
            if let reason = PlaceholderPattern.match(expected: left, recorded: right) {
                reasons.append(reason)
                return nil
            }
            if let reason = sameJSONText(left, right, reasons: &reasons, depth: depth) {
                reasons.append(reason)
                return nil
            }
            return .different(path: path, expected: expected, recorded: recorded)
        case (.string(let left), _) where UnknownValue.contains(left):
            if PlaceholderPattern.isWholeMarker(left) {
                reasons.append("the value of \(UnknownValue.names(in: left).joined(separator: ", ")) is not known")
                return nil
            }
            return .different(path: path, expected: expected, recorded: recorded)
        case (_, .string(let right)) where PlaceholderPattern.isWholePlaceholder(right):
            reasons.append("the history holds the placeholder '\(right)'")
            return nil
        case (.object(let left), .object(let right)):
            for (key, value) in left {
                let child = path + memberStep(key)
                guard let other = right[key] else {
                    // A member whose value is not known may also be one the service did not write then
                    // (`$$.Execution.RedriveCount` before redrives existed).
                    if case .string(let text) = value, PlaceholderPattern.isWholeMarker(text) {
                        reasons.append("\(UnknownValue.names(in: text).joined(separator: ", ")) is not known")
                        continue
                    }
                    return .different(path: child, expected: value, recorded: .null)
                }
                if let difference = compare(value, other, path: child, reasons: &reasons, depth: depth + 1) {
                    return difference
                }
            }
            for (key, value) in right where left[key] == nil {
                return .different(path: path + memberStep(key), expected: .null, recorded: value)
            }
            return nil
        case (.array(let left), .array(let right)):
            guard left.count == right.count else {
                return .different(path: path, expected: expected, recorded: recorded)
            }
            for (index, pair) in zip(left, right).enumerated() {
                if let difference = compare(
                    pair.0, pair.1, path: path + "[\(index)]", reasons: &reasons, depth: depth + 1)
                {
                    return difference
                }
            }
            return nil
        default:
            return expected == recorded ? nil : .different(path: path, expected: expected, recorded: recorded)
        }
    }

    /// Error causes are often JSON text; recordings re-serialise it with other spacing. Two strings holding
    /// equal JSON objects or arrays agree (partially: the text itself differs).
    private static func sameJSONText(_ left: String, _ right: String, reasons: inout [String], depth: Int) -> String? {
        guard let first = left.first, first == "{" || first == "[", right.first == first,
            let leftValue = try? JSONValue.parse(left), let rightValue = try? JSONValue.parse(right),
            compare(leftValue, rightValue, path: "$", reasons: &reasons, depth: depth + 1) == nil
        else { return nil }
        return "the history writes the same JSON text with other spacing"
    }

    private static func memberStep(_ key: String) -> String {
        let simple = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return simple ? "." + key : "['" + key + "']"
    }
}

/// Placeholders of masked recordings: `<uuid:1>`, `<region>`, `<ExecArnPart_1idx>`, and the words some tools
/// write instead of values (`timestamp`, `date`).
enum PlaceholderPattern {
    /// Whole-value placeholders that are words, not `<…>`.
    static let maskWords: Set<String> = ["timestamp", "date", "<timestamp>"]

    /// Whether `text` is nothing but a placeholder.
    static func isWholePlaceholder(_ text: String) -> Bool {
        if maskWords.contains(text) || isFieldReference(text) { return true }
        guard text.hasPrefix("<"), text.hasSuffix(">"), text.count > 2 else { return false }
        return !text.dropFirst().dropLast().contains { $0 == "<" || $0 == ">" || $0 == " " }
    }

    /// Masked recordings replace some values by the name of the field they came from
    /// (`stateExitedEventDetails.output`).
    static func isFieldReference(_ text: String) -> Bool {
        guard let dot = text.firstIndex(of: "."), text[..<dot].hasSuffix("EventDetails") else { return false }
        return text[text.index(after: dot)...].allSatisfy { $0.isLetter }
    }

    /// Whether `text` is nothing but one unknown-value marker.
    static func isWholeMarker(_ text: String) -> Bool {
        text.first == UnknownValue.delimiter && text.last == UnknownValue.delimiter
            && text.dropFirst().dropLast().firstIndex(of: UnknownValue.delimiter) == nil
    }

    /// When the strings agree once markers in `expected` and placeholders in `recorded` are read as wildcards,
    /// the reason the comparison is only partial; `nil` when they differ (or hold no wildcard).
    static func match(expected: String, recorded: String) -> String? {
        let expectedHasMarkers = UnknownValue.contains(expected)
        let recordedHasPlaceholders =
            maskWords.contains(recorded) || isFieldReference(recorded) || containsPlaceholder(recorded)
        if expectedHasMarkers && recordedHasPlaceholders {
            return "both the computed and the recorded text hold values that are not known"
        }
        if expectedHasMarkers {
            let pieces = expected.split(separator: UnknownValue.delimiter, omittingEmptySubsequences: false)
            let literals = stride(from: 0, to: pieces.count, by: 2).map { String(pieces[$0]) }
            guard globMatches(literals: literals, text: recorded) else { return nil }
            return "the value of \(UnknownValue.names(in: expected).joined(separator: ", ")) is not known"
        }
        if recordedHasPlaceholders {
            if maskWords.contains(recorded) || isFieldReference(recorded) {
                return "the history holds the placeholder '\(recorded)'"
            }
            let literals = placeholderLiterals(recorded)
            guard globMatches(literals: literals.literals, text: expected) else { return nil }
            return "the history holds the placeholder '\(literals.first)'"
        }
        return nil
    }

    /// Whether `text` holds a `<name>` placeholder.
    static func containsPlaceholder(_ text: String) -> Bool {
        placeholderLiterals(text).literals.count > 1
    }

    /// The literal pieces of `text` around its `<name>` placeholders, and the first placeholder.
    private static func placeholderLiterals(_ text: String) -> (literals: [String], first: String) {
        var literals: [String] = []
        var current = ""
        var first = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "<", let close = text[index...].firstIndex(of: ">") {
                let inner = text[text.index(after: index)..<close]
                if !inner.isEmpty, !inner.contains(where: { $0 == "<" || $0 == " " || $0 == "\"" }) {
                    literals.append(current)
                    current = ""
                    if first.isEmpty { first = String(text[index...close]) }
                    index = text.index(after: close)
                    continue
                }
            }
            current.append(character)
            index = text.index(after: index)
        }
        literals.append(current)
        return (literals, first)
    }

    /// Whether `text` is `literals` joined by arbitrary (possibly empty) runs of characters.
    static func globMatches(literals: [String], text: String) -> Bool {
        guard let first = literals.first, literals.count > 1 else { return literals.first == text }
        guard text.hasPrefix(first) else { return false }
        var rest = text.dropFirst(first.count)
        let middle = literals.dropFirst().dropLast()
        for literal in middle where !literal.isEmpty {
            guard let range = rest.range(of: literal) else { return false }
            rest = rest[range.upperBound...]
        }
        let last = literals.last ?? ""
        return rest.hasSuffix(last)
    }
}
