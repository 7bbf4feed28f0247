import RetraceCore

/// A value during evaluation. `nil` (`JSONataValue?`) is JSONata's "undefined".
///
/// Arrays and objects that come from the bindings stay `data` until something looks inside, so that binding
/// a large payload and reading one field of it does not copy the payload. Numbers from the data keep their
/// exact integer form (`integer`); arithmetic works in doubles, as JSONata's does.
enum JSONataValue {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array(JSONataArray)
    case object(JSONataObject)
    /// An array or object from the bindings, not yet expanded.
    case data(JSONValue)
    indirect case function(JSONataFunction)

    /// Wraps a JSON value: scalars directly, containers lazily.
    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .integer(let value): self = .integer(value)
        case .number(let value): self = .number(value)
        case .string(let value): self = .string(value)
        case .array, .object: self = .data(json)
        }
    }

    /// A JSONata sequence: the flat list of results a path produces.
    static func sequence(_ items: [JSONataValue], _ flags: JSONataArrayFlags = []) -> JSONataValue {
        .array(JSONataArray(items, flags: flags.union(.sequence)))
    }

    /// A plain array (not a sequence).
    static func plainArray(_ items: [JSONataValue]) -> JSONataValue {
        .array(JSONataArray(items, flags: []))
    }

    // MARK: - Kinds

    var isArray: Bool {
        switch self {
        case .array, .data(.array): return true
        default: return false
        }
    }

    var arrayFlags: JSONataArrayFlags {
        if case .array(let array) = self { return array.flags }
        return []
    }

    var isSequence: Bool { arrayFlags.contains(.sequence) }

    var isObject: Bool {
        switch self {
        case .object, .data(.object): return true
        default: return false
        }
    }

    var isNumber: Bool {
        switch self {
        case .integer, .number: return true
        default: return false
        }
    }

    var isFunction: Bool {
        if case .function = self { return true }
        return false
    }

    /// The number as a double, when this is a number.
    var double: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// How deeply arrays and objects nest inside this value (bindings data counts as one level).
    var depth: Int {
        switch self {
        case .array(let array): return array.depth
        case .object(let object): return object.depth
        case .data: return 1
        case .function(let function): return function.depth
        default: return 0
        }
    }

    /// The elements, when this is an array.
    var elements: [JSONataValue]? {
        switch self {
        case .array(let array): return array.items
        case .data(.array(let items)): return items.map(JSONataValue.init)
        default: return nil
        }
    }

    /// One element of an array, without expanding the rest of bindings data.
    func element(at index: Int) -> JSONataValue? {
        switch self {
        case .array(let array): return array.items.indices.contains(index) ? array.items[index] : nil
        case .data(.array(let items)): return items.indices.contains(index) ? JSONataValue(items[index]) : nil
        default: return nil
        }
    }

    /// Number of elements, when this is an array (without expanding bindings data).
    var elementCount: Int? {
        switch self {
        case .array(let array): return array.items.count
        case .data(.array(let items)): return items.count
        default: return nil
        }
    }

    /// A member of an object; `nil` when absent or when this is not an object.
    func member(_ key: String) -> JSONataValue? {
        switch self {
        case .object(let object): return object[key]
        case .data(.object(let object)): return object[key].map(JSONataValue.init)
        default: return nil
        }
    }

    /// The members in order, when this is an object.
    var members: [(key: String, value: JSONataValue)]? {
        switch self {
        case .object(let object): return object.members
        case .data(.object(let object)): return object.map { (key: $0.key, value: JSONataValue($0.value)) }
        default: return nil
        }
    }

    /// The member names in order, when this is an object.
    var keys: [String]? {
        switch self {
        case .object(let object): return object.keys
        case .data(.object(let object)): return object.keys
        default: return nil
        }
    }

    /// JSONata's `$type` name.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer, .number: return "number"
        case .string: return "string"
        case .array, .data(.array): return "array"
        case .function: return "function"
        case .object, .data: return "object"
        }
    }

    /// The one-letter type symbol of function signatures.
    var signatureSymbol: Character {
        switch self {
        case .null: return "l"
        case .bool: return "b"
        case .integer, .number: return "n"
        case .string: return "s"
        case .array, .data(.array): return "a"
        case .function: return "f"
        case .object, .data: return "o"
        }
    }
}

/// Flags JSONata keeps on arrays to decide how results flatten and unwrap.
struct JSONataArrayFlags: OptionSet, Sendable {
    let rawValue: UInt8
    /// A result sequence: flattened into enclosing sequences; one item unwraps to the item.
    static let sequence = JSONataArrayFlags(rawValue: 1)
    /// A sequence that stays an array even with one item (`[]` after a step).
    static let keepSingleton = JSONataArrayFlags(rawValue: 2)
    /// Built by an array constructor at the start or end of a path: never flattened.
    static let cons = JSONataArrayFlags(rawValue: 4)
    /// The top-level input array, wrapped so that it counts as a single input.
    static let outerWrapper = JSONataArrayFlags(rawValue: 8)
}

/// An array built during evaluation, with its flags and nesting depth.
struct JSONataArray {
    var items: [JSONataValue]
    var flags: JSONataArrayFlags
    /// One more than the deepest item; tracked so that nesting can be bounded cheaply.
    let depth: Int

    init(_ items: [JSONataValue], flags: JSONataArrayFlags) {
        self.items = items
        self.flags = flags
        var deepest = 0
        for item in items { deepest = max(deepest, item.depth) }
        self.depth = deepest + 1
    }
}

/// An object built during evaluation, keeping insertion order.
struct JSONataObject {
    private(set) var keys: [String] = []
    /// Keys compared by Unicode scalars, as JSON and JavaScript compare them.
    private var storage: [CodePointString: JSONataValue] = [:]
    private(set) var depth = 1
    /// Which object of a transform's copy this is (0 outside transforms), so that the objects the transform's
    /// location finds can be changed where they are.
    var identity = 0

    subscript(key: String) -> JSONataValue? { storage[CodePointString(key)] }

    /// Removes a member, if present.
    mutating func remove(_ key: String) {
        guard storage.removeValue(forKey: CodePointString(key)) != nil else { return }
        keys.removeAll { CodePointString.same($0, key) }
    }

    /// Sets a member; a new key goes last, an existing one keeps its place.
    mutating func set(_ key: String, _ value: JSONataValue) {
        if storage.updateValue(value, forKey: CodePointString(key)) == nil { keys.append(key) }
        depth = max(depth, value.depth + 1)
    }

    var members: [(key: String, value: JSONataValue)] {
        keys.map { (key: $0, value: storage[CodePointString($0)] ?? .null) }
    }

    var count: Int { keys.count }
}

/// A function value: built in, defined in the expression, or two functions chained with `~>`.
enum JSONataFunction {
    case builtin(JSONataBuiltin)
    case lambda(JSONataLambda)
    /// A regular expression literal, which JSONata treats as a matcher function.
    case regex(JSONataRegex)
    indirect case composed(JSONataFunction, JSONataFunction)
    /// `| location | update, delete |`.
    case transform(JSONataTransform)
    /// A function with some arguments given (`$f(?, 2)`); `nil` entries are the placeholders to fill.
    indirect case partial(JSONataFunction, [JSONataValue??])

    /// How many arguments the function declares; higher-order functions pass that many.
    var arity: Int {
        switch self {
        case .builtin(let builtin):
            // JavaScript counts a function's parameters up to the first optional one; JSONata's higher-order
            // functions pass that many arguments (so `$map(a, $string)` passes only the value).
            let required = builtin.signature.parameters.prefix { !$0.optional }.count
            return max(1, required)
        case .lambda(let lambda): return lambda.parameters.count
        case .regex, .composed, .transform: return 1
        case .partial(_, let arguments): return arguments.filter { $0 == nil }.count
        }
    }

    var depth: Int {
        switch self {
        case .builtin, .regex, .transform: return 0
        case .lambda(let lambda): return 1 + (lambda.input?.depth ?? 0)
        case .composed(let first, let second): return 1 + max(first.depth, second.depth)
        case .partial(let function, let arguments):
            return 1 + max(function.depth, arguments.map { ($0 ?? nil)?.depth ?? 0 }.max() ?? 0)
        }
    }
}

/// A function defined in the expression, closed over the context item and the scope it was defined in.
struct JSONataLambda {
    var parameters: [String]
    var body: JSONataNode
    var input: JSONataValue?
    var scope: JSONataScope
    /// The signature written after the parameters, which arguments are checked against.
    var signature: JSONataSignature?
}

/// A transform expression with the scope it was written in.
struct JSONataTransform {
    var location: JSONataNode
    var update: JSONataNode
    var delete: JSONataNode?
    var scope: JSONataScope
}

/// A frame of variable bindings. A class because frames are shared: a function keeps the frame it was
/// defined in, and `:=` in a block binds into that block's frame for everything evaluated after it.
final class JSONataScope {
    let parent: JSONataScope?
    /// A name bound to `nil` is bound to undefined, which hides outer bindings of the same name.
    private var bindings: [String: JSONataValue?] = [:]
    /// Whether a function has captured this frame (the evaluator then clears it at the end, breaking cycles).
    var isCaptured = false

    init(parent: JSONataScope?) {
        self.parent = parent
    }

    func bind(_ name: String, _ value: JSONataValue?) {
        bindings[name] = .some(value)
    }

    /// The binding of `name` in this frame or an enclosing one; `.none` when no frame binds it.
    func lookup(_ name: String) -> JSONataValue?? {
        var frame: JSONataScope? = self
        while let current = frame {
            if let bound = current.bindings[name] { return .some(bound) }
            frame = current.parent
        }
        return .none
    }

    func clear() {
        bindings.removeAll()
    }
}
