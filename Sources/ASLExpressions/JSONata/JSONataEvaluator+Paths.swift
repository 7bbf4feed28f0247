/// Paths, steps, predicates, field lookup and wildcards: the part of JSONata that navigates data.
extension JSONataEvaluator {
    /// Evaluates the steps of a path left to right, each against every item the previous step produced.
    func evaluatePath(
        _ node: JSONataNode, _ steps: [JSONataNode], _ keepSingletonArray: Bool, _ input: JSONataValue?,
        _ scope: JSONataScope
    ) throws -> JSONataValue? {
        var result: JSONataValue?
        switch try walk(steps, input, scope) {
        case .values(let values): result = values
        case .tuples(let tuples, let focus):
            return try finishTuples(node, tuples, focus: focus, keepSingletonArray, scope)
        }
        if keepSingletonArray, case .array(var array) = result {
            if array.flags.contains(.cons) && !array.flags.contains(.sequence) {
                // The constructed array is kept whole, as the one item of the sequence.
                array = JSONataArray([.array(array)], flags: .sequence)
            }
            array.flags.insert(.keepSingleton)
            result = .array(array)
        }
        if let group = node.group {
            result = try evaluateGroup(group.pairs, offset: group.offset, result, scope)
        }
        return result
    }

    /// What walking a path's steps gave: values, or — once a step binds variables or parents — tuples.
    enum PathOutcome {
        case values(JSONataValue?)
        /// The tuples, and the variable the last step focused on (`@`), whose values the path gives.
        case tuples([JSONataTuple], focus: String?)
    }

    /// The steps of a path on plain items until one that binds something (`@`, `#`, or a step that a `%` names);
    /// from there on, on tuples.
    func walk(_ steps: [JSONataNode], _ input: JSONataValue?, _ scope: JSONataScope) throws -> PathOutcome {
        var inputSequence: [JSONataValue?]
        if let input, let items = input.elements, !JSONataEvaluator.isVariable(steps.first) {
            inputSequence = items
        } else {
            inputSequence = [input]
        }
        var result: JSONataValue?
        for (index, step) in steps.enumerated() {
            if step.startsTuples {
                let tuples = try evaluateTupleSteps(
                    steps[index...], inputSequence.map { JSONataTuple(context: $0) }, scope)
                return .tuples(tuples, focus: steps.last?.focus)
            }
            if case .sort(let terms) = step.kind {
                var sorted: JSONataValue? = .sequence(try sort(inputSequence.compactMap { $0 }, by: terms, scope))
                for stage in step.stages { sorted = try filter(stage, sorted, scope) }
                result = sorted
            } else if index == 0 && step.consArray {
                // An array constructor that starts a path is evaluated once, not once per input item.
                result = try evaluate(step, .sequence(inputSequence.compactMap { $0 }), scope)
            } else {
                result = try evaluateStep(step, inputSequence, scope, isLast: index == steps.count - 1)
            }
            guard let current = result else { break }
            guard let count = current.elementCount else {
                // JSONata carries a non-array on as the next input, whose missing `length` gives no items.
                if index < steps.count - 1 { result = .sequence([]) }
                break
            }
            // Only a following step needs the items; expanding a large bound array for nothing is costly.
            if count == 0 || index == steps.count - 1 { break }
            inputSequence = current.elements ?? []
        }
        return .values(result)
    }

    /// The order-by step: a stable sort on the terms, each evaluated with the item as context; undefined
    /// values sort last, and the values of one term must all be numbers or all strings (`T2007`, `T2008`).
    func sort(_ items: [JSONataValue], by terms: [JSONataSortTerm], _ scope: JSONataScope) throws -> [JSONataValue] {
        try charge(items.count * max(terms.count, 1))
        var keys: [[JSONataValue?]] = []
        for item in items {
            keys.append(try terms.map { try evaluate($0.expression, item, scope) })
        }
        return try sortKeyed(keys, terms).map { items[$0] }
    }

    /// The order of rows of sort keys (one per term): undefined last, numbers or strings compared, stable.
    func sortKeyed(_ keys: [[JSONataValue?]], _ terms: [JSONataSortTerm]) throws -> [Int] {
        for (index, term) in terms.enumerated() {
            for row in keys {
                if let value = row[index], !value.isNumber, value.string == nil {
                    throw failure(
                        "T2008", "The expressions within an order-by clause must evaluate to numeric or string values",
                        at: term.expression.offset)
                }
            }
            let kinds = Set(keys.compactMap { $0[index].map(\.isNumber) })
            if kinds.count > 1 {
                throw failure(
                    "T2007", "Type mismatch within order-by clause. All values must be of the same type",
                    at: term.expression.offset)
            }
        }
        func precedes(_ left: Int, _ right: Int) -> Bool {
            for (index, term) in terms.enumerated() {
                switch (keys[left][index], keys[right][index]) {
                case (nil, nil): continue
                case (nil, _): return false
                case (_, nil): return true
                case (let a?, let b?):
                    let less: Bool
                    let greater: Bool
                    if let x = a.double, let y = b.double {
                        less = x < y
                        greater = x > y
                    } else {
                        less = JSONataEvaluator.precedes(a.string ?? "", b.string ?? "")
                        greater = JSONataEvaluator.precedes(b.string ?? "", a.string ?? "")
                    }
                    if !less && !greater { continue }
                    return term.descending ? greater : less
                }
            }
            // Equal items keep their order: the sort is stable, as JSONata's merge sort is.
            return left < right
        }
        return Array(keys.indices).sorted(by: precedes)
    }

    static func isVariable(_ node: JSONataNode?) -> Bool {
        if case .variable = node?.kind { return true }
        return false
    }

    /// One step for every input item, with the step's own predicates, flattened into one sequence.
    private func evaluateStep(
        _ step: JSONataNode, _ inputSequence: [JSONataValue?], _ scope: JSONataScope, isLast: Bool
    ) throws -> JSONataValue {
        var results: [JSONataValue] = []
        for item in inputSequence {
            var value = try evaluate(step, item, scope)
            for stage in step.stages {
                value = try filter(stage, value, scope)
            }
            if let value { results.append(value) }
        }
        if isLast, results.count == 1, results[0].isArray, !results[0].isSequence {
            return results[0]
        }
        var flattened: [JSONataValue] = []
        for value in results {
            if value.isArray && !value.arrayFlags.contains(.cons), let items = value.elements {
                try charge(items.count, at: step.offset)
                flattened.append(contentsOf: items)
            } else {
                flattened.append(value)
            }
        }
        return .sequence(flattened)
    }

    /// `value[predicate]`: indexes for numbers (negative counts from the end), else the items for which the
    /// predicate is truthy or yields their index.
    func filter(_ predicate: JSONataNode, _ input: JSONataValue?, _ scope: JSONataScope) throws -> JSONataValue? {
        if case .number(let literal) = predicate.kind {
            // An index reads one element; the others are never looked at.
            let count = input?.elementCount ?? 1
            guard let index = JSONataEvaluator.index(literal, count: count),
                let item = input?.elementCount == nil ? input : input?.element(at: index)
            else {
                return .sequence([])
            }
            if item.isArray { return item }
            return .sequence([item])
        }
        let items: [JSONataValue?] = input?.elements ?? [input]
        try charge(items.count, at: predicate.offset)
        var results: [JSONataValue] = []
        for (position, item) in items.enumerated() {
            let value = try evaluate(predicate, item, scope)
            if let number = value?.double {
                if JSONataEvaluator.index(number, count: items.count) == position, let item { results.append(item) }
            } else if let value, let numbers = JSONataEvaluator.numbers(value) {
                for number in numbers where JSONataEvaluator.index(number, count: items.count) == position {
                    if let item { results.append(item) }
                }
            } else if JSONataEvaluator.truthy(value) == true, let item {
                results.append(item)
            }
        }
        return .sequence(results)
    }

    /// An index as JSONata computes it (rounded down; negative counts from the end), when it is in range.
    static func index(_ number: Double, count: Int) -> Int? {
        var index = number.rounded(.down)
        if index < 0 { index += Double(count) }
        guard index >= 0, index < Double(count) else { return nil }
        return Int(index)
    }

    /// The numbers of an array that holds only numbers (an empty array counts).
    private static func numbers(_ value: JSONataValue) -> [Double]? {
        guard let items = value.elements else { return nil }
        var numbers: [Double] = []
        for item in items {
            guard let number = item.double else { return nil }
            numbers.append(number)
        }
        return numbers
    }

    /// A field of an object; over an array, the field of every item, flattened (`$lookup`).
    func lookup(_ input: JSONataValue?, _ name: String, at offset: Int) throws -> JSONataValue? {
        guard let input else { return nil }
        if let items = input.elements {
            try stack.check(at: position(offset))
            try charge(items.count, at: offset)
            var results: [JSONataValue] = []
            for item in items {
                guard let value = try lookup(item, name, at: offset) else { continue }
                if let nested = value.elements {
                    results.append(contentsOf: nested)
                } else {
                    results.append(value)
                }
            }
            return .sequence(results)
        }
        return input.member(name)
    }

    /// `*`: the values of every field of the context item (of every element of an array), arrays flattened.
    func wildcard(_ input: JSONataValue?, at offset: Int) throws -> JSONataValue? {
        var input = input
        if case .array(let array) = input, array.flags.contains(.outerWrapper), let first = array.items.first {
            input = first
        }
        guard let input else { return .sequence([]) }
        let values: [JSONataValue]
        if let members = input.members {
            values = members.map(\.value)
        } else if let items = input.elements {
            values = items
        } else {
            return .sequence([])
        }
        var results: [JSONataValue] = []
        var plain = false
        for value in values {
            if value.isArray {
                // JSONata appends arrays with `concat`, which leaves a plain array rather than a sequence.
                plain = true
                try flatten(value, into: &results, at: offset)
            } else {
                results.append(value)
            }
        }
        try charge(results.count, at: offset)
        return plain ? .plainArray(results) : .sequence(results)
    }

    /// Appends the leaves of nested arrays.
    func flatten(_ value: JSONataValue, into results: inout [JSONataValue], at offset: Int) throws {
        guard let items = value.elements else {
            results.append(value)
            return
        }
        try stack.check(at: position(offset))
        try charge(items.count, at: offset)
        for item in items { try flatten(item, into: &results, at: offset) }
    }

    /// `**`: every value at or below the context item, arrays looked through.
    func descendants(_ input: JSONataValue?, at offset: Int) throws -> JSONataValue? {
        guard let input else { return nil }
        var results: [JSONataValue] = []
        try collectDescendants(input, into: &results, at: offset)
        return results.count == 1 ? results[0] : .sequence(results)
    }

    private func collectDescendants(_ value: JSONataValue, into results: inout [JSONataValue], at offset: Int) throws {
        try charge(1, at: offset)
        try stack.check(at: position(offset))
        if let items = value.elements {
            for item in items { try collectDescendants(item, into: &results, at: offset) }
            return
        }
        results.append(value)
        if let members = value.members {
            for member in members { try collectDescendants(member.value, into: &results, at: offset) }
        }
    }
}
