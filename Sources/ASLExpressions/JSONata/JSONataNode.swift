import RetraceCore

/// A node of a parsed JSONata expression, with the offset of the token it came from.
///
/// The tree has already been through JSONata's post-parse step: dotted steps are gathered into `path`s,
/// predicates on a path step are `stages` of that step (applied to each input item), predicates on anything
/// else are `predicates` (applied to the whole value), and string literals used as steps are names.
struct JSONataNode: Sendable {
    indirect enum Kind: Sendable {
        /// Steps evaluated left to right, each against every item the previous step produced.
        case path(steps: [JSONataNode], keepSingletonArray: Bool)
        /// A field of the context item.
        case name(String)
        /// `$name`; the empty name is the context item and `$` (from `$$`) the root input.
        case variable(String)
        case string(String)
        case number(Double)
        /// `true`, `false` or `null`.
        case literal(JSONValue)
        /// `/pattern/flags`, which evaluates to a matcher function.
        case regex(JSONataRegex)
        /// `*`: the values of every field of the context item.
        case wildcard
        /// `**`: every value below the context item.
        case descendants
        case binary(JSONataBinaryOperator, JSONataNode, JSONataNode)
        /// Unary minus on something other than a number literal.
        case negation(JSONataNode)
        /// `[a, b, c..d]`; ranges appear as `binary(.range, …)` items.
        case array([JSONataNode])
        /// `{ key: value, … }`, which groups the context items by key.
        case object([JSONataPair])
        case condition(JSONataNode, JSONataNode, JSONataNode?)
        /// `( a; b; c )`: a new variable scope; the value is the last expression's.
        case block([JSONataNode])
        /// `$name := value`.
        case bind(String, JSONataNode)
        /// `procedure(arguments)`.
        case call(JSONataNode, [JSONataNode])
        /// `function($a, $b)<signature> { body }`.
        case lambda([String], JSONataNode, JSONataSignature?)
        /// `procedure(a, ?, c)`: a call with placeholders, which makes a function of the missing arguments.
        case partial(JSONataNode, [JSONataNode])
        /// `?` as an argument of a partial application.
        case placeholder
        /// `| location | update, delete |`: a function that copies its argument and changes the objects the
        /// location finds.
        case transform(JSONataNode, JSONataNode, JSONataNode?)
        /// `^(term, <term, >term)`: a path step that sorts everything the path produced so far.
        case sort([JSONataSortTerm])
        /// `value ~> function`.
        case apply(JSONataNode, JSONataNode)
        /// `%`: the item that the step `label` names had as its input, bound in the tuple stream of the enclosing
        /// path (see `ancestors`).
        case parent(slot: Int, label: String)
    }

    var kind: Kind
    var offset: Int
    /// Filters applied to this node's whole value.
    var predicates: [JSONataNode] = []
    /// Filters applied to this step's value for each input item (path steps only).
    var stages: [JSONataNode] = []
    /// A `{…}` grouping applied to this node's value (to the whole path for paths).
    var group: JSONataGroup?
    /// `[]` after the step: keep singleton arrays as arrays.
    var keepArray = false
    /// An array constructor that is the first or last step of a path: its array is not flattened.
    var consArray = false
    /// `@$name` on a path step: the step's items are bound to `$name` and the context stays where it was.
    var focus: String?
    /// `#$name` on a path step: each item's position in the step's results is bound to `$name`.
    var index: String?
    /// Predicates written after `@` or `#`, and `#` written after predicates, applied in order to the stream
    /// of bound items with the bindings visible.
    var tupleStages: [JSONataTupleStage] = []
    /// Labels of the `%` operators that name this step: each item the step produces carries, under each label,
    /// the input item it came from (its parent).
    var ancestors: [String] = []
    /// Whether this step, block or path takes part in a tuple stream: a `%` below looks through it to a step
    /// inside, so it passes on its items together with their bindings rather than the bare items.
    var carriesTuples = false
    /// `%` operators below this node not yet bound to a step (their slot numbers), while the parser resolves them.
    var seekingParent: [Int] = []

    /// Whether this step binds a variable (`@`, `#`).
    var bindsVariable: Bool { focus != nil || index != nil }
    /// Whether the path is evaluated as a tuple stream (items with their bindings) from this step on.
    var startsTuples: Bool { focus != nil || index != nil || carriesTuples || !tupleStages.isEmpty }
    /// Levels of nodes below and including this one; the parser bounds it so that walking or releasing the tree
    /// cannot exhaust the stack.
    private(set) var height = 1

    init(_ kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
        refreshHeight()
    }

    /// Recomputes `height` after the kind, predicates, stages or group changed.
    mutating func refreshHeight() {
        var children: [JSONataNode] = predicates + stages + tupleStages.compactMap(\.filter)
        if let group { children += group.pairs.flatMap { [$0.key, $0.value] } }
        switch kind {
        case .path(let steps, _): children += steps
        case .binary(_, let left, let right), .apply(let left, let right): children += [left, right]
        case .negation(let operand): children.append(operand)
        case .array(let items), .block(let items): children += items
        case .object(let pairs): children += pairs.flatMap { [$0.key, $0.value] }
        case .condition(let test, let then, let otherwise): children += [test, then] + (otherwise.map { [$0] } ?? [])
        case .bind(_, let value): children.append(value)
        case .call(let procedure, let arguments): children += [procedure] + arguments
        case .lambda(_, let body, _): children.append(body)
        case .partial(let procedure, let arguments): children += [procedure] + arguments
        case .sort(let terms): children += terms.map(\.expression)
        case .transform(let location, let update, let delete):
            children += [location, update] + (delete.map { [$0] } ?? [])
        default: break
        }
        height = 1 + (children.map(\.height).max() ?? 0)
    }

    var isPath: Bool {
        if case .path = kind { return true }
        return false
    }

    var isPlaceholder: Bool {
        if case .placeholder = kind { return true }
        return false
    }

    var isArrayConstructor: Bool {
        if case .array = kind { return true }
        return false
    }
}

/// A stage applied to a step's whole stream of tuples.
enum JSONataTupleStage: Sendable {
    /// `[predicate]`: keeps the tuples for which it holds (or whose position it gives).
    case filter(JSONataNode)
    /// `#$name`: binds each tuple's position in the stream.
    case index(String)

    var filter: JSONataNode? {
        if case .filter(let node) = self { return node }
        return nil
    }
}

/// One term of an order-by step: the expression each item is sorted by, and the direction (`>` descending).
struct JSONataSortTerm: Sendable {
    var expression: JSONataNode
    var descending: Bool
}

/// One `key: value` pair of an object constructor or grouping.
struct JSONataPair: Sendable {
    var key: JSONataNode
    var value: JSONataNode
}

/// A grouping expression `{…}` attached to a node.
struct JSONataGroup: Sendable {
    var pairs: [JSONataPair]
    var offset: Int
}

/// The binary operators, with the text JSONata's messages quote.
enum JSONataBinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case and
    case or
    case concatenate = "&"
    case `in`
    case range = ".."

    /// Binding power of the operator when it appears between two operands.
    var bindingPower: Int {
        switch self {
        case .add, .subtract, .concatenate: return 50
        case .multiply, .divide, .modulo: return 60
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in: return 40
        case .and: return 30
        case .or: return 25
        case .range: return 0
        }
    }
}
