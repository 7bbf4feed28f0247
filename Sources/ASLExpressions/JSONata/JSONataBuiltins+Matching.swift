import Foundation

/// `$match` and `$replace`, and the matcher forms of `$contains` and `$split`: string functions that take a
/// regular expression (or any matcher function).
extension JSONataBuiltins {
    static let matching: [JSONataBuiltin] = [
        JSONataBuiltin("match", "<s-f<s:o>n?:a<o>>") { evaluator, arguments in
            guard let text = arguments[0]?.string else { return nil }
            let limit = try matchLimit(arguments[2], code: "D3040", function: "match")
            let matcher = try function(arguments[1], argument: 2, of: "match")
            var results: [JSONataValue] = []
            guard limit > 0 else { return .sequence(results) }
            var current = try evaluator.firstMatch(matcher, in: text, function: "match")
            while let match = current, results.count < limit {
                results.append(match.object())
                current = try match.next()
            }
            try evaluator.charge(results.count)
            return .sequence(results)
        },
        JSONataBuiltin("replace", "<s-(sf)(sf)n?:s>") { evaluator, arguments in
            guard let text = arguments[0]?.string else { return nil }
            if arguments[1]?.string == "" {
                throw JSONataError.evaluation(
                    code: "D3010", message: "Second argument of replace function cannot be an empty string",
                    position: nil)
            }
            let limit = try matchLimit(arguments[3], code: "D3011", function: "replace")
            guard limit > 0 else { return .string(text) }
            if let pattern = arguments[1]?.string {
                return .string(
                    try evaluator.checkLength(replacing(pattern, in: text, with: arguments[2], limit: limit), at: nil))
            }
            let matcher = try function(arguments[1], argument: 2, of: "replace")
            let source = text as NSString
            var result = ""
            var position = 0
            var count = 0
            var current = try evaluator.firstMatch(matcher, in: text, function: "replace")
            while let match = current, count < limit {
                result += source.substring(with: NSRange(location: position, length: max(match.start - position, 0)))
                switch arguments[2] {
                case .string(let replacement)?: result += substitute(replacement, for: match)
                case .function(let replacer)?:
                    guard
                        case .string(let replaced)? = try evaluator.invoke(replacer, [match.object(indexKey: "start")])
                    else {
                        throw JSONataError.evaluation(
                            code: "D3012", message: "Attempted to replace a matched string with a non-string value",
                            position: nil)
                    }
                    result += replaced
                default: break
                }
                _ = try evaluator.checkLength(result, at: nil)
                position = match.start + (match.text as NSString).length
                count += 1
                current = try match.next()
            }
            if position < source.length { result += source.substring(from: position) }
            return .string(try evaluator.checkLength(result, at: nil))
        },
    ]

    /// The optional limit of `$match`, `$replace` (and `$split`): a whole number of matches, never negative.
    static func matchLimit(_ value: JSONataValue?, code: String, function: String) throws(JSONataError) -> Int {
        guard let requested = value?.double else { return Int.max }
        guard requested >= 0 else {
            throw JSONataError.evaluation(
                code: code,
                message: "Fourth argument of \(function) function must evaluate to a positive number",
                position: nil)
        }
        return Int(min(requested.rounded(.down), Double(Int32.max)))
    }

    /// `$replace` with a string pattern: each occurrence, up to `limit`, replaced by the replacement as written.
    private static func replacing(_ pattern: String, in text: String, with replacement: JSONataValue?, limit: Int)
        -> String
    {
        let haystack = Array(text.unicodeScalars)
        let search = ScalarSearch(Array(pattern.unicodeScalars))
        let inserted = replacement?.string ?? ""
        var result = ""
        var start = 0
        var count = 0
        while count < limit, let found = search.firstIndex(in: haystack, from: start) {
            result += scalarsString(haystack[start..<found]) + inserted
            start = found + search.needle.count
            count += 1
        }
        return result + scalarsString(haystack[start...])
    }

    /// A replacement string with JSONata's `$` references filled in: `$$` a dollar, `$0` the match, `$N` group N
    /// (as many digits as there are groups allow), anything else a literal dollar.
    static func substitute(_ replacement: String, for match: JSONataMatch) -> String {
        let characters = Array(replacement.unicodeScalars)
        var output = ""
        var position = 0
        let groupCount = match.groups.count
        while position < characters.count {
            let scalar = characters[position]
            position += 1
            guard scalar == "$" else {
                output.unicodeScalars.append(scalar)
                continue
            }
            guard position < characters.count else {
                output += "$"
                break
            }
            if characters[position] == "$" {
                output += "$"
                position += 1
                continue
            }
            if characters[position] == "0" {
                output += match.text
                position += 1
                continue
            }
            let maximumDigits = groupCount == 0 ? 1 : String(groupCount).count
            func number(_ digits: Int) -> Int? {
                let end = min(position + digits, characters.count)
                var text = ""
                for scalar in characters[position..<end] {
                    guard ("0"..."9").contains(scalar) else { break }
                    text.unicodeScalars.append(scalar)
                }
                return Int(text)
            }
            guard var index = number(maximumDigits) else {
                output += "$"
                continue
            }
            if maximumDigits > 1 && index > groupCount, let shorter = number(maximumDigits - 1) { index = shorter }
            if groupCount > 0, index >= 1, index <= groupCount, let group = match.groups[index - 1] { output += group }
            position += String(index).count
        }
        return output
    }
}
