/// An owned JSON value: what a payload decodes to, what the replayer computes with, what reports serialise.
///
/// Integers stay exact (`integer`) and compare equal to the same number written with a fraction (`number`),
/// as JSON itself does not tell them apart. Strings compare by Unicode scalars (`CodePointString`), as JSON's do.
public enum JSONValue: Sendable, Hashable {
    /// `null`
    case null
    /// `true` / `false`
    case bool(Bool)
    /// An integral number that fits 64 bits.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, keeping its members' order.
    case object(JSONObject)

    /// The value as a `Double` when it is a number of either kind.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    /// The value's JSON type with its article, for messages: "a string", "an object", "null".
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The object, when this is one.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The array, when this is one.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// Member lookup on objects; `nil` for anything else.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// Numbers compare by value across the two number cases; everything else structurally.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.integer, .number), (.number, .integer), (.number, .number): return lhs.doubleValue == rhs.doubleValue
        case (.string(let a), .string(let b)): return CodePointString.same(a, b)
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }

    /// Hashes numbers by their double value so that equal values hash alike.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .integer, .number: hasher.combine(doubleValue)
        case .string(let value): CodePointString.hash(value, into: &hasher)
        case .array(let value): hasher.combine(value)
        case .object(let value): hasher.combine(value)
        }
    }

    /// Parses JSON text (one document) into an owned value.
    public static func parse(_ text: String, name: String = "<payload>") throws -> JSONValue {
        try parse(input: InputBuffer(name: name, text: text))
    }

    /// Parses JSON text given as UTF-8 bytes (one document) into an owned value.
    public static func parse(utf8 bytes: UnsafeRawBufferPointer, name: String = "<payload>") throws -> JSONValue {
        try parse(input: InputBuffer(name: name, bytes: bytes))
    }

    private static func parse(input: InputBuffer) throws -> JSONValue {
        let name = input.name
        var result = JSONValue.null
        var seen = 0
        try JSONReader().forEachDocument(in: input, expecting: "a JSON value") { document, _ in
            seen += 1
            guard seen == 1 else {
                throw InputError.malformedJSON(
                    SourcePosition(file: name, line: 1, column: 1), message: "more than one JSON value")
            }
            result = document.value
        }
        return result
    }
}

/// A JSON object that keeps its members in insertion order and looks them up by key in constant time.
///
/// Keys are told apart by their Unicode scalars, as JSON does, not by Swift's canonical equivalence: `"u\u0308"`
/// and `"\u00fc"` are two members, and neither hides the other.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// The keys in order.
    public private(set) var keys: [String] = []
    private var storage: [Key: JSONValue] = [:]

    /// A key compared and hashed by its Unicode scalars.
    private typealias Key = CodePointString

    /// An empty object.
    public init() {}

    /// An object from ordered pairs; a repeated key keeps its first position and its last value.
    public init(_ pairs: [(String, JSONValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    /// Number of members.
    public var count: Int { keys.count }

    /// Whether there are no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// Reads or writes a member; assigning `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get { storage[Key(key)] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: Key(key)) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: Key(key)) != nil {
                keys.removeAll { CodePointString.same($0, key) }
            }
        }
    }

    /// Members in order.
    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        var index = 0
        return AnyIterator { [keys, storage] in
            guard index < keys.count else { return nil }
            defer { index += 1 }
            let key = keys[index]
            return (key, storage[Key(key)] ?? .null)
        }
    }

    /// Objects are equal when they hold the same members, whatever their order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.storage == rhs.storage }

    /// Hashes the members without regard to order.
    public func hash(into hasher: inout Hasher) { hasher.combine(storage) }
}
