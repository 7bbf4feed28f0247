import Foundation

/// One result of a matcher: a regular expression literal, or a function written to JSONata's matcher protocol
/// (called with a string, it returns `{match, start, end, groups, next}`). `next` finds the following match,
/// as JSONata's `next()` does; positions are UTF-16 offsets, as in JavaScript.
struct JSONataMatch {
    var text: String
    var start: Int
    var end: Int
    var groups: [String?]
    var next: () throws -> JSONataMatch?

    /// The match as the object `$match` returns and replacement functions receive.
    func object(indexKey: String = "index") -> JSONataValue {
        var object = JSONataObject()
        object.set("match", .string(text))
        object.set(indexKey, .integer(Int64(start)))
        if indexKey == "start" { object.set("end", .integer(Int64(end))) }
        object.set("groups", .plainArray(groups.map { .string($0 ?? "") }))
        return .object(object)
    }
}

extension JSONataEvaluator {
    /// The first match of `matcher` in `text`, or `nil`; `function` names the built-in for error messages.
    func firstMatch(_ matcher: JSONataFunction, in text: String, function: String) throws -> JSONataMatch? {
        if case .regex(let regex) = matcher {
            return try regexMatch(regex, in: text as NSString, from: 0, isFirst: true)
        }
        return try customMatch(try apply(matcher, [.string(text)], input: nil), function: function)
    }

    /// JavaScript's `exec` from `from`; a later match that is empty would repeat forever, which JSONata reports
    /// as `D1004`.
    private func regexMatch(_ regex: JSONataRegex, in text: NSString, from: Int, isFirst: Bool) throws
        -> JSONataMatch?
    {
        try charge(1)
        let (found, stopped) = regex.firstMatch(in: text, from: from) { [self] in
            do {
                try charge(1_000)
                return true
            } catch {
                return false
            }
        }
        if stopped { try charge(limits.maximumSteps) }
        guard let found else { return nil }
        if !isFirst && found.text.isEmpty {
            throw failure("D1004", "Regular expression matches zero length string", at: callOffset)
        }
        return JSONataMatch(text: found.text, start: found.start, end: found.end, groups: found.groups) { [self] in
            guard found.end < text.length else { return nil }
            return try regexMatch(regex, in: text, from: found.end, isFirst: false)
        }
    }

    /// A result of a user-written matcher function, checked against the protocol (`T1010`).
    private func customMatch(_ value: JSONataValue?, function: String) throws -> JSONataMatch? {
        guard let value else { return nil }
        guard case .string(let text)? = value.member("match"), let start = value.member("start")?.double,
            let end = value.member("end")?.double
        else {
            throw failure(
                "T1010",
                "The matcher function argument passed to function \(JSONataStringifier.quote(function)) does not "
                    + "return the correct object structure",
                at: callOffset)
        }
        let groups = (value.member("groups")?.elements ?? []).map(\.string)
        let next = value.member("next")
        let bounded = { (value: Double) in Int(max(min(value, Double(Int32.max)), 0)) }
        return JSONataMatch(text: text, start: bounded(start), end: bounded(end), groups: groups) { [self] in
            guard case .function(let nextFunction)? = next else { return nil }
            return try customMatch(try apply(nextFunction, [], input: nil), function: function)
        }
    }
}
