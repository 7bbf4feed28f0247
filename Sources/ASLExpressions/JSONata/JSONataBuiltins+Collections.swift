import RetraceCore

/// Array, object and higher-order functions.
extension JSONataBuiltins {
    static let collections: [JSONataBuiltin] = [
        JSONataBuiltin("map", "<af>") { evaluator, arguments in
            guard let array = arguments[0], let items = array.elements else { return nil }
            let function = try function(arguments[1], argument: 2, of: "map")
            var results: [JSONataValue] = []
            for (index, item) in items.enumerated() {
                if let value = try evaluator.invoke(function, [item, .integer(Int64(index)), array]) {
                    results.append(value)
                }
            }
            return .sequence(results)
        },
        JSONataBuiltin("filter", "<af>") { evaluator, arguments in
            guard let array = arguments[0], let items = array.elements else { return nil }
            let function = try function(arguments[1], argument: 2, of: "filter")
            var results: [JSONataValue] = []
            for (index, item) in items.enumerated() {
                let verdict = try evaluator.invoke(function, [item, .integer(Int64(index)), array])
                if JSONataEvaluator.truthy(verdict) == true { results.append(item) }
            }
            return .sequence(results)
        },
        JSONataBuiltin("reduce", "<afj?:j>") { evaluator, arguments in
            guard let array = arguments[0], let items = array.elements else { return nil }
            let function = try function(arguments[1], argument: 2, of: "reduce")
            guard function.arity >= 2 else {
                throw JSONataError.evaluation(
                    code: "D3050",
                    message: "The second argument of reduce function must be a function with at least two arguments",
                    position: nil)
            }
            var accumulator = arguments[2]
            var index = 0
            if accumulator == nil, let first = items.first {
                accumulator = first
                index = 1
            }
            while index < items.count {
                accumulator = try evaluator.invoke(
                    function, [accumulator, items[index], .integer(Int64(index)), array])
                index += 1
            }
            return accumulator
        },
        JSONataBuiltin("keys", "<x-:a<s>>") { evaluator, arguments in
            var seen: Set<CodePointString> = []
            var keys: [String] = []
            try collectKeys(arguments[0], into: &keys, seen: &seen, evaluator: evaluator)
            return .sequence(keys.map(JSONataValue.string))
        },
        JSONataBuiltin("lookup", "<x-s:x>") { evaluator, arguments in
            guard let key = arguments[1]?.string else { return nil }
            return try evaluator.lookup(arguments[0], key, at: evaluator.callOffset)
        },
        JSONataBuiltin("merge", "<a<o>:o>") { evaluator, arguments in
            guard let items = arguments[0]?.elements else { return nil }
            var merged = JSONataObject()
            for item in items {
                for member in item.members ?? [] { merged.set(member.key, member.value) }
            }
            return try evaluator.checkDepth(.object(merged), at: nil)
        },
        JSONataBuiltin("append", "<xx:a>") { evaluator, arguments in
            try evaluator.append(arguments[0], arguments[1], at: nil)
        },
        JSONataBuiltin("distinct", "<x:x>") { evaluator, arguments in
            guard let value = arguments[0] else { return nil }
            guard let items = value.elements, items.count > 1 else { return value }
            var seen: Set<CodePointString> = []
            var results: [JSONataValue] = []
            for (index, item) in items.enumerated() {
                let key = try canonicalKey(item, evaluator: evaluator, unique: index)
                if seen.insert(CodePointString(key)).inserted { results.append(item) }
            }
            return value.isSequence ? .sequence(results) : .plainArray(results)
        },
        JSONataBuiltin("reverse", "<a:a>") { _, arguments in
            guard let value = arguments[0], let items = value.elements else { return nil }
            guard items.count > 1 else { return value }
            return .plainArray(items.reversed())
        },
        JSONataBuiltin("sort", "<af?:a>") { evaluator, arguments in
            guard let value = arguments[0], let items = value.elements else { return nil }
            guard items.count > 1 else { return value }
            let comparator: (JSONataValue, JSONataValue) throws -> Bool
            if case .function(let function) = arguments[1] {
                comparator = { a, b in JSONataEvaluator.truthy(try evaluator.invoke(function, [a, b])) == true }
            } else if items.allSatisfy(\.isNumber) {
                comparator = { a, b in (a.double ?? 0) > (b.double ?? 0) }
            } else if items.allSatisfy({ $0.string != nil }) {
                comparator = { a, b in JSONataEvaluator.precedes(b.string ?? "", a.string ?? "") }
            } else {
                throw JSONataError.evaluation(
                    code: "D3070",
                    message: "The single argument form of the sort function can only be applied to an array of "
                        + "strings or an array of numbers.  Use the second argument to specify a comparison function",
                    position: nil)
            }
            return .plainArray(try mergeSort(items, evaluator: evaluator, after: comparator))
        },
        JSONataBuiltin("zip", "<a+>") { evaluator, arguments in
            let arrays = arguments.values.map { $0?.elements ?? [] }
            let length = arrays.map(\.count).min() ?? 0
            try evaluator.charge(length * max(arrays.count, 1))
            var tuples: [JSONataValue] = []
            for index in 0..<length {
                tuples.append(.plainArray(arrays.map { $0[index] }))
            }
            return try evaluator.checkDepth(.plainArray(tuples), at: nil)
        },
    ]

    private static func collectKeys(
        _ value: JSONataValue?, into keys: inout [String], seen: inout Set<CodePointString>, evaluator: JSONataEvaluator
    ) throws {
        guard let value else { return }
        if let items = value.elements {
            try evaluator.charge(items.count)
            for item in items { try collectKeys(item, into: &keys, seen: &seen, evaluator: evaluator) }
        } else if let names = value.keys {
            try evaluator.charge(names.count)
            for name in names where seen.insert(CodePointString(name)).inserted { keys.append(name) }
        }
    }

    /// A text that is equal for two values exactly when JSONata's deep equality holds (numbers by value,
    /// members in any order); functions are never equal, so each gets its own key.
    private static func canonicalKey(_ value: JSONataValue, evaluator: JSONataEvaluator, unique: Int) throws
        -> String
    {
        var text = ""
        try writeCanonical(
            value, to: &text, evaluator: evaluator, unique: unique, remaining: evaluator.limits.maximumValueDepth * 3)
        return text
    }

    private static func writeCanonical(
        _ value: JSONataValue, to text: inout String, evaluator: JSONataEvaluator, unique: Int, remaining: Int
    ) throws {
        guard remaining > 0 else {
            throw JSONataError.limitExceeded(
                code: "R0004", message: "The values compared nest too deeply", position: nil)
        }
        try evaluator.charge(1)
        try evaluator.stack.check(at: nil)
        switch value {
        case .function: text += "f\(unique);"
        case .null: text += "l;"
        case .bool(let flag): text += flag ? "t;" : "F;"
        case .string(let string): text += "s" + JSONataStringifier.quote(string) + ";"
        case .integer, .number: text += "n" + JSONataNumberFormatter.string(value.double ?? 0) + ";"
        default:
            if let items = value.elements {
                text += "["
                for item in items {
                    try writeCanonical(item, to: &text, evaluator: evaluator, unique: unique, remaining: remaining - 1)
                }
                text += "]"
            } else if let members = value.members {
                text += "{"
                for member in members.sorted(by: { JSONataEvaluator.precedes($0.key, $1.key) }) {
                    text += JSONataStringifier.quote(member.key) + ":"
                    try writeCanonical(
                        member.value, to: &text, evaluator: evaluator, unique: unique, remaining: remaining - 1)
                }
                text += "}"
            }
        }
    }

    /// A stable bottom-up merge sort; `after(a, b)` says that `a` belongs after `b` (JSONata's comparator).
    private static func mergeSort(
        _ items: [JSONataValue], evaluator: JSONataEvaluator, after: (JSONataValue, JSONataValue) throws -> Bool
    ) throws -> [JSONataValue] {
        var current = items
        var width = 1
        while width < current.count {
            var merged: [JSONataValue] = []
            merged.reserveCapacity(current.count)
            var start = 0
            while start < current.count {
                let middle = min(start + width, current.count)
                let end = min(start + 2 * width, current.count)
                var left = start
                var right = middle
                while left < middle && right < end {
                    if try after(current[left], current[right]) {
                        merged.append(current[right])
                        right += 1
                    } else {
                        merged.append(current[left])
                        left += 1
                    }
                }
                merged.append(contentsOf: current[left..<middle])
                merged.append(contentsOf: current[right..<end])
                start = end
            }
            try evaluator.charge(current.count)
            current = merged
            width *= 2
        }
        return current
    }
}
