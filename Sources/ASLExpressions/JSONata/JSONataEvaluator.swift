import RetraceCore

/// Evaluates one parsed expression once: walks the tree, counts steps and depth, and holds the clock reading
/// and random source for that evaluation.
///
/// A class because it is the mutable state of one evaluation run, shared by every recursive call and by the
/// built-in functions that call back into it; it is created per evaluation and never shared between threads.
final class JSONataEvaluator {
    let limits: JSONataLimits
    let sourceMap: JSONataSourceMap
    let bindings: [String: JSONValue]
    var source: any JSONataNondeterminism
    private var clockReading: Instant?
    private(set) var steps = 0
    var depth = 0
    /// Frames that functions captured; cleared at the end to break function ↔ frame reference cycles.
    private var capturedScopes: [JSONataScope] = []
    /// Offset of the call being applied, for errors that built-in functions raise themselves.
    var callOffset = 0

    let stack: JSONataStackGuard
    /// Whether the expression's literals hold lone surrogates (`JSONataLexer.loneSurrogate`): only then does the
    /// evaluation look for them, so a U+FDD0 in the data of any other expression is an ordinary character.
    let loneSurrogates: Bool

    init(
        limits: JSONataLimits, sourceMap: JSONataSourceMap, bindings: [String: JSONValue],
        source: any JSONataNondeterminism, stackBudget: Int, loneSurrogates: Bool = false
    ) {
        self.loneSurrogates = loneSurrogates
        self.limits = limits
        self.sourceMap = sourceMap
        self.bindings = bindings
        self.source = source
        self.stack = JSONataStackGuard(budget: stackBudget)
    }

    /// JSONata's error for runaway recursion.
    static func stackOverflow(at position: JSONataPosition?) -> JSONataError {
        .limitExceeded(
            code: "U1001",
            message:
                "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.",
            position: position)
    }

    /// Evaluates the whole expression against `input` (JSONata's context item), returning JSON or `nil`
    /// for undefined.
    func run(_ root: JSONataNode, input: JSONValue?) throws(JSONataError) -> JSONValue? {
        defer { releaseScopes() }
        let scope = JSONataScope(parent: nil)
        var context = input.map(JSONataValue.init)
        if let input {
            // `$$` is the input as given; an input array is wrapped so that paths treat it as one item.
            scope.bind("$", JSONataValue(input))
            if case .array = input {
                context = .array(JSONataArray([JSONataValue(input)], flags: [.sequence, .outerWrapper]))
            }
        }
        let result: JSONataValue?
        do {
            result = try evaluate(root, context, scope)
        } catch let error as JSONataError {
            throw error
        } catch {
            throw JSONataError.evaluation(code: "R0000", message: "\(error)", position: nil)
        }
        guard let result else { return nil }
        return try json(result, at: root.offset)
    }

    private func releaseScopes() {
        for scope in capturedScopes { scope.clear() }
        capturedScopes.removeAll()
    }

    /// The instant of this evaluation, read once.
    var now: Instant {
        if let clockReading { return clockReading }
        let reading = source.now()
        clockReading = reading
        return reading
    }

    // MARK: - Errors and accounting

    func position(_ offset: Int) -> JSONataPosition { sourceMap.position(at: offset) }

    func failure(_ code: String, _ message: String, at offset: Int?) -> JSONataError {
        .evaluation(code: code, message: message, position: offset.map(position))
    }

    /// Counts `count` steps of work; throws `U1001` when the budget is spent — the code JSONata's own time box
    /// gives an evaluation that runs too long.
    func charge(_ count: Int, at offset: Int? = nil) throws(JSONataError) {
        steps += max(count, 0)
        guard steps <= limits.maximumSteps else {
            throw .limitExceeded(
                code: "U1001",
                message: "Expression evaluation timeout: Check for infinite loop (stopped after "
                    + "\(limits.maximumSteps) steps)",
                position: offset.map(position))
        }
    }

    /// Checks that a value built by the expression does not nest too deeply.
    func checkDepth(_ value: JSONataValue, at offset: Int?) throws(JSONataError) -> JSONataValue {
        guard value.depth <= limits.maximumValueDepth else {
            throw .limitExceeded(
                code: "R0004", message: "The value built nests deeper than \(limits.maximumValueDepth) levels",
                position: offset.map(position))
        }
        return value
    }

    /// Checks the length of a string built by the expression.
    func checkLength(_ text: String, at offset: Int?) throws(JSONataError) -> String {
        guard text.utf8.count <= limits.maximumStringLength else {
            throw .limitExceeded(
                code: "R0002", message: "The string built is longer than \(limits.maximumStringLength) bytes",
                position: offset.map(position))
        }
        try charge(text.utf8.count / 64, at: offset)
        return text
    }

    /// Records that a function captured `scope`.
    func capture(_ scope: JSONataScope, at offset: Int) throws(JSONataError) {
        guard !scope.isCaptured else { return }
        guard capturedScopes.count < limits.maximumClosures else {
            throw .limitExceeded(
                code: "R0006", message: "The expression created more than \(limits.maximumClosures) closures",
                position: position(offset))
        }
        scope.isCaptured = true
        capturedScopes.append(scope)
    }

    // MARK: - Dispatch

    /// Evaluates `node` with `input` as the context item: JSONata's `evaluate`, including predicates,
    /// grouping and the unwrapping of singleton sequences.
    func evaluate(_ node: JSONataNode, _ input: JSONataValue?, _ scope: JSONataScope) throws -> JSONataValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= limits.maximumDepth else { throw JSONataEvaluator.stackOverflow(at: position(node.offset)) }
        try stack.check(at: position(node.offset))
        try charge(1, at: node.offset)
        var result = try evaluateKind(node, input, scope)
        for predicate in node.predicates {
            result = try filter(predicate, result, scope)
        }
        if !node.isPath, let group = node.group {
            result = try evaluateGroup(group.pairs, offset: group.offset, result, scope)
        }
        guard case .array(var array) = result, array.flags.contains(.sequence) else { return result }
        if node.keepArray { array.flags.insert(.keepSingleton) }
        switch array.items.count {
        case 0: return nil
        case 1 where !array.flags.contains(.keepSingleton): return array.items[0]
        default: return .array(array)
        }
    }

    /// A sequence of one item as that item, as `evaluate` leaves every result (empty sequences stay, since
    /// undefined has been decided by then).
    static func unwrapSingleton(_ value: JSONataValue) -> JSONataValue {
        guard case .array(let array) = value, array.flags.contains(.sequence), array.items.count == 1,
            !array.flags.contains(.keepSingleton)
        else { return value }
        return array.items[0]
    }

    private func evaluateKind(_ node: JSONataNode, _ input: JSONataValue?, _ scope: JSONataScope) throws
        -> JSONataValue?
    {
        switch node.kind {
        case .path(let steps, let keepSingletonArray):
            return try evaluatePath(node, steps, keepSingletonArray, input, scope)
        case .name(let name): return try lookup(input, name, at: node.offset)
        case .variable(let name): return variable(name, input, scope)
        case .string(let text): return .string(text)
        case .number(let value): return .number(value)
        case .literal(let value): return JSONataValue(value)
        case .regex(let regex): return .function(.regex(regex))
        case .wildcard: return try wildcard(input, at: node.offset)
        case .descendants: return try descendants(input, at: node.offset)
        case .binary(let op, let left, let right): return try binary(op, left, right, node.offset, input, scope)
        case .negation(let operand): return try negate(operand, node.offset, input, scope)
        case .array(let items): return try arrayConstructor(node, items, input, scope)
        case .object(let pairs): return try evaluateGroup(pairs, offset: node.offset, input, scope)
        case .condition(let test, let then, let otherwise):
            if JSONataEvaluator.truthy(try evaluate(test, input, scope)) == true {
                return try evaluate(then, input, scope)
            }
            guard let otherwise else { return nil }
            return try evaluate(otherwise, input, scope)
        case .block(let expressions):
            let frame = JSONataScope(parent: scope)
            var result: JSONataValue?
            for expression in expressions { result = try evaluate(expression, input, frame) }
            return result
        case .bind(let name, let valueNode):
            let value = try evaluate(valueNode, input, scope)
            scope.bind(name, value)
            return value
        case .call(let procedure, let arguments):
            return try call(node, procedure, arguments, input, scope, prepending: nil)
        case .lambda(let parameters, let body, let signature):
            try capture(scope, at: node.offset)
            let lambda = JSONataLambda(
                parameters: parameters, body: body, input: input, scope: scope, signature: signature)
            return try checkDepth(.function(.lambda(lambda)), at: node.offset)
        case .apply(let left, let right): return try applyChain(node, left, right, input, scope)
        case .partial(let procedure, let arguments): return try partial(node, procedure, arguments, input, scope)
        case .placeholder: return nil
        case .parent(_, let label): return scope.lookup(label) ?? nil
        case .sort: return input
        case .transform(let location, let update, let delete):
            try capture(scope, at: node.offset)
            let transform = JSONataTransform(location: location, update: update, delete: delete, scope: scope)
            return .function(.transform(transform))
        }
    }

    /// `$name`: the context item for `$`, else the innermost binding, the bindings given to the evaluation, or a
    /// built-in function.
    func variable(_ name: String, _ input: JSONataValue?, _ scope: JSONataScope) -> JSONataValue? {
        if name.isEmpty {
            if case .array(let array) = input, array.flags.contains(.outerWrapper), let first = array.items.first {
                return first
            }
            return input
        }
        if let bound = scope.lookup(name) { return bound }
        if let value = bindings[name] { return JSONataValue(value) }
        if let builtin = JSONataBuiltins.table[name] { return .function(.builtin(builtin)) }
        return nil
    }
}
