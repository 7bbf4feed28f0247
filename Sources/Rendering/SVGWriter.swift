/// Builds our own SVG documents (the timeline) element by element, escaping every text and attribute.
///
/// Numbers are written with at most two decimals and no trailing zeros, so the same drawing always gives
/// the same bytes. Groups are built through a closure, so every `<g>` is closed.
public struct SVGWriter: Sendable {
    /// The document's width in user units (pixels when shown as it is).
    public var width: Double
    /// The document's height in user units.
    public var height: Double
    /// The document's title, shown by browsers as the tab name and read by screen readers.
    public var title: String?
    /// The user coordinates shown; `nil` means the rectangle from (0, 0) of the document's size.
    public var viewBox: SVGViewBox?

    private var styles: [String] = []
    private var body = ""
    private var depth = 1

    /// Deeper groups are written with this indentation, so nesting cannot make the text grow quadratically.
    private static let maximumIndentLevel = 16

    /// Starts an empty document `width` × `height`, showing `viewBox` (by default the same rectangle).
    public init(width: Double, height: Double, viewBox: SVGViewBox? = nil, title: String? = nil) {
        self.width = width
        self.height = height
        self.viewBox = viewBox
        self.title = title
    }

    /// Adds a style sheet (CSS) to the document's `<style>` element; later sheets come after earlier ones.
    public mutating func addStyle(_ css: String) {
        styles.append(css)
    }

    /// Adds a group (`<g>`) with an optional `id` and `class`; whatever `content` adds goes inside it.
    public mutating func group(
        id: String? = nil,
        class className: String? = nil,
        attributes: SVGAttributes = [:],
        _ content: (inout SVGWriter) -> Void
    ) {
        line("<g" + Self.common(id: id, className: className, attributes: attributes) + ">")
        depth += 1
        content(&self)
        depth -= 1
        line("</g>")
    }

    /// Adds a rectangle, optionally with rounded corners and a tooltip.
    public mutating func rect(
        x: Double,
        y: Double,
        width: Double,
        height: Double,
        cornerRadius: Double = 0,
        id: String? = nil,
        class className: String? = nil,
        attributes: SVGAttributes = [:],
        tooltip: String? = nil
    ) {
        var geometry = " x=\"\(Self.format(x))\" y=\"\(Self.format(y))\""
        geometry += " width=\"\(Self.format(max(0, width)))\" height=\"\(Self.format(max(0, height)))\""
        if cornerRadius > 0 {
            geometry += " rx=\"\(Self.format(cornerRadius))\""
        }
        element("rect", geometry + Self.common(id: id, className: className, attributes: attributes), tooltip, "")
    }

    /// Adds a straight line from (`x1`, `y1`) to (`x2`, `y2`).
    public mutating func line(
        x1: Double,
        y1: Double,
        x2: Double,
        y2: Double,
        id: String? = nil,
        class className: String? = nil,
        attributes: SVGAttributes = [:],
        tooltip: String? = nil
    ) {
        let geometry =
            " x1=\"\(Self.format(x1))\" y1=\"\(Self.format(y1))\" x2=\"\(Self.format(x2))\" y2=\"\(Self.format(y2))\""
        element("line", geometry + Self.common(id: id, className: className, attributes: attributes), tooltip, "")
    }

    /// Adds a text at (`x`, `y`) (the baseline), anchored by `anchor`, optionally with a tooltip.
    public mutating func text(
        _ content: String,
        x: Double,
        y: Double,
        anchor: SVGTextAnchor = .start,
        id: String? = nil,
        class className: String? = nil,
        attributes: SVGAttributes = [:],
        tooltip: String? = nil
    ) {
        var geometry = " x=\"\(Self.format(x))\" y=\"\(Self.format(y))\""
        if anchor != .start {
            geometry += " text-anchor=\"\(anchor.rawValue)\""
        }
        element(
            "text", geometry + Self.common(id: id, className: className, attributes: attributes), tooltip,
            XMLEscaper.escapeText(content))
    }

    /// Adds a path with the outline `path`.
    public mutating func path(
        _ path: SVGPath,
        id: String? = nil,
        class className: String? = nil,
        attributes: SVGAttributes = [:],
        tooltip: String? = nil
    ) {
        let geometry = " d=\"" + XMLEscaper.escapeAttribute(path.data) + "\""
        element("path", geometry + Self.common(id: id, className: className, attributes: attributes), tooltip, "")
    }

    /// The whole document, from the XML declaration to `</svg>`, ending with a line break.
    public func render() -> String {
        let w = Self.format(max(0, width))
        let h = Self.format(max(0, height))
        let box =
            viewBox.map { [$0.x, $0.y, max(0, $0.width), max(0, $0.height)].map(Self.format).joined(separator: " ") }
            ?? "0 0 \(w) \(h)"
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"\(box)\">\n"
        if let title {
            out += "  <title>" + XMLEscaper.escapeText(title) + "</title>\n"
        }
        if !styles.isEmpty {
            out += "  <style>\n"
            for style in styles {
                out += XMLEscaper.escapeText(style)
                out += style.hasSuffix("\n") ? "" : "\n"
            }
            out += "  </style>\n"
        }
        out += body
        out += "</svg>\n"
        return out
    }

    /// `value` with at most two decimals, no trailing zeros and no `-0`; `0` for values that are not finite
    /// or too large to mean anything on a page.
    static func format(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e12 else {
            return "0"
        }
        let hundredths = Int64((value * 100).rounded())
        guard hundredths != 0 else {
            return "0"
        }
        let magnitude = hundredths.magnitude
        var out = hundredths < 0 ? "-" : ""
        out += String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            out += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return out
    }

    private static func common(id: String?, className: String?, attributes: SVGAttributes) -> String {
        var out = ""
        if let id {
            out += " id=\"" + XMLEscaper.escapeAttribute(id) + "\""
        }
        if let className {
            out += " class=\"" + XMLEscaper.escapeAttribute(className) + "\""
        }
        return out + attributes.xml
    }

    private mutating func element(_ name: String, _ attributes: String, _ tooltip: String?, _ escapedContent: String) {
        guard tooltip != nil || !escapedContent.isEmpty else {
            line("<" + name + attributes + "/>")
            return
        }
        var text = "<" + name + attributes + ">"
        if let tooltip {
            text += "<title>" + XMLEscaper.escapeText(tooltip) + "</title>"
        }
        text += escapedContent + "</" + name + ">"
        line(text)
    }

    private mutating func line(_ text: String) {
        body += String(repeating: "  ", count: min(depth, Self.maximumIndentLevel)) + text + "\n"
    }
}
