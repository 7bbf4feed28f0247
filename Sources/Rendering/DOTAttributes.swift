/// An ordered list of DOT attributes (`label`, `shape`, `color`, …) for a graph, node, edge or cluster.
///
/// Order is kept as given so the DOT text is byte-for-byte stable; setting a name that is already present
/// replaces its value in place.
public struct DOTAttributes: Sendable, Hashable {
    /// One attribute: its name and value.
    public struct Entry: Sendable, Hashable {
        /// The attribute's name, such as `label`.
        public var name: String
        /// The attribute's value.
        public var value: DOTValue
    }

    /// The attributes in the order they will be written.
    public private(set) var entries: [Entry]

    /// Creates an empty list.
    public init() {
        entries = []
    }

    /// Whether there are no attributes.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value of the attribute `name`; assigning `nil` removes it.
    public subscript(name: String) -> DOTValue? {
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

extension DOTAttributes: ExpressibleByDictionaryLiteral {
    /// Attributes in literal order; a name given twice keeps its first position and its last value.
    public init(dictionaryLiteral elements: (String, DOTValue)...) {
        self.init()
        for (name, value) in elements {
            self[name] = value
        }
    }
}
