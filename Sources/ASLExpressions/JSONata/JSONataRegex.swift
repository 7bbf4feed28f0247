import Foundation

/// A regular expression literal of a JSONata expression (`/pattern/flags`), with JavaScript's semantics.
///
/// The engine is Foundation's `NSRegularExpression` (ICU), chosen over Swift's `Regex` because it is the
/// engine Foundation keeps on every platform Swift runs on, it reports positions in UTF-16 code units as
/// JavaScript does, it supports everything JavaScript patterns use (lookbehind, named groups, lazy
/// quantifiers) and its matching can be stopped from a progress callback, which is how the evaluation step
/// budget bounds catastrophic backtracking. Where ICU reads a pattern differently from JavaScript the pattern
/// is translated first (`translate`): `\d` and `\w` are ASCII-only, `$` without `m` matches only at the end,
/// `[^]` is any character, and `[`, `&` and lone `{` / `}` are literals.
struct JSONataRegex: @unchecked Sendable {
    /// The pattern as written between the slashes.
    let pattern: String
    /// The flags written after the closing slash (`i`, `m`).
    let flags: String
    /// The compiled, translated pattern. `NSRegularExpression` is immutable and safe to share between threads.
    let compiled: NSRegularExpression

    /// Compiles `pattern`; `nil` when ICU cannot read it even after translation.
    init?(pattern: String, flags: String) {
        var options: NSRegularExpression.Options = []
        if flags.contains("i") { options.insert(.caseInsensitive) }
        if flags.contains("m") { options.insert(.anchorsMatchLines) }
        let translated = JSONataRegex.translate(pattern, multiline: flags.contains("m"))
        guard let compiled = try? NSRegularExpression(pattern: translated, options: options) else { return nil }
        self.pattern = pattern
        self.flags = flags
        self.compiled = compiled
    }

    /// One match: the matched text, its UTF-16 start and end, and the capture groups (`nil` when a group did
    /// not take part).
    struct Match {
        var text: String
        var start: Int
        var end: Int
        var groups: [String?]
    }

    /// The first match at or after UTF-16 offset `from` (JavaScript's `exec` with `lastIndex`), giving up with
    /// `stopped` when `keepGoing` says so during a long match.
    func firstMatch(in text: NSString, from: Int, keepGoing: () -> Bool) -> (match: Match?, stopped: Bool) {
        guard from <= text.length else { return (nil, false) }
        var found: NSTextCheckingResult?
        var stopped = false
        withoutActuallyEscaping(keepGoing) { keepGoing in
            compiled.enumerateMatches(
                in: text as String, options: [.reportProgress, .withTransparentBounds, .withoutAnchoringBounds],
                range: NSRange(location: from, length: text.length - from)
            ) { result, _, stop in
                if let result {
                    found = result
                    stop.pointee = true
                } else if !keepGoing() {
                    stopped = true
                    stop.pointee = true
                }
            }
        }
        guard let found else { return (nil, stopped) }
        var groups: [String?] = []
        if found.numberOfRanges > 1 {
            for index in 1..<found.numberOfRanges {
                let range = found.range(at: index)
                groups.append(range.location == NSNotFound ? nil : text.substring(with: range))
            }
        }
        let range = found.range
        return (
            Match(
                text: text.substring(with: range), start: range.location, end: range.location + range.length,
                groups: groups),
            false
        )
    }

    /// Rewrites a JavaScript pattern into ICU syntax with the same meaning.
    static func translate(_ pattern: String, multiline: Bool) -> String {
        let scalars = Array(pattern.unicodeScalars)
        var output = ""
        var index = 0
        var inClass = false
        func isDigit(_ offset: Int) -> Bool {
            offset < scalars.count && ("0"..."9").contains(scalars[offset])
        }
        /// Whether a `{` at `offset` starts a quantifier `{n}`, `{n,}` or `{n,m}`.
        func isQuantifier(_ offset: Int) -> Bool {
            var cursor = offset + 1
            guard isDigit(cursor) else { return false }
            while isDigit(cursor) { cursor += 1 }
            if cursor < scalars.count, scalars[cursor] == "," {
                cursor += 1
                while isDigit(cursor) { cursor += 1 }
            }
            return cursor < scalars.count && scalars[cursor] == "}"
        }
        var braceDepth = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                let escaped = scalars[index + 1]
                index += 2
                switch escaped {
                case "d": output += inClass ? "0-9" : "[0-9]"
                case "D": output += inClass ? "\\D" : "[^0-9]"
                case "w": output += inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]"
                case "W": output += inClass ? "\\W" : "[^A-Za-z0-9_]"
                default:
                    output += "\\"
                    output.unicodeScalars.append(escaped)
                }
                continue
            }
            index += 1
            if inClass {
                switch scalar {
                case "]":
                    inClass = false
                    output += "]"
                case "[", "&": output += "\\" + String(scalar)
                default: output.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "[":
                if index + 1 < scalars.count + 1, index < scalars.count, scalars[index] == "^",
                    index + 1 < scalars.count, scalars[index + 1] == "]"
                {
                    output += "[\\s\\S]"
                    index += 2
                } else if index < scalars.count, scalars[index] == "]" {
                    output += "(?!)"
                    index += 1
                } else {
                    inClass = true
                    output += "["
                    if index < scalars.count, scalars[index] == "^" {
                        output += "^"
                        index += 1
                    }
                    // A `]` first in a class is a literal in ICU too; nothing to do.
                }
            case "$": output += multiline ? "$" : "(?![\\s\\S])"
            case "{":
                if isQuantifier(index - 1) {
                    braceDepth += 1
                    output += "{"
                } else {
                    output += "\\{"
                }
            case "}":
                if braceDepth > 0 {
                    braceDepth -= 1
                    output += "}"
                } else {
                    output += "\\}"
                }
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
