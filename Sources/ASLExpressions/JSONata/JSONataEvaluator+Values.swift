import RetraceCore

/// Conversions JSONata applies implicitly: truthiness, deep equality, `$string`, and the final JSON result.
extension JSONataEvaluator {
    /// JSONata's effective boolean value (`$boolean`); `nil` for undefined.
    ///
    /// Empty strings, zero, null, empty arrays and objects, and functions are false; an array is true when any
    /// of its items is.
    static func truthy(_ value: JSONataValue?) -> Bool? {
        guard let value else { return nil }
        switch value {
        case .null, .function: return false
        case .bool(let flag): return flag
        case .integer(let integer): return integer != 0
        case .number(let number): return number != 0
        case .string(let text): return !text.isEmpty
        case .object(let object): return object.count > 0
        case .data(.object(let object)): return !object.isEmpty
        case .array(let array):
            if array.items.count == 1 { return truthy(array.items[0]) ?? false }
            return array.items.contains { truthy($0) == true }
        case .data(let json):
            let items = json.arrayValue ?? []
            if items.count == 1 { return truthy(JSONataValue(items[0])) ?? false }
            return items.contains { truthy(JSONataValue($0)) == true }
        }
    }

    /// Structural equality, numbers by value; functions are never equal.
    func deepEqual(_ a: JSONataValue, _ b: JSONataValue, remaining: Int) throws(JSONataError) -> Bool {
        guard remaining > 0 else {
            throw .limitExceeded(code: "R0004", message: "The values compared nest too deeply", position: nil)
        }
        try stack.check(at: nil)
        switch (a, b) {
        case (.data(let x), .data(let y)): return x == y
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.integer(let x), .integer(let y)): return x == y
        case (.string(let x), .string(let y)): return CodePointString.same(x, y)
        case (.function, _), (_, .function): return false
        default: break
        }
        if let x = a.double, let y = b.double { return x == y }
        if let xs = a.elements, let ys = b.elements {
            guard xs.count == ys.count else { return false }
            for (x, y) in zip(xs, ys) where try !deepEqual(x, y, remaining: remaining - 1) { return false }
            return true
        }
        if let xs = a.members, let ys = b.members {
            guard xs.count == ys.count else { return false }
            for member in xs {
                guard let other = b.member(member.key), try deepEqual(member.value, other, remaining: remaining - 1)
                else { return false }
            }
            return true
        }
        return false
    }

    /// JSONata's `$string` of a defined value: strings as they are, numbers to 15 significant digits, functions
    /// as the empty string, everything else as JSON.
    func string(_ value: JSONataValue, pretty: Bool = false, at offset: Int?) throws(JSONataError) -> String {
        switch value {
        case .string(let text): return text
        case .function: return ""
        case .integer(let integer): return JSONataStringifier.integerText(integer)
        case .number(let number):
            guard number.isFinite else {
                throw failure("D3001", "Attempting to invoke string function on Infinity or NaN", at: offset)
            }
            return JSONataNumberFormatter.outputString(number)
        default:
            do {
                let text = try JSONataStringifier.stringify(
                    value, pretty: pretty, maximumDepth: limits.maximumValueDepth + JSONReader.maxDepth, stack: stack)
                return try checkLength(text, at: offset)
            } catch {
                throw error.placed(at: position(offset ?? 0))
            }
        }
    }

    /// Text of the result, with a lone surrogate of the expression as the U+FFFD a UTF-8 encoder writes for it.
    private func rendered(_ text: String) -> String {
        guard loneSurrogates, text.unicodeScalars.contains(JSONataLexer.loneSurrogate) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(scalar == JSONataLexer.loneSurrogate ? "\u{FFFD}" : scalar)
        }
        return String(result)
    }

    /// `D3140` for text holding a lone surrogate, which `encodeURI(Component)` cannot encode as UTF-8.
    func refuseLoneSurrogate(_ text: String, function: String) throws(JSONataError) {
        guard loneSurrogates, text.unicodeScalars.contains(JSONataLexer.loneSurrogate) else { return }
        throw failure(
            "D3140", "Malformed URL passed to $\(function)(): \(JSONataStringifier.quote(rendered(text)))",
            at: callOffset)
    }

    /// The final result as JSON. Sequences become arrays; functions have no JSON form (`R0005`).
    func json(_ value: JSONataValue, at offset: Int) throws(JSONataError) -> JSONValue {
        try json(value, at: offset, remaining: limits.maximumValueDepth + JSONReader.maxDepth)
    }

    private func json(_ value: JSONataValue, at offset: Int, remaining: Int) throws(JSONataError) -> JSONValue {
        guard remaining > 0 else {
            throw .limitExceeded(
                code: "R0004", message: "The result nests too deeply to be JSON", position: position(offset))
        }
        try stack.check(at: position(offset))
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .integer(let integer): return .integer(integer)
        case .number(let number):
            try usable(value, at: offset)
            if number.rounded() == number, number.magnitude < 9_223_372_036_854_775_808 {
                return .integer(Int64(number))
            }
            return .number(number)
        case .string(let text): return .string(rendered(text))
        case .data(let json): return json
        case .array(let array):
            var items: [JSONValue] = []
            items.reserveCapacity(array.items.count)
            for item in array.items { items.append(try json(item, at: offset, remaining: remaining - 1)) }
            return .array(items)
        case .object(let object):
            var result = JSONObject()
            for member in object.members {
                result[rendered(member.key)] = try json(member.value, at: offset, remaining: remaining - 1)
            }
            return .object(result)
        case .function:
            throw failure("R0005", "The expression evaluated to a function, which has no JSON value", at: offset)
        }
    }
}
