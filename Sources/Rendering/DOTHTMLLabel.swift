/// An HTML-like Graphviz label: text runs, line breaks and elements (`TABLE`, `TD`, `B`, `FONT`, …).
///
/// Built from pieces rather than from a markup string, so that text from a log is always escaped
/// (`&`, `<`, `>`, `"`, `'`) and tags always balance. Element and attribute names come from our code, not
/// from input; characters other than ASCII letters and digits are dropped from them all the same.
public struct DOTHTMLLabel: Sendable, Hashable {
    /// One piece of markup.
    indirect enum Piece: Sendable, Hashable {
        case text(String)
        case lineBreak
        case element(name: String, attributes: [Attribute], children: [Piece])
    }

    /// An attribute of an element, such as `BGCOLOR="lightgrey"`.
    struct Attribute: Sendable, Hashable {
        var name: String
        var value: String
    }

    let pieces: [Piece]

    private init(pieces: [Piece]) {
        self.pieces = pieces
    }

    /// Text shown as it is; line breaks in it become `<BR/>`.
    public static func text(_ text: String) -> DOTHTMLLabel {
        DOTHTMLLabel(pieces: [.text(text)])
    }

    /// A line break (`<BR/>`).
    public static let lineBreak = DOTHTMLLabel(pieces: [.lineBreak])

    /// An element named `name` (for example `B` or `TD`) with attributes in the given order, wrapping
    /// `children`; written as an empty element (`<HR/>`) when there are no children.
    public static func element(
        _ name: String,
        _ attributes: KeyValuePairs<String, String> = [:],
        _ children: [DOTHTMLLabel] = []
    ) -> DOTHTMLLabel {
        let attributes = attributes.map { Attribute(name: $0.key, value: $0.value) }
        return DOTHTMLLabel(
            pieces: [.element(name: name, attributes: attributes, children: children.flatMap(\.pieces))])
    }

    /// Several pieces one after the other.
    public static func sequence(_ parts: [DOTHTMLLabel]) -> DOTHTMLLabel {
        DOTHTMLLabel(pieces: parts.flatMap(\.pieces))
    }

    /// `children` in bold (`<B>`).
    public static func bold(_ children: DOTHTMLLabel...) -> DOTHTMLLabel {
        element("B", [:], children)
    }

    /// `children` in italics (`<I>`).
    public static func italic(_ children: DOTHTMLLabel...) -> DOTHTMLLabel {
        element("I", [:], children)
    }
}
