import RetraceCore

/// Paths with `@` and `#` bindings: JSONata evaluates them as a stream of tuples, each an item with the variables
/// bound so far, so that later steps, predicates and constructors see `$o`, `$i` of the items they came from.
extension JSONataEvaluator {
    private struct Tuple {
        var context: JSONataValue?
        var bindings: [(name: String, value: JSONataValue?)] = []

        func frame(in scope: JSONataScope) -> JSONataScope {
            let frame = JSONataScope(parent: scope)
            for binding in bindings { frame.bind(binding.name, binding.value) }
            return frame
        }
    }

    func evaluateBindingPath(
        _ node: JSONataNode, _ steps: [JSONataNode], _ keepSingletonArray: Bool, _ input: JSONataValue?,
        _ scope: JSONataScope
    ) throws -> JSONataValue? {
        var tuples: [Tuple]
        if let input, let items = input.elements, !JSONataEvaluator.isVariable(steps.first) {
            tuples = items.map { Tuple(context: $0) }
        } else {
            tuples = [Tuple(context: input)]
        }
        for step in steps {
            if case .sort(let terms) = step.kind {
                tuples = try sortTuples(tuples, terms, scope)
                if let index = step.index {
                    // `#` after an order-by numbers the items in their sorted order.
                    for position in tuples.indices {
                        tuples[position].bindings.append((index, .integer(Int64(position))))
                    }
                }
                for stage in step.stages + step.tupleStages { tuples = try filterTuples(stage, tuples, scope) }
                continue
            }
            var next: [Tuple] = []
            for tuple in tuples {
                let frame = tuple.frame(in: scope)
                var value = try evaluate(step, tuple.context, frame)
                for stage in step.stages { value = try filter(stage, value, frame) }
                guard let value else { continue }
                let items = value.elements ?? [value]
                try charge(items.count, at: step.offset)
                for (position, item) in items.enumerated() {
                    var bound = tuple
                    if let focus = step.focus {
                        bound.bindings.append((focus, item))
                    } else {
                        bound.context = item
                    }
                    if let index = step.index { bound.bindings.append((index, .integer(Int64(position)))) }
                    next.append(bound)
                }
            }
            for stage in step.tupleStages { next = try filterTuples(stage, next, scope) }
            tuples = next
        }
        if let group = node.group { return try groupTuples(group, tuples, scope) }
        // A path that ends in a focus binding gives the bound items.
        let focus = steps.last?.focus
        var results: [JSONataValue] = []
        for tuple in tuples {
            let value = focus.map { name in tuple.bindings.last { $0.name == name }?.value ?? nil } ?? tuple.context
            if let value { results.append(value) }
        }
        return .sequence(results, keepSingletonArray ? [.keepSingleton] : [])
    }

    /// Order-by on tuples: each term evaluated with the tuple's bindings.
    private func sortTuples(_ tuples: [Tuple], _ terms: [JSONataSortTerm], _ scope: JSONataScope) throws -> [Tuple] {
        try charge(tuples.count * max(terms.count, 1))
        var keys: [[JSONataValue?]] = []
        for tuple in tuples {
            let frame = tuple.frame(in: scope)
            keys.append(try terms.map { try evaluate($0.expression, tuple.context, frame) })
        }
        return try sortKeyed(keys, terms).map { tuples[$0] }
    }

    /// `{key: value}` on tuples: tuples grouped by key (evaluated with their bindings); each group's value is
    /// evaluated with the group's items as context and each binding as the sequence of its values.
    private func groupTuples(_ group: JSONataGroup, _ tuples: [Tuple], _ scope: JSONataScope) throws -> JSONataValue {
        var groups: [(key: String, pair: Int, members: [Tuple])] = []
        var positions: [CodePointString: Int] = [:]
        for tuple in tuples {
            let frame = tuple.frame(in: scope)
            for (pairIndex, pair) in group.pairs.enumerated() {
                guard let key = try evaluate(pair.key, tuple.context, frame) else { continue }
                guard case .string(let name) = key else {
                    throw failure(
                        "T1003",
                        "Key in object structure must evaluate to a string; got: \(JSONataStringifier.messageText(key))",
                        at: group.offset)
                }
                if let existing = positions[CodePointString(name)] {
                    guard groups[existing].pair == pairIndex else {
                        throw failure(
                            "D1009", "Multiple key definitions evaluate to same key: \(JSONataStringifier.quote(name))",
                            at: group.offset)
                    }
                    groups[existing].members.append(tuple)
                } else {
                    positions[CodePointString(name)] = groups.count
                    groups.append((name, pairIndex, [tuple]))
                }
            }
        }
        var object = JSONataObject()
        for entry in groups {
            let frame = JSONataScope(parent: scope)
            var names: [String] = []
            for tuple in entry.members {
                for binding in tuple.bindings where !names.contains(binding.name) { names.append(binding.name) }
            }
            for name in names {
                let values = entry.members.compactMap { tuple in tuple.bindings.last { $0.name == name }?.value ?? nil }
                frame.bind(name, values.count == 1 ? values[0] : .sequence(values))
            }
            let contexts = entry.members.compactMap(\.context)
            let context: JSONataValue? = contexts.count == 1 ? contexts[0] : .sequence(contexts)
            if let value = try evaluate(group.pairs[entry.pair].value, context, frame) {
                object.set(entry.key, value)
            }
        }
        return try checkDepth(.object(object), at: group.offset)
    }

    /// A predicate over tuples: numbers select by position, anything else by truthiness, each evaluated with the
    /// tuple's bindings.
    private func filterTuples(_ predicate: JSONataNode, _ tuples: [Tuple], _ scope: JSONataScope) throws -> [Tuple] {
        try charge(tuples.count, at: predicate.offset)
        var kept: [Tuple] = []
        for (position, tuple) in tuples.enumerated() {
            let value = try evaluate(predicate, tuple.context, tuple.frame(in: scope))
            if let number = value?.double {
                if JSONataEvaluator.index(number, count: tuples.count) == position { kept.append(tuple) }
            } else if JSONataEvaluator.truthy(value) == true {
                kept.append(tuple)
            }
        }
        return kept
    }
}
