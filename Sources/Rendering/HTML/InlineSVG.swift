import Foundation

/// An SVG document (from Graphviz or `SVGWriter`) made fit to sit inside an HTML page.
///
/// The XML prolog, the DOCTYPE and comments go (a comment may hold a state name, and HTML parses comments by its
/// own rules); what remains is the `<svg>` element as written, whose text the writers have already escaped. The
/// contents of its `<style>` elements are returned too, since the page's Content-Security-Policy must name them
/// by hash for the browser to apply them.
struct InlineSVG {
    /// The `<svg>…</svg>` markup.
    var markup: String
    /// The text of each `<style>` element, as the browser will read it (entities decoded).
    var styles: [String]

    /// Cleans `document`; an empty markup when it holds no `<svg` element.
    init(_ document: String) {
        var text = Substring(document)
        if let start = text.range(of: "<svg") { text = text[start.lowerBound...] } else { text = "" }
        var cleaned = ""
        cleaned.reserveCapacity(text.utf8.count)
        while let open = text.range(of: "<!--") {
            cleaned += text[..<open.lowerBound]
            guard let close = text[open.upperBound...].range(of: "-->") else {
                text = ""
                break
            }
            text = text[close.upperBound...]
        }
        cleaned += text
        markup = cleaned
        var found: [String] = []
        var rest = Substring(cleaned)
        while let open = rest.range(of: "<style"), let end = rest[open.upperBound...].range(of: ">"),
            let close = rest[end.upperBound...].range(of: "</style>")
        {
            found.append(InlineSVG.decodeEntities(String(rest[end.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        styles = found
    }

    /// The five XML entities `XMLEscaper` writes, read back.
    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
