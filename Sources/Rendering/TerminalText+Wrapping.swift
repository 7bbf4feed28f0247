extension TerminalText {
    /// `text` cut in the middle to at most `maximumWidth` cells, `…` marking the cut: the start and the end of a
    /// long value (an ARN, a path, a URL) say more than its start alone. Plain text only (no escapes).
    public static func elidedInMiddle(_ text: String, toWidth maximumWidth: Int) -> String {
        guard width(of: text) > maximumWidth else { return text }
        guard maximumWidth > 1 else { return maximumWidth == 1 ? ellipsis : "" }
        let characters = Array(text)
        let budget = maximumWidth - 1
        let tailBudget = budget / 2
        var headBudget = budget - tailBudget
        var head = ""
        for character in characters {
            let cells = width(of: character)
            guard cells <= headBudget else { break }
            head.append(character)
            headBudget -= cells
        }
        var tail: [Character] = []
        var tailLeft = tailBudget + headBudget
        for character in characters.reversed() {
            let cells = width(of: character)
            guard cells <= tailLeft else { break }
            tail.append(character)
            tailLeft -= cells
        }
        return head + ellipsis + String(tail.reversed())
    }

    /// `text` broken into lines of at most `width` cells, at spaces, never inside a word; a word wider than a
    /// whole line is elided in the middle. Line breaks in `text` are kept. Plain text only (no escapes): style each
    /// line afterwards.
    public static func wrapped(_ text: String, width lineWidth: Int) -> [String] {
        let lineWidth = max(lineWidth, 8)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var used = 0
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                var cells = width(of: word)
                if cells > lineWidth {
                    word = elidedInMiddle(word, toWidth: lineWidth)
                    cells = width(of: word)
                }
                if used > 0 && used + 1 + cells > lineWidth {
                    lines.append(line)
                    line = ""
                    used = 0
                }
                if used > 0 {
                    line += " "
                    used += 1
                }
                line += word
                used += cells
            }
            lines.append(line)
        }
        return lines
    }

    /// At most `maximumLines` lines of `wrapped(text, width:)`, the last ending with `…` when text was left out.
    public static func wrapped(_ text: String, width lineWidth: Int, maximumLines: Int) -> [String] {
        let lines = wrapped(text, width: lineWidth)
        guard lines.count > maximumLines, maximumLines > 0 else { return lines }
        var kept = Array(lines.prefix(maximumLines))
        var words = kept[maximumLines - 1].split(separator: " ")
        // Words give way to the ellipsis, so that the line still ends at a word.
        while words.count > 1, width(of: words.joined(separator: " ")) + 2 > max(lineWidth, 8) { words.removeLast() }
        kept[maximumLines - 1] = words.joined(separator: " ") + " " + ellipsis
        return kept
    }

    /// `parts` joined by `separator` into lines of at most `width` cells, broken only between parts ("started …
    /// · ended … · took …" keeps each phrase whole).
    public static func joined(_ parts: [String], separator: String, width lineWidth: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for part in parts {
            if !line.isEmpty, width(of: line) + width(of: separator) + width(of: part) > lineWidth {
                lines.append(line)
                line = part
            } else {
                line += line.isEmpty ? part : separator + part
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
