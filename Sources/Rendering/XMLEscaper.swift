/// Escapes text for XML documents we write ourselves (SVG, HTML reports).
///
/// Besides the markup characters, it drops characters XML 1.0 does not allow at all (most C0 controls and
/// U+FFFE / U+FFFF): one of them anywhere makes the whole document unreadable to a browser.
public enum XMLEscaper {
    /// `text` for use between tags: `&`, `<` and `>` become references (`>` so that `]]>` cannot appear).
    public static func escapeText(_ text: String) -> String {
        let text = TerminalText.boundingMarks(text)
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if isAllowed(scalar) {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `value` for use inside a double- or single-quoted attribute. Tabs and line breaks become references
    /// too, because an XML parser would otherwise turn them into plain spaces.
    public static func escapeAttribute(_ value: String) -> String {
        let value = TerminalText.boundingMarks(value)
        var out = ""
        out.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if isAllowed(scalar) {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `text` without the characters XML 1.0 forbids, otherwise unchanged.
    public static func removingIllegalCharacters(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(isAllowed) else {
            return text
        }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter(isAllowed)))
    }

    /// Whether XML 1.0 allows `scalar` in a document: tab, line feed, carriage return, and everything from
    /// U+0020 up except U+FFFE and U+FFFF (Swift strings cannot hold surrogates).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00...0x1F, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    /// A name usable for an element or attribute: characters outside ASCII letters, digits, `-`, `_`, `.`
    /// and `:` are dropped, and a name that would not start with a letter or `_` gets a `_` in front.
    /// Names come from our code; this only guarantees the document stays well-formed.
    public static func sanitizedName(_ name: String) -> String {
        let kept = name.unicodeScalars.filter { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "." || scalar == ":"
        }
        var result = String(String.UnicodeScalarView(kept))
        if let first = result.unicodeScalars.first,
            !(("a"..."z").contains(first) || ("A"..."Z").contains(first))
                && first != "_"
        {
            result = "_" + result
        }
        return result.isEmpty ? "_" : result
    }
}
