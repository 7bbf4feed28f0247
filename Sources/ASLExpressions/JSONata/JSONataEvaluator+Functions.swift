/// Function calls: built-in and user-defined functions, and the `~>` chaining operator.
extension JSONataEvaluator {
    /// `procedure(arguments)`; `prepending` is the left side of `~>`, passed as the first argument.
    func call(
        _ node: JSONataNode, _ procedure: JSONataNode, _ arguments: [JSONataNode], _ input: JSONataValue?,
        _ scope: JSONataScope, prepending: JSONataValue??
    ) throws -> JSONataValue? {
        let (callee, values) = try prepareCall(node, procedure, arguments, input, scope, prepending: prepending)
        callOffset = node.offset
        do {
            return try apply(callee, values, input: input)
        } catch let error as JSONataError {
            throw error.placed(at: position(node.offset))
        }
    }

    /// The function a call names and its evaluated arguments.
    private func prepareCall(
        _ node: JSONataNode, _ procedure: JSONataNode, _ arguments: [JSONataNode], _ input: JSONataValue?,
        _ scope: JSONataScope, prepending: JSONataValue??
    ) throws -> (JSONataFunction, [JSONataValue?]) {
        let function = try evaluate(procedure, input, scope)
        if function == nil {
            if case .variable(let name) = procedure.kind, JSONataBuiltins.unimplemented.contains(name) {
                throw JSONataError.unsupportedFeature(name: "function $\(name)", position: position(node.offset))
            }
            if case .path(let steps, _) = procedure.kind, case .name(let name) = steps.first?.kind,
                variable(name, input, scope) != nil
            {
                throw failure("T1005", "Attempted to invoke a non-function. Did you mean $\(name)?", at: node.offset)
            }
        }
        var values: [JSONataValue?] = []
        if let prepending { values.append(prepending) }
        for argument in arguments {
            values.append(try evaluate(argument, input, scope))
        }
        guard case .function(let callee) = function else {
            throw failure("T1006", "Attempted to invoke a non-function", at: node.offset)
        }
        return (callee, values)
    }

    /// What evaluating a function body in tail position gives: a value, or a call still to make.
    private enum TailOutcome {
        case value(JSONataValue?)
        case call(JSONataLambda, [JSONataValue?], input: JSONataValue?, offset: Int)
    }

    /// Evaluates `node` as the body of a function: a call to a function defined in the expression in tail
    /// position (the body itself, a branch of a condition, the last expression of a block) is returned rather
    /// than made, so that `apply` can make it without growing the stack — JSONata's tail-call optimisation.
    private func evaluateTail(_ node: JSONataNode, _ input: JSONataValue?, _ scope: JSONataScope) throws
        -> TailOutcome
    {
        switch node.kind {
        case .call, .condition, .block:
            guard node.predicates.isEmpty, node.group == nil, !node.keepArray else { fallthrough }
        default:
            return .value(try evaluate(node, input, scope))
        }
        // Each level counts towards the depth limit as `evaluate` would count it, and is left before a tail
        // call is made.
        depth += 1
        defer { depth -= 1 }
        guard depth <= limits.maximumDepth else { throw JSONataEvaluator.stackOverflow(at: position(node.offset)) }
        switch node.kind {
        case .call(let procedure, let arguments):
            try charge(1, at: node.offset)
            let (callee, values) = try prepareCall(node, procedure, arguments, input, scope, prepending: nil)
            guard case .lambda(let lambda) = callee else {
                callOffset = node.offset
                do {
                    return .value(try apply(callee, values, input: input))
                } catch let error as JSONataError {
                    throw error.placed(at: position(node.offset))
                }
            }
            return .call(lambda, values, input: input, offset: node.offset)
        case .condition(let test, let then, let otherwise):
            try charge(1, at: node.offset)
            if JSONataEvaluator.truthy(try evaluate(test, input, scope)) == true {
                return try evaluateTail(then, input, scope)
            }
            guard let otherwise else { return .value(nil) }
            return try evaluateTail(otherwise, input, scope)
        case .block(let expressions):
            guard let last = expressions.last else { return .value(nil) }
            try charge(1, at: node.offset)
            let frame = JSONataScope(parent: scope)
            for expression in expressions.dropLast() { _ = try evaluate(expression, input, frame) }
            return try evaluateTail(last, input, frame)
        default:
            return .value(try evaluate(node, input, scope))
        }
    }

    /// Runs a function defined in the expression, making tail calls in a loop instead of recursively.
    private func applyLambda(_ first: JSONataLambda, _ firstArguments: [JSONataValue?], input firstInput: JSONataValue?)
        throws -> JSONataValue?
    {
        var lambda = first
        var arguments = firstArguments
        var input = firstInput
        while true {
            if let signature = lambda.signature {
                arguments = try signature.validate(arguments, context: input, function: "lambda", by: self)
            }
            let frame = JSONataScope(parent: lambda.scope)
            for (index, parameter) in lambda.parameters.enumerated() {
                frame.bind(parameter, index < arguments.count ? arguments[index] : nil)
            }
            switch try evaluateTail(lambda.body, lambda.input, frame) {
            case .value(let value):
                return value.map(JSONataEvaluator.unwrapSingleton)
            case .call(let next, let nextArguments, let nextInput, let offset):
                callOffset = offset
                lambda = next
                arguments = nextArguments
                input = nextInput
            }
        }
    }

    /// Calls a function value with evaluated arguments; `input` is the context a built-in may fall back on.
    func apply(_ function: JSONataFunction, _ arguments: [JSONataValue?], input: JSONataValue?) throws
        -> JSONataValue?
    {
        switch function {
        case .builtin(let builtin):
            let validated = try builtin.signature.validate(arguments, context: input, function: builtin.name, by: self)
            return try builtin.implementation(self, validated)
        case .lambda(let lambda):
            return try applyLambda(lambda, arguments, input: input)
        case .transform(let transform):
            return try self.transform(transform, arguments.first ?? nil)
        case .regex(let regex):
            guard let text = arguments.first??.string else { return nil }
            return try firstMatch(.regex(regex), in: text, function: "match")?.object(indexKey: "start")
        case .partial(let partial, let given):
            var filled: [JSONataValue?] = []
            var next = 0
            for argument in given {
                if let argument {
                    filled.append(argument)
                } else {
                    filled.append(next < arguments.count ? arguments[next] : nil)
                    next += 1
                }
            }
            return try apply(partial, filled, input: input)
        case .composed(let first, let second):
            let intermediate = try apply(first, arguments, input: nil)
            return try apply(second, [intermediate], input: nil)
        }
    }

    /// `procedure(a, ?, …)`: the function of the placeholders, with the other arguments evaluated now.
    func partial(
        _ node: JSONataNode, _ procedure: JSONataNode, _ arguments: [JSONataNode], _ input: JSONataValue?,
        _ scope: JSONataScope
    ) throws -> JSONataValue? {
        guard case .function(let function) = try evaluate(procedure, input, scope) else {
            if case .path(let steps, _) = procedure.kind, case .name(let name) = steps.first?.kind,
                variable(name, input, scope) != nil
            {
                throw failure(
                    "T1007", "Attempted to partially apply a non-function. Did you mean $\(name)?", at: node.offset)
            }
            throw failure("T1008", "Attempted to partially apply a non-function", at: node.offset)
        }
        var given: [JSONataValue??] = []
        for argument in arguments {
            given.append(argument.isPlaceholder ? nil : .some(try evaluate(argument, input, scope)))
        }
        return try checkDepth(.function(.partial(function, given)), at: node.offset)
    }

    /// Calls a function passed to a higher-order built-in (`$map`, `$filter`, …) with as many of `arguments`
    /// as it declares.
    func invoke(_ function: JSONataFunction, _ arguments: [JSONataValue?]) throws -> JSONataValue? {
        let count = max(1, min(arguments.count, function.arity))
        return try apply(function, Array(arguments.prefix(count)), input: nil)
    }

    /// `left ~> right`: call `right` with `left` as its first argument, or compose two functions.
    func applyChain(
        _ node: JSONataNode, _ leftNode: JSONataNode, _ rightNode: JSONataNode, _ input: JSONataValue?,
        _ scope: JSONataScope
    ) throws -> JSONataValue? {
        let left = try evaluate(leftNode, input, scope)
        if case .call(let procedure, let arguments) = rightNode.kind {
            var result = try call(rightNode, procedure, arguments, input, scope, prepending: .some(left))
            for predicate in rightNode.predicates { result = try filter(predicate, result, scope) }
            if rightNode.keepArray, case .array(var array)? = result, array.flags.contains(.sequence) {
                array.flags.insert(.keepSingleton)
                result = .array(array)
            }
            return result
        }
        guard case .function(let function) = try evaluate(rightNode, input, scope) else {
            throw failure(
                "T2006", "The right side of the function application operator ~> must be a function", at: node.offset)
        }
        if case .function(let first) = left {
            return .function(.composed(first, function))
        }
        callOffset = node.offset
        do {
            return try apply(function, [left], input: nil)
        } catch let error as JSONataError {
            throw error.placed(at: position(node.offset))
        }
    }
}
