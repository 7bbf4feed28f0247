import Foundation

/// String functions. Lengths and positions count Unicode scalars (JavaScript code points), as JSONata does.
extension JSONataBuiltins {
    static let strings: [JSONataBuiltin] = [
        JSONataBuiltin("length", "<s-:n>") { _, arguments in
            arguments[0]?.string.map { .integer(Int64($0.unicodeScalars.count)) }
        },
        JSONataBuiltin("uppercase", "<s-:s>") { _, arguments in arguments[0]?.string.map { .string($0.uppercased()) } },
        JSONataBuiltin("lowercase", "<s-:s>") { _, arguments in arguments[0]?.string.map { .string($0.lowercased()) } },
        JSONataBuiltin("trim", "<s-:s>") { _, arguments in arguments[0]?.string.map { .string(trim($0)) } },
        JSONataBuiltin("substring", "<s-nn?:s>") { _, arguments in
            guard let text = arguments[0]?.string, let start = arguments[1]?.double else { return nil }
            return .string(substring(text, start: start, length: arguments[2]?.double))
        },
        JSONataBuiltin("substringBefore", "<s-s:s>") { _, arguments in
            guard let text = arguments[0]?.string else { return nil }
            guard let separator = arguments[1]?.string, let found = find(separator, in: text) else {
                return .string(text)
            }
            return .string(scalarsString(Array(text.unicodeScalars)[..<found]))
        },
        JSONataBuiltin("substringAfter", "<s-s:s>") { _, arguments in
            guard let text = arguments[0]?.string else { return nil }
            guard let separator = arguments[1]?.string, let found = find(separator, in: text) else {
                return .string(text)
            }
            return .string(scalarsString(Array(text.unicodeScalars)[(found + separator.unicodeScalars.count)...]))
        },
        JSONataBuiltin("contains", "<s-(sf):b>") { evaluator, arguments in
            guard let text = arguments[0]?.string else { return nil }
            if let token = arguments[1]?.string { return .bool(find(token, in: text) != nil) }
            let matcher = try function(arguments[1], argument: 2, of: "contains")
            return .bool(try evaluator.firstMatch(matcher, in: text, function: "contains") != nil)
        },
        JSONataBuiltin("split", "<s-(sf)n?:a<s>>") { evaluator, arguments in
            guard let text = arguments[0]?.string else { return nil }
            var limit: Int?
            if let requested = arguments[2]?.double {
                guard requested >= 0 else {
                    throw JSONataError.evaluation(
                        code: "D3020", message: "Third argument of split function must evaluate to a positive number",
                        position: nil)
                }
                limit = Int(min(requested.rounded(.down), Double(Int32.max)))
            }
            guard let separator = arguments[1]?.string else {
                let matcher = try function(arguments[1], argument: 2, of: "split")
                return .plainArray(
                    try splitting(text, by: matcher, limit: limit ?? Int.max, evaluator: evaluator).map(
                        JSONataValue.string))
            }
            let pieces = split(text, separator: separator, limit: limit)
            try evaluator.charge(pieces.count)
            return .plainArray(pieces.map(JSONataValue.string))
        },
        JSONataBuiltin("join", "<a<s>s?:s>") { evaluator, arguments in
            guard let items = arguments[0]?.elements else { return nil }
            let separator = arguments[1]?.string ?? ""
            let text = items.compactMap(\.string).joined(separator: separator)
            return .string(try evaluator.checkLength(text, at: nil))
        },
    ]

    /// Collapses runs of spaces, tabs and line breaks to one space and drops leading and trailing spaces.
    static func trim(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                pendingSpace = true
                continue
            }
            if pendingSpace && !result.isEmpty { result += " " }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// `$substring`: negative starts count from the end; a non-positive length gives the empty string.
    static func substring(_ text: String, start requestedStart: Double, length: Double?) -> String {
        let scalars = Array(text.unicodeScalars)
        let count = Double(scalars.count)
        var start = requestedStart
        if count + start < 0 { start = 0 }
        if let length {
            if length <= 0 { return "" }
            let end = start >= 0 ? start + length : count + start + length
            return slice(scalars, start, end)
        }
        return slice(scalars, start, count)
    }

    /// JavaScript's `Array.prototype.slice` index rules, on doubles so that huge values cannot trap.
    private static func slice(_ scalars: [Unicode.Scalar], _ start: Double, _ end: Double) -> String {
        let count = Double(scalars.count)
        func clamp(_ value: Double) -> Int {
            let whole = value.isNaN ? 0 : value.rounded(.towardZero)
            let index = whole < 0 ? max(count + whole, 0) : min(whole, count)
            return Int(index)
        }
        let lower = clamp(start)
        let upper = clamp(end)
        guard lower < upper else { return "" }
        return scalarsString(scalars[lower..<upper])
    }

    static func scalarsString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    /// The scalar offset of the first occurrence of `pattern` in `text` (`indexOf`).
    static func find(_ pattern: String, in text: String) -> Int? {
        ScalarSearch(Array(pattern.unicodeScalars)).firstIndex(in: Array(text.unicodeScalars), from: 0)
    }

    /// `$split` with a matcher: the text between matches, up to `limit` pieces.
    private static func splitting(_ text: String, by matcher: JSONataFunction, limit: Int, evaluator: JSONataEvaluator)
        throws -> [String]
    {
        let source = text as NSString
        var pieces: [String] = []
        var start = 0
        var current = try evaluator.firstMatch(matcher, in: text, function: "split")
        guard current != nil else { return [text] }
        while let match = current, pieces.count < limit {
            pieces.append(source.substring(with: NSRange(location: start, length: max(match.start - start, 0))))
            start = match.end
            current = try match.next()
        }
        if pieces.count < limit { pieces.append(start < source.length ? source.substring(from: start) : "") }
        try evaluator.charge(pieces.count)
        return pieces
    }

    /// JavaScript's `String.prototype.split` with a string separator and optional limit.
    static func split(_ text: String, separator: String, limit: Int?) -> [String] {
        let haystack = Array(text.unicodeScalars)
        let needle = Array(separator.unicodeScalars)
        let maximum = limit ?? Int.max
        guard maximum > 0 else { return [] }
        var pieces: [String] = []
        if needle.isEmpty {
            for scalar in haystack.prefix(maximum) { pieces.append(String(scalar)) }
            return pieces
        }
        let search = ScalarSearch(needle)
        var start = 0
        while let found = search.firstIndex(in: haystack, from: start) {
            pieces.append(scalarsString(haystack[start..<found]))
            if pieces.count == maximum { return pieces }
            start = found + needle.count
        }
        pieces.append(scalarsString(haystack[start...]))
        return pieces
    }
}

/// Substring search in linear time (Knuth–Morris–Pratt), so that long hostile strings cannot make a search
/// quadratic.
struct ScalarSearch {
    let needle: [Unicode.Scalar]
    private var failure: [Int]

    init(_ needle: [Unicode.Scalar]) {
        self.needle = needle
        failure = Array(repeating: 0, count: needle.count)
        var matched = 0
        for index in needle.indices.dropFirst() {
            while matched > 0 && needle[index] != needle[matched] { matched = failure[matched - 1] }
            if needle[index] == needle[matched] { matched += 1 }
            failure[index] = matched
        }
    }

    /// The first offset at or after `start` where the needle occurs.
    func firstIndex(in haystack: [Unicode.Scalar], from start: Int) -> Int? {
        guard !needle.isEmpty else { return start <= haystack.count ? start : nil }
        var matched = 0
        var index = start
        while index < haystack.count {
            while matched > 0 && haystack[index] != needle[matched] { matched = failure[matched - 1] }
            if haystack[index] == needle[matched] { matched += 1 }
            if matched == needle.count { return index - needle.count + 1 }
            index += 1
        }
        return nil
    }
}
