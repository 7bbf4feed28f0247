/// Attributes in the order given, for writers whose output must be byte-for-byte stable (DOT, SVG): setting a
/// name already present replaces its value in place; assigning `nil` removes it.
public struct OrderedAttributes<Value: Sendable & Hashable>: Sendable, Hashable {
    /// One attribute: its name and value.
    public struct Entry: Sendable, Hashable {
        /// The attribute's name, such as `label` or `fill`.
        public var name: String
        /// The attribute's value, unescaped: the writer escapes it.
        public var value: Value
    }

    /// The attributes in the order they will be written.
    public private(set) var entries: [Entry]

    /// Creates an empty list.
    public init() {
        entries = []
    }

    /// Whether there are no attributes.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value of the attribute `name`.
    public subscript(name: String) -> Value? {
        get { entries.first { $0.name == name }?.value }
        set {
            let position = entries.firstIndex { $0.name == name }
            switch (position, newValue) {
            case (let position?, let value?): entries[position].value = value
            case (let position?, nil): entries.remove(at: position)
            case (nil, let value?): entries.append(Entry(name: name, value: value))
            case (nil, nil): break
            }
        }
    }
}

extension OrderedAttributes: ExpressibleByDictionaryLiteral {
    /// Attributes in literal order; a name given twice keeps its first position and its last value.
    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init()
        for (name, value) in elements {
            self[name] = value
        }
    }
}

/// Attributes of a DOT graph, node, edge or cluster; `DOTWriter` escapes every value.
public typealias DOTAttributes = OrderedAttributes<DOTValue>

/// Extra attributes of an SVG element (`fill`, `stroke-width`, `data-state`, …); values are escaped when written,
/// names reduced to the characters XML allows.
public typealias SVGAttributes = OrderedAttributes<String>

extension OrderedAttributes where Value == String {
    /// The attributes as XML text, each preceded by a space.
    var xml: String {
        entries.map { " " + XMLEscaper.sanitizedName($0.name) + "=\"" + XMLEscaper.escapeAttribute($0.value) + "\"" }
            .joined()
    }
}
