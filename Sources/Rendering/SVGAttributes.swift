/// Extra attributes for an SVG element (`fill`, `stroke-width`, `data-state`, …), in the order given.
///
/// Values are escaped when written; names are reduced to characters XML allows.
public struct SVGAttributes: Sendable, Hashable {
    /// One attribute: its name and value.
    public struct Entry: Sendable, Hashable {
        /// The attribute's name, such as `fill`.
        public var name: String
        /// The attribute's value, unescaped.
        public var value: String
    }

    /// The attributes in the order they will be written.
    public private(set) var entries: [Entry]

    /// Creates an empty list.
    public init() {
        entries = []
    }

    /// Whether there are no attributes.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value of the attribute `name`; assigning `nil` removes it, assigning to an existing name
    /// replaces its value in place.
    public subscript(name: String) -> String? {
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

    /// The attributes as XML text, each preceded by a space.
    var xml: String {
        entries.map { " " + XMLEscaper.sanitizedName($0.name) + "=\"" + XMLEscaper.escapeAttribute($0.value) + "\"" }
            .joined()
    }
}

extension SVGAttributes: ExpressibleByDictionaryLiteral {
    /// Attributes in literal order; a name given twice keeps its first position and its last value.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init()
        for (name, value) in elements {
            self[name] = value
        }
    }
}
