import RetraceCore

/// One item of a tuple stream: the context item with the variables (`@`, `#`) and parent labels (`%`) bound by
/// the steps it came through.
struct JSONataTuple {
    var context: JSONataValue?
    var bindings: [(name: String, value: JSONataValue?)] = []

    init(context: JSONataValue?) {
        self.context = context
    }
}

/// Paths with `@` and `#` bindings and steps that `%` refers to: JSONata evaluates them, from the first such step
/// on, as a stream of tuples, each an item with the variables bound so far, so that later steps, predicates and
/// constructors see `$o`, `$i` and `%` of the items they came from.
extension JSONataEvaluator {
    /// Runs `steps` over `tuples`.
    func evaluateTupleSteps(
        _ steps: ArraySlice<JSONataNode>, _ tuples: [JSONataTuple], _ scope: JSONataScope
    ) throws -> [JSONataTuple] {
        var tuples = tuples
        for step in steps {
            if case .sort(let terms) = step.kind {
                tuples = try sortTuples(tuples, terms, scope)
                if let index = step.index {
                    // `#` after an order-by numbers the items in their sorted order.
                    for position in tuples.indices {
                        tuples[position].bindings.append((index, .integer(Int64(position))))
                    }
                }
                for stage in step.stages { tuples = try filterTuples(stage, tuples, scope) }
                tuples = try applyTupleStages(step.tupleStages, tuples, scope)
                continue
            }
            var next: [JSONataTuple] = []
            for tuple in tuples {
                let frame = try frame(of: tuple, in: scope)
                if step.carriesTuples, var nested = try evaluateTuples(step, tuple.context, frame) {
                    // A block or path that a `%` looks into passes on its tuples, bindings and all.
                    for stage in step.stages { nested = try filterTuples(stage, nested, frame) }
                    try charge(nested.count, at: step.offset)
                    for inner in nested {
                        var merged = tuple
                        merged.context = inner.context
                        merged.bindings += inner.bindings
                        next.append(merged)
                    }
                    continue
                }
                var value = try evaluate(step, tuple.context, frame)
                if !step.stages.isEmpty {
                    // The step's own predicates see its items' parent, the item they came from.
                    let stageFrame = parentFrame(step, tuple.context, frame)
                    for stage in step.stages { value = try filter(stage, value, stageFrame) }
                }
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
                    for label in step.ancestors { bound.bindings.append((label, tuple.context)) }
                    next.append(bound)
                }
            }
            tuples = try applyTupleStages(step.tupleStages, next, scope)
        }
        return tuples
    }

    /// A frame below `scope` holding the tuple's bindings; binding them is work the step budget counts, since
    /// a long path of bindings and parents makes every tuple carry many.
    private func frame(of tuple: JSONataTuple, in scope: JSONataScope) throws(JSONataError) -> JSONataScope {
        try charge(tuple.bindings.count)
        let frame = JSONataScope(parent: scope)
        for binding in tuple.bindings { frame.bind(binding.name, binding.value) }
        return frame
    }

    /// Filters after `@` or `#`, and positions bound after filters, in the order written.
    private func applyTupleStages(
        _ stages: [JSONataTupleStage], _ tuples: [JSONataTuple], _ scope: JSONataScope
    ) throws -> [JSONataTuple] {
        var tuples = tuples
        for stage in stages {
            switch stage {
            case .filter(let predicate): tuples = try filterTuples(predicate, tuples, scope)
            case .index(let name):
                for position in tuples.indices {
                    tuples[position].bindings.append((name, .integer(Int64(position))))
                }
            }
        }
        return tuples
    }

    /// `frame`, or for a step that `%` names a frame below it binding the step's parent labels to `parent`.
    private func parentFrame(_ step: JSONataNode, _ parent: JSONataValue?, _ frame: JSONataScope) -> JSONataScope {
        guard !step.ancestors.isEmpty else { return frame }
        let inner = JSONataScope(parent: frame)
        for label in step.ancestors { inner.bind(label, parent) }
        return inner
    }

    /// The tuples of a block or path step that a `%` looks into, with its predicates applied; `nil` for any
    /// other node, whose value the caller evaluates as usual.
    func evaluateTuples(_ node: JSONataNode, _ context: JSONataValue?, _ scope: JSONataScope) throws
        -> [JSONataTuple]?
    {
        var tuples: [JSONataTuple]
        switch node.kind {
        case .path(let steps, _) where node.group == nil && !node.keepArray:
            try charge(1, at: node.offset)
            try stack.check(at: position(node.offset))
            switch try walk(steps, context, scope) {
            case .tuples(let walked, _): tuples = walked
            case .values(let values):
                tuples = (values.map { $0.elements ?? [$0] } ?? []).map { JSONataTuple(context: $0) }
            }
        case .block(let expressions) where node.group == nil && !node.keepArray:
            guard let last = expressions.last, last.carriesTuples else { return nil }
            try charge(1, at: node.offset)
            try stack.check(at: position(node.offset))
            let frame = JSONataScope(parent: scope)
            for expression in expressions.dropLast() { _ = try evaluate(expression, context, frame) }
            guard let nested = try evaluateTuples(last, context, frame) else { return nil }
            tuples = nested
        default:
            return nil
        }
        for predicate in node.predicates { tuples = try filterTuples(predicate, tuples, scope) }
        return tuples
    }

    /// The value of a path that ended in tuples: grouped, or the items (the focused variable's values when the
    /// last step binds one).
    func finishTuples(
        _ node: JSONataNode, _ tuples: [JSONataTuple], focus: String?, _ keepSingletonArray: Bool,
        _ scope: JSONataScope
    ) throws -> JSONataValue? {
        if let group = node.group { return try groupTuples(group, tuples, scope) }
        var results: [JSONataValue] = []
        for tuple in tuples {
            let value = focus.map { name in tuple.bindings.last { $0.name == name }?.value ?? nil } ?? tuple.context
            if let value { results.append(value) }
        }
        return .sequence(results, keepSingletonArray ? [.keepSingleton] : [])
    }

    /// Order-by on tuples: each term evaluated with the tuple's bindings.
    private func sortTuples(_ tuples: [JSONataTuple], _ terms: [JSONataSortTerm], _ scope: JSONataScope) throws
        -> [JSONataTuple]
    {
        try charge(tuples.count * max(terms.count, 1))
        var keys: [[JSONataValue?]] = []
        for tuple in tuples {
            let frame = try frame(of: tuple, in: scope)
            keys.append(try terms.map { try evaluate($0.expression, tuple.context, frame) })
        }
        return try sortKeyed(keys, terms).map { tuples[$0] }
    }

    /// `{key: value}` on tuples: tuples grouped by key (evaluated with their bindings); each group's value is
    /// evaluated with the group's items as context and each binding as the sequence of its values.
    private func groupTuples(_ group: JSONataGroup, _ tuples: [JSONataTuple], _ scope: JSONataScope) throws
        -> JSONataValue
    {
        var groups: [(key: String, pair: Int, members: [JSONataTuple])] = []
        var positions: [CodePointString: Int] = [:]
        for tuple in tuples {
            let frame = try frame(of: tuple, in: scope)
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
    private func filterTuples(_ predicate: JSONataNode, _ tuples: [JSONataTuple], _ scope: JSONataScope) throws
        -> [JSONataTuple]
    {
        try charge(tuples.count, at: predicate.offset)
        var kept: [JSONataTuple] = []
        for (position, tuple) in tuples.enumerated() {
            let value = try evaluate(predicate, tuple.context, frame(of: tuple, in: scope))
            if let number = value?.double {
                if JSONataEvaluator.index(number, count: tuples.count) == position { kept.append(tuple) }
            } else if JSONataEvaluator.truthy(value) == true {
                kept.append(tuple)
            }
        }
        return kept
    }
}
