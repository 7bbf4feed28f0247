/// The value of a DOT attribute: text shown as it is, an HTML-like label, or a number.
///
/// There is deliberately no way to pass raw DOT: every value is written quoted and escaped by `DOTWriter`,
/// so text taken from a log (a state name, an error cause) can never change the graph's structure or
/// smuggle Graphviz escapes such as `\N` into a label.
public struct DOTValue: Sendable, Hashable {
    enum Storage: Sendable, Hashable {
        case text(String, DOTTextAlignment)
        case html(DOTHTMLLabel)
        case number(String)
    }

    let storage: Storage

    private init(_ storage: Storage) {
        self.storage = storage
    }

    /// Text shown exactly as given; line breaks become DOT line ends justified by `alignment`.
    ///
    /// Control characters are shown as U+FFFD, because Graphviz would copy them into SVG, where they are
    /// not allowed.
    public static func text(_ text: String, alignment: DOTTextAlignment = .center) -> DOTValue {
        DOTValue(.text(text, alignment))
    }

    /// An HTML-like label (written between `<` and `>`), for tables and bold or coloured runs of text.
    public static func html(_ label: DOTHTMLLabel) -> DOTValue {
        DOTValue(.html(label))
    }

    /// A whole number, such as a `penwidth` or a `fontsize`.
    public static func integer(_ value: Int) -> DOTValue {
        DOTValue(.number(String(value)))
    }

    /// A number such as `0.5`; values that are not finite are written as `0`, which Graphviz accepts
    /// everywhere a number is expected.
    public static func number(_ value: Double) -> DOTValue {
        guard value.isFinite else {
            return DOTValue(.number("0"))
        }
        if value == value.rounded(), abs(value) < 1e15 {
            return DOTValue(.number(String(Int64(value))))
        }
        return DOTValue(.number(String(value)))
    }

    /// A Graphviz boolean: `true` or `false`.
    public static func bool(_ value: Bool) -> DOTValue {
        DOTValue(.number(value ? "true" : "false"))
    }
}

extension DOTValue: ExpressibleByStringLiteral {
    /// A string literal is centred text.
    public init(stringLiteral value: String) {
        self.init(.text(value, .center))
    }
}

extension DOTValue: ExpressibleByIntegerLiteral {
    /// An integer literal is a number.
    public init(integerLiteral value: Int) {
        self = .integer(value)
    }
}

extension DOTValue: ExpressibleByFloatLiteral {
    /// A floating-point literal is a number.
    public init(floatLiteral value: Double) {
        self = .number(value)
    }
}

extension DOTValue: ExpressibleByBooleanLiteral {
    /// A boolean literal is a Graphviz boolean.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}
