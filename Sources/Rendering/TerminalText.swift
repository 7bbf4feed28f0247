/// Measuring, cutting and cleaning text for a terminal, where what matters is cells on screen, not
/// characters or bytes.
///
/// Widths follow what terminals do: East Asian wide characters and emoji take two cells, combining marks
/// and other zero-width characters none, and ANSI escape sequences (our own styling) none.
public enum TerminalText {
    /// The ellipsis that marks text cut short; one cell wide.
    public static let ellipsis = "\u{2026}"

    /// How many terminal cells `text` occupies on one line.
    public static func width(of text: String) -> Int {
        // Printable ASCII, the common case of every table cell: one cell a byte, no escapes, no clusters.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        forEachSegment(of: text) { segment in
            if case .character(let character) = segment {
                total += width(of: character)
            }
        }
        return total
    }

    /// How many cells one user-perceived character (a grapheme cluster) occupies.
    public static func width(of character: Character) -> Int {
        // Printable ASCII, most characters of any text: the Unicode properties below cost a table lookup each.
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else {
            return 0
        }
        let properties = first.properties
        // An emoji presented as a picture: by default, or asked for with VARIATION SELECTOR-16 (❤️, 1️⃣).
        if properties.isEmojiPresentation || (properties.isEmoji && scalars.contains("\u{FE0F}")) {
            return 2
        }
        if EastAsianWidth.isWide(first) {
            return 2
        }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator:
            return 0
        default:
            // Hangul Jamo vowels and finals join the preceding syllable.
            return (0x1160...0x11FF).contains(first.value) ? 0 : 1
        }
    }

    /// How many combining marks (and other extending scalars) one character keeps when shown: a single
    /// "character" can carry a hundred thousand of them, which takes Graphviz half a minute to shape and fills a
    /// terminal with nothing legible. No script needs more than a few.
    public static let maximumMarksPerCharacter = 8

    /// `text` on one line (line breaks become spaces), cut to at most `length` characters with `…` marking the
    /// cut, each character keeping at most `maximumMarksPerCharacter` marks: the one clip for labels of graphs and
    /// timelines.
    public static func clipped(_ text: String, toCharacters length: Int) -> String {
        guard length > 0 else { return "" }
        var out = ""
        var count = 0
        for character in text {
            if count == length {
                out.removeLast()
                out.append("…")
                return out
            }
            out.append(character.isNewline ? " " : boundedMarks(character))
            count += 1
        }
        return out
    }

    /// `text` with each character keeping at most `maximumMarksPerCharacter` marks; unchanged (and not copied)
    /// when no character has more. Applied where text leaves for a person: terminal, DOT, SVG.
    public static func boundingMarks(_ text: String) -> String {
        hasLongMarkRun(text) ? String(text.map(boundedMarks)) : text
    }

    /// The character with at most `maximumMarksPerCharacter` scalars after its first.
    static func boundedMarks(_ character: Character) -> Character {
        let scalars = character.unicodeScalars
        guard scalars.count > maximumMarksPerCharacter + 1 else { return character }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars.prefix(maximumMarksPerCharacter + 1))
        return Character(String(kept))
    }

    /// `text` cut to at most `maximumWidth` cells, ending with `…` when anything was cut.
    ///
    /// Escape sequences are kept (they take no room); when text was cut after one, a reset (`ESC[0m`)
    /// follows the ellipsis so a style cannot bleed into the next column.
    public static func truncated(_ text: String, toWidth maximumWidth: Int) -> String {
        guard width(of: text) > maximumWidth else {
            return text
        }
        guard maximumWidth > 0 else {
            return ""
        }
        let budget = maximumWidth - 1
        var out = ""
        var used = 0
        var sawEscape = false
        var full = false
        forEachSegment(of: text) { segment in
            guard !full else {
                return
            }
            switch segment {
            case .escape(let sequence):
                out += sequence
                sawEscape = true
            case .character(let character):
                let cells = width(of: character)
                if used + cells > budget {
                    full = true
                } else {
                    out.append(character)
                    used += cells
                }
            }
        }
        out += ellipsis
        if sawEscape {
            out += "\u{1B}[0m"
        }
        return out
    }

    /// `text` padded with spaces to `width` cells, on the right (`left` alignment) or on the left.
    public static func padded(_ text: String, toWidth targetWidth: Int, alignment: TextAlignment) -> String {
        let padding = String(repeating: " ", count: max(0, targetWidth - width(of: text)))
        switch alignment {
        case .left: return text + padding
        case .right: return padding + text
        }
    }

    /// `text` made safe to print: control characters (escape included) become their visible Unicode
    /// "control pictures" (␛, ␀, …), C1 controls and bidirectional overrides become U+FFFD. Line feeds and
    /// tabs are kept.
    ///
    /// Apply it to text from logs *before* styling it, so a hostile cause cannot move the cursor, retitle
    /// the window or reorder what the reader sees.
    public static func sanitized(_ text: String) -> String {
        let hasControls = text.unicodeScalars.contains(where: needsReplacement)
        let hasPiledMarks = hasLongMarkRun(text)
        guard hasControls || hasPiledMarks else {
            return text
        }
        let source = hasPiledMarks ? boundingMarks(text) : text
        guard hasControls else { return source }
        var out = ""
        for scalar in source.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09:
                out.unicodeScalars.append(scalar)
            case 0x00...0x1F:
                out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case 0x7F:
                out.unicodeScalars.append("\u{2421}")
            default:
                out.unicodeScalars.append(needsReplacement(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// Whether some character piles up more than `maximumMarksPerCharacter` extending scalars (combining marks
    /// start at U+0300, so plain text is passed over quickly).
    private static func hasLongMarkRun(_ text: String) -> Bool {
        var run = 0
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x300, scalar.properties.isGraphemeExtend {
                run += 1
                if run > maximumMarksPerCharacter { return true }
            } else {
                run = 0
            }
        }
        return false
    }

    private static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    enum Segment {
        case escape(String)
        case character(Character)
    }

    /// Splits `text` into ANSI escape sequences and grapheme clusters, in order.
    ///
    /// Recognised: CSI (`ESC [` … final byte), OSC (`ESC ]` … BEL or `ESC \`), and two-character escapes.
    static func forEachSegment(of text: String, _ body: (Segment) -> Void) {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var runStart = index
        func flushRun(upTo end: String.UnicodeScalarView.Index) {
            if runStart < end {
                for character in String(scalars[runStart..<end]) {
                    body(.character(character))
                }
            }
        }
        while index < scalars.endIndex {
            guard scalars[index] == "\u{1B}" else {
                index = scalars.index(after: index)
                continue
            }
            flushRun(upTo: index)
            let start = index
            index = scalars.index(after: index)
            if index < scalars.endIndex {
                let kind = scalars[index]
                index = scalars.index(after: index)
                if kind == "[" {
                    // Parameters and intermediates, then one final byte in @…~.
                    // A malformed sequence ends before the first byte that cannot belong to it.
                    while index < scalars.endIndex {
                        let value = scalars[index].value
                        if (0x40...0x7E).contains(value) {
                            index = scalars.index(after: index)
                            break
                        }
                        guard (0x20...0x3F).contains(value) else {
                            break
                        }
                        index = scalars.index(after: index)
                    }
                } else if kind == "]" {
                    while index < scalars.endIndex {
                        let scalar = scalars[index]
                        index = scalars.index(after: index)
                        if scalar == "\u{07}" {
                            break
                        }
                        if scalar == "\u{1B}", index < scalars.endIndex, scalars[index] == "\\" {
                            index = scalars.index(after: index)
                            break
                        }
                    }
                }
            }
            body(.escape(String(scalars[start..<index])))
            runStart = index
        }
        flushRun(upTo: scalars.endIndex)
    }
}
