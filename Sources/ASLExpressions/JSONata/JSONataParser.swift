/// A top-down operator-precedence (Pratt) parser for JSONata, producing the post-processed tree
/// (`JSONataNode`) that the evaluator walks.
///
/// Binding powers and error codes are JSONata's; constructs outside Retrace's subset are reported as
/// `JSONataError.unsupportedFeature` at the position of the token that introduces them.
struct JSONataParser {
    private var lexer: JSONataLexer
    private var token: JSONataToken
    private var depth = 0
    /// A literal used as a path step (`S0213`) or a `%` whose parent no step provides (`S0217`): JSONata finds
    /// these after the whole expression has parsed, so a syntax error later in the text is reported first.
    private var postParseError: JSONataError?
    /// For each `%` met so far (its slot), how many steps up the path its parent still is: the parser walks back
    /// through the steps, counting names and wildcards down and further `%` up, until it reaches zero at the step
    /// whose input item is the parent.
    private var parentLevels: [Int] = []
    private let maximumDepth: Int
    private let stack: JSONataStackGuard

    /// A parsed expression: its tree, and whether a string literal kept a lone UTF-16 surrogate.
    struct Parsed: Sendable {
        var root: JSONataNode
        var keepsLoneSurrogates: Bool
    }

    /// Parses a whole expression, with recursion bounded by `maximumDepth` and by the stack `budget`.
    static func parse(
        _ scalars: [Unicode.Scalar], sourceMap: JSONataSourceMap, maximumDepth: Int, budget: Int
    ) throws(JSONataError) -> Parsed {
        var parser = try JSONataParser(
            scalars, sourceMap: sourceMap, maximumDepth: maximumDepth, stack: JSONataStackGuard(budget: budget))
        let root = try parser.expression(0)
        guard case .end = parser.token.kind else {
            throw parser.syntax("S0201", "Syntax error: \(quoted(parser.token))", at: parser.token.offset)
        }
        if let postParseError = parser.postParseError { throw postParseError }
        if case .parent = root.kind { throw parser.noParent(at: root.offset) }
        if !root.seekingParent.isEmpty { throw parser.noParent(at: root.offset) }
        return Parsed(root: root, keepsLoneSurrogates: parser.lexer.keptLoneSurrogate)
    }

    private init(
        _ scalars: [Unicode.Scalar], sourceMap: JSONataSourceMap, maximumDepth: Int, stack: JSONataStackGuard
    ) throws(JSONataError) {
        lexer = JSONataLexer(scalars, sourceMap: sourceMap)
        self.maximumDepth = maximumDepth
        self.stack = stack
        token = JSONataToken(kind: .end, offset: 0)
        token = try lexer.next(afterOperand: false)
    }

    // MARK: - Helpers

    private func syntax(_ code: String, _ message: String, at offset: Int) -> JSONataError {
        .syntax(code: code, message: message, position: lexer.sourceMap.position(at: offset))
    }

    private func unsupported(_ name: String, at offset: Int) -> JSONataError {
        .unsupportedFeature(name: name, position: lexer.sourceMap.position(at: offset))
    }

    /// A token as JSONata's messages show it: JSON-quoted unless it is a number.
    private static func quoted(_ token: JSONataToken) -> String {
        if case .number = token.kind { return token.display }
        return JSONataStringifier.quote(token.display)
    }

    private mutating func advance(afterOperand: Bool) throws(JSONataError) {
        token = try lexer.next(afterOperand: afterOperand)
    }

    private mutating func expect(_ symbol: String, afterOperand: Bool) throws(JSONataError) {
        guard token.symbol == symbol else {
            if case .end = token.kind {
                throw syntax(
                    "S0203", "Expected \(JSONataStringifier.quote(symbol)) before end of expression",
                    at: token.offset)
            }
            throw syntax(
                "S0202", "Expected \(JSONataStringifier.quote(symbol)), got \(JSONataParser.quoted(token))",
                at: token.offset)
        }
        try advance(afterOperand: afterOperand)
    }

    /// Whether a token read in operand position is itself a complete operand, so that `/` after it divides.
    private static func isOperand(_ token: JSONataToken) -> Bool {
        switch token.kind {
        case .name, .variable, .string, .number, .literal, .regex: return true
        case .symbol(let text): return text == "*" || text == "**" || text == "%"
        case .end: return false
        }
    }

    private static func leftBindingPower(_ token: JSONataToken) -> Int {
        guard case .symbol(let text) = token.kind else { return 0 }
        switch text {
        case "[", "(", "@", "#": return 80
        case ".": return 75
        case "{": return 70
        case "*", "/", "%": return 60
        case "+", "-", "&": return 50
        case "=", "!=", "<", "<=", ">", ">=", "in", "~>", "^", "??", "?:": return 40
        case "and": return 30
        case "or": return 25
        case "?": return 20
        case ":=": return 10
        default: return 0
        }
    }

    // MARK: - Expressions

    private mutating func expression(_ rightBindingPower: Int) throws(JSONataError) -> JSONataNode {
        depth += 1
        defer { depth -= 1 }
        guard depth <= maximumDepth else { throw tooDeep(at: token.offset) }
        try stack.check(at: lexer.sourceMap.position(at: token.offset))
        let first = token
        try advance(afterOperand: JSONataParser.isOperand(first))
        var left = try prefix(first)
        while rightBindingPower < JSONataParser.leftBindingPower(token) {
            let operatorToken = token
            try advance(afterOperand: false)
            left = try infix(operatorToken, left)
            // Left-associative chains grow the tree without recursing here; bound their height too.
            guard left.height <= maximumDepth else { throw tooDeep(at: operatorToken.offset) }
        }
        return left
    }

    private func tooDeep(at offset: Int) -> JSONataError {
        .limitExceeded(
            code: "R0003", message: "The expression nests deeper than \(maximumDepth) levels",
            position: lexer.sourceMap.position(at: offset))
    }

    /// The "null denotation": a token that starts an operand.
    private mutating func prefix(_ token: JSONataToken) throws(JSONataError) -> JSONataNode {
        let offset = token.offset
        switch token.kind {
        case .name(let name):
            return JSONataNode(
                .path(steps: [JSONataNode(.name(name), offset: offset)], keepSingletonArray: false), offset: offset)
        case .variable(let name): return JSONataNode(.variable(name), offset: offset)
        case .string(let text): return JSONataNode(.string(text), offset: offset)
        case .number(let value): return JSONataNode(.number(value), offset: offset)
        case .literal(let value): return JSONataNode(.literal(value), offset: offset)
        case .end: throw syntax("S0207", "Unexpected end of expression", at: offset)
        case .regex(let pattern, let flags):
            guard let regex = JSONataRegex(pattern: pattern, flags: flags) else {
                throw syntax("S0303", "Invalid regular expression: /\(pattern)/\(flags)", at: offset)
            }
            return JSONataNode(.regex(regex), offset: offset)
        case .symbol(let text):
            switch text {
            case "-":
                let operand = try expression(70)
                if case .number(let value) = operand.kind {
                    var folded = operand
                    folded.kind = .number(-value)
                    folded.offset = offset
                    folded.refreshHeight()
                    return folded
                }
                return seeking(JSONataNode(.negation(operand), offset: offset), from: [operand])
            case "*": return JSONataNode(.wildcard, offset: offset)
            case "**": return JSONataNode(.descendants, offset: offset)
            case "(": return try block(offset)
            case "[": return try arrayConstructor(offset)
            case "{":
                let pairs = try objectPairs()
                return seeking(JSONataNode(.object(pairs), offset: offset), from: pairs.flatMap { [$0.key, $0.value] })
            case "and", "or", "in":
                // The operator words are ordinary field names where an operand is expected.
                return JSONataNode(
                    .path(steps: [JSONataNode(.name(text), offset: offset)], keepSingletonArray: false), offset: offset)
            case "%":
                let slot = parentLevels.count
                parentLevels.append(1)
                return JSONataNode(.parent(slot: slot, label: "%\(slot)"), offset: offset)
            case "|":
                let location = try expression(0)
                try expect("|", afterOperand: false)
                let update = try expression(0)
                var delete: JSONataNode?
                if self.token.symbol == "," {
                    try advance(afterOperand: false)
                    delete = try expression(0)
                }
                try expect("|", afterOperand: true)
                return JSONataNode(.transform(location, update, delete), offset: offset)
            case "?": throw unsupported("partial application ?", at: offset)
            default:
                throw syntax(
                    "S0211", "The symbol \(JSONataStringifier.quote(text)) cannot be used as a unary operator",
                    at: offset)
            }
        }
    }

    /// The "left denotation": an operator that follows an operand.
    private mutating func infix(_ token: JSONataToken, _ left: JSONataNode) throws(JSONataError) -> JSONataNode {
        let offset = token.offset
        guard case .symbol(let text) = token.kind else {
            throw syntax("S0201", "Syntax error: \(JSONataParser.quoted(token))", at: offset)
        }
        switch text {
        case ".":
            let right = try expression(75)
            return try path(left, right)
        case "[":
            if self.token.symbol == "]" {
                try advance(afterOperand: true)
                return keepingArray(left)
            }
            let predicate = try expression(0)
            try expect("]", afterOperand: true)
            return try predicated(left, predicate)
        case "{":
            let pairs = try objectPairs()
            guard left.group == nil else {
                throw syntax("S0210", "Each step can only have one grouping expression", at: offset)
            }
            var grouped = left
            grouped.group = JSONataGroup(pairs: pairs, offset: offset)
            grouped.refreshHeight()
            return grouped
        case "(":
            return try call(left)
        case "?":
            let then = try expression(0)
            var otherwise: JSONataNode?
            if self.token.symbol == ":" {
                try advance(afterOperand: false)
                otherwise = try expression(0)
            }
            return seeking(
                JSONataNode(.condition(left, then, otherwise), offset: offset),
                from: [left, then] + (otherwise.map { [$0] } ?? []))
        case ":=":
            guard case .variable(let name) = left.kind, left.predicates.isEmpty, left.group == nil, !left.keepArray
            else {
                throw syntax("S0212", "The left side of := must be a variable name (start with $)", at: left.offset)
            }
            let value = try expression(9)
            return seeking(JSONataNode(.bind(name, value), offset: offset), from: [value])
        case "~>":
            let right = try expression(40)
            return JSONataNode(.apply(left, right), offset: offset)
        case "^":
            try expect("(", afterOperand: false)
            var terms: [JSONataSortTerm] = []
            while true {
                var descending = false
                if self.token.symbol == "<" || self.token.symbol == ">" {
                    descending = self.token.symbol == ">"
                    try advance(afterOperand: false)
                }
                terms.append(JSONataSortTerm(expression: try expression(0), descending: descending))
                guard self.token.symbol == "," else { break }
                try advance(afterOperand: false)
            }
            try expect(")", afterOperand: true)
            let sort = seeking(JSONataNode(.sort(terms), offset: offset), from: terms.map(\.expression))
            return try path(left, sort)
        case "@", "#":
            let right = try expression(80)
            guard case .variable(let name) = right.kind, right.predicates.isEmpty else {
                throw syntax(
                    "S0214", "The right side of \(text) must be a variable name (start with $)", at: right.offset)
            }
            var node = left
            if !node.isPath {
                var step = left
                step.stages = step.predicates
                step.predicates = []
                step.refreshHeight()
                node = JSONataNode(.path(steps: [step], keepSingletonArray: false), offset: left.offset)
                node.seekingParent = left.seekingParent
            }
            guard case .path(var steps, let keep) = node.kind, let last = steps.indices.last else { return node }
            if case .sort = steps[last].kind, text == "@" {
                throw syntax(
                    "S0216", "A context variable binding must precede the 'order-by' clause on a step", at: offset)
            }
            if text == "@" {
                guard steps[last].tupleStages.isEmpty && steps[last].stages.isEmpty else {
                    throw syntax(
                        "S0215", "A context variable binding must precede any predicates on a step", at: offset)
                }
                steps[last].focus = name
            } else if steps[last].tupleStages.isEmpty && steps[last].stages.isEmpty {
                steps[last].index = name
            } else {
                // After predicates, `#` numbers the items that passed them, across the whole stream.
                steps[last].tupleStages.append(.index(name))
            }
            node.kind = .path(steps: steps, keepSingletonArray: keep)
            node.refreshHeight()
            return node
        case "??": throw unsupported("coalescing operator ??", at: offset)
        case "?:": throw unsupported("default operator ?:", at: offset)
        default:
            guard let binary = JSONataBinaryOperator(rawValue: text), binary != .range else {
                throw syntax("S0204", "Unknown operator: \(JSONataStringifier.quote(text))", at: offset)
            }
            let right = try expression(binary.bindingPower)
            return seeking(JSONataNode(.binary(binary, left, right), offset: offset), from: [left, right])
        }
    }

    private mutating func block(_ offset: Int) throws(JSONataError) -> JSONataNode {
        var expressions: [JSONataNode] = []
        while token.symbol != ")" {
            expressions.append(try expression(0))
            guard token.symbol == ";" else { break }
            try advance(afterOperand: false)
        }
        try expect(")", afterOperand: true)
        return seeking(JSONataNode(.block(expressions), offset: offset), from: expressions)
    }

    private mutating func arrayConstructor(_ offset: Int) throws(JSONataError) -> JSONataNode {
        var items: [JSONataNode] = []
        if token.symbol != "]" {
            while true {
                var item = try expression(0)
                if token.symbol == ".." {
                    let rangeOffset = token.offset
                    try advance(afterOperand: false)
                    let upper = try expression(0)
                    item = seeking(JSONataNode(.binary(.range, item, upper), offset: rangeOffset), from: [item, upper])
                }
                items.append(item)
                guard token.symbol == "," else { break }
                try advance(afterOperand: false)
            }
        }
        try expect("]", afterOperand: true)
        return seeking(JSONataNode(.array(items), offset: offset), from: items)
    }

    private mutating func objectPairs() throws(JSONataError) -> [JSONataPair] {
        var pairs: [JSONataPair] = []
        if token.symbol != "}" {
            while true {
                let key = try expression(0)
                try expect(":", afterOperand: false)
                let value = try expression(0)
                pairs.append(JSONataPair(key: key, value: value))
                guard token.symbol == "," else { break }
                try advance(afterOperand: false)
            }
        }
        try expect("}", afterOperand: true)
        return pairs
    }

    private mutating func call(_ procedure: JSONataNode) throws(JSONataError) -> JSONataNode {
        var arguments: [JSONataNode] = []
        if token.symbol != ")" {
            while true {
                if token.symbol == "?" {
                    arguments.append(JSONataNode(.placeholder, offset: token.offset))
                    try advance(afterOperand: true)
                } else {
                    arguments.append(try expression(0))
                }
                guard token.symbol == "," else { break }
                try advance(afterOperand: false)
            }
        }
        try expect(")", afterOperand: true)
        guard case .path(let steps, _) = procedure.kind, steps.count == 1, case .name(let word) = steps[0].kind,
            word == "function" || word == "λ", steps[0].stages.isEmpty, procedure.group == nil
        else {
            if arguments.contains(where: \.isPlaceholder) {
                return seeking(JSONataNode(.partial(procedure, arguments), offset: procedure.offset), from: arguments)
            }
            return seeking(JSONataNode(.call(procedure, arguments), offset: procedure.offset), from: arguments)
        }
        var parameters: [String] = []
        for (index, argument) in arguments.enumerated() {
            guard case .variable(let name) = argument.kind, argument.predicates.isEmpty else {
                throw syntax(
                    "S0208",
                    "Parameter \(index + 1) of function definition must be a variable name (start with $)",
                    at: argument.offset)
            }
            parameters.append(name)
        }
        var signature: JSONataSignature?
        if token.symbol == "<" {
            let start = token.offset
            let text = try lexer.readSignature(start: start)
            do throws(JSONataSignature.ParseError) {
                signature = try JSONataSignature(parsing: text)
            } catch {
                throw syntax(error.code, error.message, at: start + error.offset)
            }
            try advance(afterOperand: false)
        }
        try expect("{", afterOperand: false)
        let body = try expression(0)
        try expect("}", afterOperand: true)
        return JSONataNode(.lambda(parameters, body, signature), offset: procedure.offset)
    }

    // MARK: - Post-processing (JSONata's processAST)

    /// Joins `left . right` into one path, as JSONata does after parsing.
    private mutating func path(_ left: JSONataNode, _ right: JSONataNode) throws(JSONataError) -> JSONataNode {
        var steps: [JSONataNode]
        var seekingParent: [Int] = []
        if case .path(let leftSteps, _) = left.kind {
            steps = leftSteps
            seekingParent = left.seekingParent
        } else {
            steps = [left]
            // JSONata keeps a `%` that starts the path (it looks above the path), but not one inside a first step.
            if case .parent(let slot, _) = left.kind { seekingParent = [slot] }
        }
        if case .path(let rightSteps, _) = right.kind {
            steps += rightSteps
        } else {
            var step = right
            step.stages = step.predicates
            step.predicates = []
            step.refreshHeight()
            steps.append(step)
        }
        for index in steps.indices {
            switch steps[index].kind {
            case .string(let text): steps[index].kind = .name(text)
            case .number(let value):
                postParseError =
                    postParseError ?? literalStep(JSONataNumberFormatter.string(value), at: steps[index].offset)
            case .literal(let value):
                postParseError = postParseError ?? literalStep(value.serialized(), at: steps[index].offset)
            default: break
            }
        }
        // Joining copies the steps, so a path's length is bounded like nesting to keep parsing linear.
        guard steps.count <= maximumDepth else { throw tooDeep(at: right.offset) }
        if let first = steps.indices.first, steps[first].isArrayConstructor { steps[first].consArray = true }
        if let last = steps.indices.last, steps[last].isArrayConstructor { steps[last].consArray = true }
        seekingParent += resolveAncestry(&steps)
        var joined = JSONataNode(
            .path(steps: steps, keepSingletonArray: steps.contains { $0.keepArray }), offset: left.offset)
        joined.group = left.isPath ? left.group : nil
        joined.seekingParent = seekingParent
        joined.refreshHeight()
        return joined
    }

    private func literalStep(_ value: String, at offset: Int) -> JSONataError {
        syntax("S0213", "The literal value \(value) cannot be used as a step within a path expression", at: offset)
    }

    /// `left[]`: keep singleton arrays as arrays.
    private func keepingArray(_ left: JSONataNode) -> JSONataNode {
        var node = left
        if case .path(var steps, _) = node.kind, let last = steps.indices.last {
            steps[last].keepArray = true
            node.kind = .path(steps: steps, keepSingletonArray: true)
        } else {
            node.keepArray = true
        }
        return node
    }

    /// `left[predicate]`: a stage of the last step of a path, or a predicate of anything else.
    private mutating func predicated(_ left: JSONataNode, _ predicate: JSONataNode) throws(JSONataError) -> JSONataNode
    {
        guard left.group == nil else {
            throw syntax("S0209", "A predicate cannot follow a grouping expression in a step", at: predicate.offset)
        }
        var node = left
        guard node.predicates.count < maximumDepth else { throw tooDeep(at: predicate.offset) }
        if case .path(var steps, let keep) = node.kind, let last = steps.indices.last {
            guard steps[last].stages.count + steps[last].tupleStages.count < maximumDepth else {
                throw tooDeep(at: predicate.offset)
            }
            seekParents(of: predicate, from: &steps[last])
            if steps[last].bindsVariable || !steps[last].tupleStages.isEmpty {
                steps[last].tupleStages.append(.filter(predicate))
            } else {
                steps[last].stages.append(predicate)
            }
            steps[last].refreshHeight()
            node.kind = .path(steps: steps, keepSingletonArray: keep)
        } else {
            seekParents(of: predicate, from: &node)
            node.predicates.append(predicate)
        }
        node.refreshHeight()
        return node
    }

    // MARK: - The parent operator (JSONata's ancestry analysis)

    private func noParent(at offset: Int) -> JSONataError {
        syntax("S0217", "The object representing the 'parent' cannot be derived from this expression", at: offset)
    }

    /// `node` with the unresolved `%` of `children` (and the children that are `%`) as its own.
    private func seeking(_ node: JSONataNode, from children: [JSONataNode]) -> JSONataNode {
        var node = node
        for child in children {
            node.seekingParent += child.seekingParent
            if case .parent(let slot, _) = child.kind { node.seekingParent.append(slot) }
        }
        return node
    }

    /// A predicate's `%` look from its items, the items of `step`: one level up is `step` itself; higher levels
    /// are left for the steps before it.
    private mutating func seekParents(of predicate: JSONataNode, from step: inout JSONataNode) {
        guard !predicate.seekingParent.isEmpty else { return }
        for slot in predicate.seekingParent {
            if parentLevels[slot] == 1 {
                seekParent(&step, slot: slot)
            } else {
                parentLevels[slot] -= 1
            }
        }
        step.seekingParent += predicate.seekingParent
    }

    /// Walks `%` number `slot` back through `node`: a name or wildcard step is one level (and, at the last level,
    /// the step that provides the parent); a `%` adds a level; a block or path is looked through from its last
    /// step. Anything else cannot provide a parent (`S0217`).
    private mutating func seekParent(_ node: inout JSONataNode, slot: Int) {
        switch node.kind {
        case .name, .wildcard:
            parentLevels[slot] -= 1
            if parentLevels[slot] == 0 {
                node.ancestors.append("%\(slot)")
                node.carriesTuples = true
            }
        case .parent:
            parentLevels[slot] += 1
        case .block(var expressions):
            guard let last = expressions.indices.last else { return }
            node.carriesTuples = true
            seekParent(&expressions[last], slot: slot)
            node.kind = .block(expressions)
        case .path(var steps, let keep):
            node.carriesTuples = true
            var index = steps.count - 1
            while index >= 0 {
                seekParent(&steps[index], slot: slot)
                index -= 1
                if parentLevels[slot] <= 0 { break }
            }
            node.kind = .path(steps: steps, keepSingletonArray: keep)
        default:
            postParseError = postParseError ?? noParent(at: node.offset)
        }
    }

    /// Resolves the `%` of the last step of a path being joined against the steps before it, and returns those
    /// that look above the path. Consecutive focus (`@`) steps count as one step, as in JSONata.
    private mutating func resolveAncestry(_ steps: inout [JSONataNode]) -> [Int] {
        guard let last = steps.indices.last else { return [] }
        var slots = steps[last].seekingParent
        if case .parent(let slot, _) = steps[last].kind { slots.append(slot) }
        var unresolved: [Int] = []
        for slot in slots {
            var index = last - 1
            while parentLevels[slot] > 0 {
                guard index >= 0 else {
                    unresolved.append(slot)
                    break
                }
                var step = index
                index -= 1
                while index >= 0 && steps[step].focus != nil && steps[index].focus != nil {
                    step = index
                    index -= 1
                }
                seekParent(&steps[step], slot: slot)
            }
        }
        return unresolved
    }
}
