import RetraceCore

/// Operators and constructors: arithmetic, comparison, boolean logic, concatenation, ranges, membership,
/// array and object constructors.
extension JSONataEvaluator {
    func binary(
        _ op: JSONataBinaryOperator, _ leftNode: JSONataNode, _ rightNode: JSONataNode, _ offset: Int,
        _ input: JSONataValue?, _ scope: JSONataScope
    ) throws -> JSONataValue? {
        let left = try evaluate(leftNode, input, scope)
        switch op {
        case .and:
            guard JSONataEvaluator.truthy(left) == true else { return .bool(false) }
            return .bool(JSONataEvaluator.truthy(try evaluate(rightNode, input, scope)) == true)
        case .or:
            if JSONataEvaluator.truthy(left) == true { return .bool(true) }
            return .bool(JSONataEvaluator.truthy(try evaluate(rightNode, input, scope)) == true)
        default: break
        }
        let right = try evaluate(rightNode, input, scope)
        switch op {
        case .add, .subtract, .multiply, .divide, .modulo: return try arithmetic(op, left, right, offset)
        case .equal, .notEqual:
            guard let left, let right else { return .bool(false) }
            let equal = try deepEqual(left, right, remaining: limits.maximumValueDepth * 3)
            return .bool(op == .equal ? equal : !equal)
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return try compare(op, left, right, offset)
        case .concatenate:
            let text =
                try (left.map { try string($0, at: offset) } ?? "") + (right.map { try string($0, at: offset) } ?? "")
            return .string(try checkLength(text, at: offset))
        case .range: return try range(left, right, offset)
        case .in:
            guard let left, let right else { return .bool(false) }
            for item in right.elements ?? [right]
            where try deepEqual(item, left, remaining: limits.maximumValueDepth * 3) {
                return .bool(true)
            }
            return .bool(false)
        case .and, .or: return nil
        }
    }

    private func arithmetic(
        _ op: JSONataBinaryOperator, _ left: JSONataValue?, _ right: JSONataValue?, _ offset: Int
    ) throws(JSONataError) -> JSONataValue? {
        let token = JSONataStringifier.quote(op.rawValue)
        if let left, !left.isNumber {
            throw failure("T2001", "The left side of the \(token) operator must evaluate to a number", at: offset)
        }
        if let right, !right.isNumber {
            throw failure("T2002", "The right side of the \(token) operator must evaluate to a number", at: offset)
        }
        try usable(left, at: offset)
        try usable(right, at: offset)
        guard let a = left?.double, let b = right?.double else { return nil }
        let result: Double
        switch op {
        case .add: result = a + b
        case .subtract: result = a - b
        case .multiply: result = a * b
        case .divide: result = a / b
        default: result = a.truncatingRemainder(dividingBy: b)
        }
        // An infinity or NaN is a value (`$string(1/0)` is `D3001`); using it as a number is `D1001`.
        return .number(result)
    }

    /// JSONata accepts an infinity or NaN as a value but refuses it as soon as it is used as a number (`D1001`).
    func usable(_ value: JSONataValue?, at offset: Int?) throws(JSONataError) {
        guard case .number(let number)? = value, !number.isFinite else { return }
        throw failure("D1001", "Number out of range: \(JSONataNumberFormatter.string(number))", at: offset)
    }

    /// JSONata rejects infinities and NaN as soon as they are used (`D1001`); we reject them when made.
    func finite(_ value: Double, at offset: Int?) throws(JSONataError) -> JSONataValue {
        guard value.isFinite else {
            throw failure("D1001", "Number out of range: \(JSONataNumberFormatter.string(value))", at: offset)
        }
        return .number(value)
    }

    private func compare(
        _ op: JSONataBinaryOperator, _ left: JSONataValue?, _ right: JSONataValue?, _ offset: Int
    ) throws(JSONataError) -> JSONataValue? {
        let token = JSONataStringifier.quote(op.rawValue)
        func comparable(_ value: JSONataValue?) -> Bool {
            guard let value else { return true }
            return value.isNumber || value.string != nil
        }
        guard comparable(left), comparable(right) else {
            throw failure(
                "T2010", "The expressions either side of operator \(token) must evaluate to numeric or string values",
                at: offset)
        }
        guard let left, let right else { return nil }
        try usable(left, at: offset)
        try usable(right, at: offset)
        let ordering: Bool
        if let a = left.double, let b = right.double {
            switch op {
            case .less: ordering = a < b
            case .lessOrEqual: ordering = a <= b
            case .greater: ordering = a > b
            default: ordering = a >= b
            }
        } else if let a = left.string, let b = right.string {
            let less = JSONataEvaluator.precedes(a, b)
            let greater = JSONataEvaluator.precedes(b, a)
            switch op {
            case .less: ordering = less
            case .lessOrEqual: ordering = !greater
            case .greater: ordering = greater
            default: ordering = !less
            }
        } else {
            throw failure(
                "T2009",
                "The values \(JSONataStringifier.messageText(left)) and \(JSONataStringifier.messageText(right)) "
                    + "either side of operator \(token) must be of the same data type",
                at: offset)
        }
        return .bool(ordering)
    }

    /// JavaScript orders strings by UTF-16 code units.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    private func range(_ left: JSONataValue?, _ right: JSONataValue?, _ offset: Int) throws(JSONataError)
        -> JSONataValue?
    {
        func isInteger(_ value: JSONataValue) -> Bool {
            guard let number = value.double, number.isFinite else { return false }
            return number.rounded() == number
        }
        if let left, !isInteger(left) {
            throw failure("T2003", "The left side of the range operator (..) must evaluate to an integer", at: offset)
        }
        if let right, !isInteger(right) {
            throw failure("T2004", "The right side of the range operator (..) must evaluate to an integer", at: offset)
        }
        guard let low = left?.double, let high = right?.double, low <= high else { return nil }
        let size = high - low + 1
        guard size <= Double(limits.maximumRangeSize) else {
            throw failure(
                "D2014",
                "The size of the sequence allocated by the range operator (..) must not exceed "
                    + "\(limits.maximumRangeSize). Attempted to allocate \(JSONataNumberFormatter.string(size)).",
                at: offset)
        }
        let count = Int(size)
        try charge(count / 8, at: offset)
        var items: [JSONataValue] = []
        items.reserveCapacity(count)
        for step in 0..<count { items.append(JSONataEvaluator.number(low + Double(step))) }
        return .sequence(items)
    }

    /// A computed number, as an exact integer when it is one.
    static func number(_ value: Double) -> JSONataValue {
        if value.rounded() == value, value.magnitude <= 9_007_199_254_740_992 { return .integer(Int64(value)) }
        return .number(value)
    }

    func negate(_ operand: JSONataNode, _ offset: Int, _ input: JSONataValue?, _ scope: JSONataScope) throws
        -> JSONataValue?
    {
        guard let value = try evaluate(operand, input, scope) else { return nil }
        try usable(value, at: offset)
        guard let number = value.double else {
            throw failure(
                "D1002", "Cannot negate a non-numeric value: \(JSONataStringifier.messageText(value))", at: offset)
        }
        return .number(-number)
    }

    /// `[a, b, …]`: undefined items vanish, nested constructors stay nested, other arrays are spliced in.
    func arrayConstructor(
        _ node: JSONataNode, _ items: [JSONataNode], _ input: JSONataValue?, _ scope: JSONataScope
    ) throws -> JSONataValue {
        var result: [JSONataValue] = []
        for item in items {
            guard let value = try evaluate(item, input, scope) else { continue }
            if !item.isArrayConstructor, let elements = value.elements {
                // Splicing is a bulk copy, charged as building a range is: a step per eight items.
                try charge(elements.count / 8, at: item.offset)
                result.append(contentsOf: elements)
            } else {
                result.append(value)
            }
        }
        let array = JSONataValue.array(JSONataArray(result, flags: node.consArray ? .cons : []))
        return try checkDepth(array, at: node.offset)
    }

    /// An object constructor or grouping: the input items grouped by each pair's key, then each group's value
    /// evaluated with the group as context.
    func evaluateGroup(
        _ pairs: [JSONataPair], offset: Int, _ input: JSONataValue?, _ scope: JSONataScope
    ) throws -> JSONataValue {
        var items: [JSONataValue?] = input?.elements ?? [input]
        if items.isEmpty { items = [nil] }
        try charge(items.count * max(pairs.count, 1), at: offset)
        var groups: [(key: String, data: JSONataValue?, pair: Int)] = []
        var positions: [CodePointString: Int] = [:]
        for item in items {
            for (pairIndex, pair) in pairs.enumerated() {
                guard let key = try evaluate(pair.key, item, scope) else { continue }
                guard case .string(let name) = key else {
                    throw failure(
                        "T1003",
                        "Key in object structure must evaluate to a string; got: \(JSONataStringifier.messageText(key))",
                        at: offset)
                }
                if let existing = positions[CodePointString(name)] {
                    guard groups[existing].pair == pairIndex else {
                        throw failure(
                            "D1009",
                            "Multiple key definitions evaluate to same key: \(JSONataStringifier.quote(name))",
                            at: offset)
                    }
                    groups[existing].data = try append(groups[existing].data, item, at: offset)
                } else {
                    positions[CodePointString(name)] = groups.count
                    groups.append((name, item, pairIndex))
                }
            }
        }
        var object = JSONataObject()
        for group in groups {
            if let value = try evaluate(pairs[group.pair].value, group.data, scope) {
                object.set(group.key, value)
            }
        }
        return try checkDepth(.object(object), at: offset)
    }

    /// JSONata's `$append`: undefined arguments disappear; otherwise both become arrays and are joined.
    func append(_ first: JSONataValue?, _ second: JSONataValue?, at offset: Int?) throws(JSONataError)
        -> JSONataValue?
    {
        guard let first else { return second }
        guard let second else { return first }
        let head = first.elements ?? [first]
        let tail = second.elements ?? [second]
        try charge(head.count + tail.count, at: offset)
        return try checkDepth(.plainArray(head + tail), at: offset)
    }
}
