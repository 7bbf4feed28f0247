import RetraceCore

/// Every rule for writing text into DOT. `DOTWriter` is the only client; nothing else builds DOT text.
///
/// Two Graphviz behaviours shape these rules beyond DOT's own quoting:
/// - Graphviz decodes character references (`&#1;`, `&amp;`) in labels, and copies text that looks like a
///   reference into SVG unescaped. A reference to a control character makes the SVG ill-formed, so an `&`
///   that starts something reference-like gets an invisible WORD JOINER (U+2060) after it.
/// - Graphviz copies control characters into SVG, where XML 1.0 forbids them, so they never reach it.
enum DOTEscaper {
    /// WORD JOINER: invisible and zero-width, it breaks a reference pattern without changing what is shown.
    static let joiner: Unicode.Scalar = "\u{2060}"

    /// `id` as a quoted DOT identifier. Distinct ids stay distinct (the mapping is one-to-one), so a node is
    /// never merged with another because of escaping.
    static func quotedID(_ id: String) -> String {
        var out = "\""
        let scalars = Array(id.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "&":
                out.unicodeScalars.append(scalar)
                if needsJoiner(afterAmpersandAt: index, in: scalars) {
                    out.unicodeScalars.append(joiner)
                }
            default:
                if isForbidden(scalar) {
                    // A lone backslash before `x` or `u` cannot come from a literal backslash (those are
                    // doubled), which keeps this encoding one-to-one.
                    out +=
                        scalar.value <= 0xFF
                        ? "\\x" + Hex.uppercase(UInt64(scalar.value), digits: 2)
                        : "\\u" + Hex.uppercase(UInt64(scalar.value), digits: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    /// `text` as a quoted DOT string that Graphviz shows exactly as given, lines justified by `alignment`.
    /// `neutralizesReferences` is off only for links, whose `&` were already written as `&amp;`.
    static func quotedText(_ text: String, alignment: DOTTextAlignment, neutralizesReferences: Bool = true) -> String {
        var out = "\""
        let scalars = Array(TerminalText.boundingMarks(text).unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\r":
                out += alignment.lineEnd
                if index + 1 < scalars.count, scalars[index + 1] == "\n" {
                    index += 1
                }
            case "\n": out += alignment.lineEnd
            case "\t": out += " "
            case "&":
                out.unicodeScalars.append(scalar)
                if neutralizesReferences, needsJoiner(afterAmpersandAt: index, in: scalars) {
                    out.unicodeScalars.append(joiner)
                }
            default:
                out.unicodeScalars.append(isForbidden(scalar) ? "\u{FFFD}" : scalar)
            }
            index += 1
        }
        // Graphviz justifies a line by the escape that ends it; without a final one the last line would be
        // centred whatever the alignment.
        if alignment != .center, !text.isEmpty, !text.hasSuffix("\n"), !text.hasSuffix("\r") {
            out += alignment.lineEnd
        }
        out += "\""
        return out
    }

    /// An attribute name: bare when it is a plain identifier (every real Graphviz attribute is), quoted
    /// otherwise.
    static func attributeName(_ name: String) -> String {
        guard let first = name.unicodeScalars.first, isIdentifierStart(first),
            name.unicodeScalars.allSatisfy({ isIdentifierStart($0) || ("0"..."9").contains($0) })
        else {
            return quotedID(name)
        }
        return name
    }

    /// Any value, written for the right-hand side of `name=value`.
    ///
    /// Graphviz 2.42 copies a few attributes into SVG without escaping them (links and font names), so
    /// those values are made safe by attribute: links are percent-encoded, font names lose markup characters.
    static func value(_ value: DOTValue, attribute: String = "") -> String {
        switch (value.storage, AttributeKind(attribute)) {
        case (.number(let number), _):
            return "\"" + number + "\""
        case (.text(let text, _), .link):
            return quotedText(linkText(text), alignment: .center, neutralizesReferences: false)
        case (.html(let label), .link):
            return quotedText(linkText(html(label)), alignment: .center, neutralizesReferences: false)
        case (.text(let text, _), .fontName):
            return quotedText(fontName(text), alignment: .center)
        case (.text(let text, let alignment), .general):
            return quotedText(text, alignment: alignment)
        case (.html(let label), _):
            return "<" + html(label) + ">"
        }
    }

    /// How an attribute's value must be treated, by the attribute's name.
    enum AttributeKind {
        /// A link Graphviz writes raw into `xlink:href`.
        case link
        /// A font name Graphviz writes raw into `font-family`.
        case fontName
        /// Anything else: escaped by Graphviz on output.
        case general

        init(_ attribute: String) {
            switch attribute.lowercased() {
            case "url", "href", "headurl", "headhref", "tailurl", "tailhref", "labelurl", "labelhref", "edgeurl",
                "edgehref", "stylesheet":
                self = .link
            case "fontname", "labelfontname", "face":
                self = .fontName
            default:
                self = .general
            }
        }
    }

    /// A link Graphviz can copy into SVG as it is: characters that would end the attribute, start markup or
    /// act as Graphviz escapes are percent-encoded, and `&` becomes `&amp;`, which Graphviz passes through
    /// and XML turns back into `&`.
    static func linkText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&":
                out += "&amp;"
            case " ", "\"", "'", "<", ">", "\\", "`", "{", "}", "|", "^":
                out += "%" + Hex.uppercase(UInt64(scalar.value), digits: 2)
            default:
                if isForbidden(scalar) {
                    for byte in String(scalar).utf8 {
                        out += "%" + Hex.uppercase(UInt64(byte), digits: 2)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A font name without the characters that would break out of SVG's `font-family="…"`.
    static func fontName(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { scalar in
                    !isForbidden(scalar) && !"\"'<>&\\".unicodeScalars.contains(scalar)
                }))
    }

    /// A comment as `//` lines; a line break in the text starts a new comment line, so it cannot end the
    /// comment early and turn the rest into DOT.
    static func commentLines(_ text: String) -> [String] {
        var lines: [String] = []
        var line = ""
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasCarriageReturn:
                continue
            case "\n", "\r":
                lines.append(line)
                line = ""
            default:
                line.unicodeScalars.append(isForbidden(scalar) ? " " : scalar)
            }
        }
        lines.append(line)
        return lines.map { $0.isEmpty ? "//" : "// " + $0 }
    }

    /// The markup of an HTML-like label, without the enclosing `<` `>`. Written without recursion, so the
    /// depth of nesting cannot exhaust the stack.
    static func html(_ label: DOTHTMLLabel) -> String {
        enum Work {
            case piece(DOTHTMLLabel.Piece)
            case close(String)
        }
        var out = ""
        var pending: [Work] = label.pieces.reversed().map { .piece($0) }
        while let work = pending.popLast() {
            switch work {
            case .close(let name):
                out += "</" + name + ">"
            case .piece(.lineBreak):
                out += "<BR/>"
            case .piece(.text(let text)):
                out += htmlText(text)
            case .piece(.element(let rawName, let attributes, let children)):
                let name = markupName(rawName)
                guard !name.isEmpty else {
                    pending.append(contentsOf: children.reversed().map { .piece($0) })
                    continue
                }
                out += "<" + name
                for attribute in attributes {
                    let attributeName = markupName(attribute.name)
                    guard !attributeName.isEmpty else {
                        continue
                    }
                    let value: String
                    switch AttributeKind(attributeName) {
                    case .link:
                        value = htmlText(linkText(attribute.value), lineBreak: " ", neutralizesReferences: false)
                    case .fontName: value = htmlText(fontName(attribute.value), lineBreak: " ")
                    case .general: value = htmlText(attribute.value, lineBreak: " ")
                    }
                    out += " " + attributeName + "=\"" + value + "\""
                }
                if children.isEmpty {
                    out += "/>"
                } else {
                    out += ">"
                    pending.append(.close(name))
                    pending.append(contentsOf: children.reversed().map { .piece($0) })
                }
            }
        }
        return out
    }

    /// Text inside HTML-like markup: the five XML specials become references, line breaks become
    /// `lineBreak`, and backslashes are doubled because Graphviz expands `\N`, `\G`… in HTML text too.
    static func htmlText(_ text: String, lineBreak: String = "<BR/>", neutralizesReferences: Bool = true) -> String {
        var out = ""
        let scalars = Array(TerminalText.boundingMarks(text).unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "&":
                out += "&amp;"
                if neutralizesReferences, needsJoiner(afterAmpersandAt: index, in: scalars) {
                    out.unicodeScalars.append(joiner)
                }
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\\": out += "\\\\"
            case "\r":
                out += lineBreak
                if index + 1 < scalars.count, scalars[index + 1] == "\n" {
                    index += 1
                }
            case "\n": out += lineBreak
            case "\t": out += " "
            default:
                out.unicodeScalars.append(isForbidden(scalar) ? "\u{FFFD}" : scalar)
            }
            index += 1
        }
        return out
    }

    /// Whether the `&` at `index` would, without help, reach SVG looking like a character reference: it is
    /// followed by `name;`, `#digits;` or `#xhex;` (or by a joiner, which must be doubled to stay
    /// one-to-one).
    static func needsJoiner(afterAmpersandAt index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        var position = index + 1
        guard position < scalars.count else {
            return false
        }
        if scalars[position] == joiner {
            return true
        }
        var length = 0
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == ";" {
                return length > 0
            }
            guard
                scalar == "#" || scalar.properties.isASCIIHexDigit || isIdentifierStart(scalar)
                    || ("0"..."9").contains(scalar)
            else {
                return false
            }
            length += 1
            position += 1
        }
        return false
    }

    /// Characters Graphviz must never see: C0 and C1 controls (other than those escaped by the callers),
    /// DEL, and the non-characters U+FFFE and U+FFFF. None is allowed in XML 1.0.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    private static func markupName(_ name: String) -> String {
        String(
            String.UnicodeScalarView(
                name.unicodeScalars.filter {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                }))
    }

}
