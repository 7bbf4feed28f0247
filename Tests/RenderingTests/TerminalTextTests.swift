import Testing

@testable import Rendering

@Suite("TerminalText")
struct TerminalTextTests {
    @Test(arguments: [
        ("", 0),
        ("abc", 3),
        ("日本語", 6),
        ("ｶﾀｶﾅ", 4),  // halfwidth katakana: narrow
        ("ＡＢ", 4),  // fullwidth Latin: wide
        ("한국어", 6),
        ("🚀", 2),
        ("👨‍👩‍👧", 2),  // one ZWJ family
        ("🇯🇵", 2),  // one flag
        ("👍🏽", 2),  // with a skin tone
        ("❤️", 2),  // text-default heart asked to be an emoji
        ("❤", 1),  // the same heart as text
        ("1️⃣", 2),  // keycap
        ("é", 1),  // e + COMBINING ACUTE ACCENT
        ("e\u{301}\u{302}", 1),
        ("\u{301}", 0),  // a lone combining mark
        ("a\u{200B}b", 2),  // ZERO WIDTH SPACE
        ("\u{1B}[1mbold\u{1B}[22m", 4),
        ("\u{1B}[38;5;196mred\u{1B}[0m 日本", 8),
        ("\u{1B}]8;;https://example.com\u{7}link\u{1B}]8;;\u{1B}\\", 4),  // OSC 8 hyperlink
        ("Σ→…", 3),
    ])
    func width(text: String, expected: Int) {
        #expect(TerminalText.width(of: text) == expected)
    }

    @Test func malformedEscapeDoesNotSwallowText() {
        #expect(TerminalText.width(of: "\u{1B}[日本") == 4)
        #expect(TerminalText.width(of: "end\u{1B}") == 3)
    }

    @Test(arguments: [
        ("short", 10, "short"),
        ("exactly10!", 10, "exactly10!"),
        ("eleven char", 10, "eleven ch…"),
        ("日本語のテキスト", 7, "日本語…"),  // 3 wide (6) + ellipsis (1)
        ("日本語のテキスト", 8, "日本語…"),  // a 4th wide character would need 9
        ("🚀🚀🚀", 4, "🚀…"),
        ("abc", 1, "…"),
        ("abc", 0, ""),
        ("abc", -3, ""),
        ("é́abc", 3, "é́a…"),
    ])
    func truncation(text: String, width: Int, expected: String) {
        let result = TerminalText.truncated(text, toWidth: width)
        #expect(result == expected)
        #expect(TerminalText.width(of: result) <= max(0, width))
    }

    @Test func truncationKeepsEscapesAndResetsStyle() {
        let styled = TextStyle.ansi.red("failure message that is long")
        let cut = TerminalText.truncated(styled, toWidth: 8)
        #expect(cut == "\u{1B}[31mfailure…\u{1B}[0m")
        #expect(TerminalText.width(of: cut) == 8)
    }

    @Test func paddingUsesDisplayWidth() {
        #expect(TerminalText.padded("日本", toWidth: 6, alignment: .left) == "日本  ")
        #expect(TerminalText.padded("日本", toWidth: 6, alignment: .right) == "  日本")
        #expect(TerminalText.padded("toolong", toWidth: 3, alignment: .left) == "toolong")
    }

    @Test func sanitizingShowsControlsInsteadOfObeyingThem() {
        let hostile = "cause\u{1B}]0;pwned\u{7}\u{1B}[2J\rover\u{0}\u{7F}\u{85}\u{202E}txt.exe\nnext\tcol"
        let safe = TerminalText.sanitized(hostile)
        #expect(safe == "cause␛]0;pwned␇␛[2J␍over␀␡\u{FFFD}\u{FFFD}txt.exe\nnext\tcol")
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        #expect(TerminalText.sanitized("plain 日本 🚀") == "plain 日本 🚀")
    }
}

/// A character piling up combining marks is shown with a few of them, everywhere text meets a person.
@Suite("Piled-up combining marks")
struct PiledMarksTests {
    static let zalgo = "A" + String(repeating: "\u{301}", count: 100_000) + "B"

    @Test func everyPresentationBoundaryBoundsThem() {
        let limit = TerminalText.maximumMarksPerCharacter + 1
        for shown in [
            TerminalText.sanitized(Self.zalgo), TerminalText.clipped(Self.zalgo, toCharacters: 40),
            TerminalText.boundingMarks(Self.zalgo), XMLEscaper.escapeText(Self.zalgo),
            XMLEscaper.escapeAttribute(Self.zalgo),
        ] {
            #expect(shown.unicodeScalars.count <= limit + 1, "kept \(shown.unicodeScalars.count) scalars")
            #expect(shown.hasSuffix("B"))
        }
    }

    @Test func ordinaryAccentsAreLeftAlone() {
        let text = "Ha\u{301}ndel e\u{301}te\u{301} ញុំ"
        #expect(TerminalText.boundingMarks(text) == text)
        #expect(TerminalText.sanitized(text) == text)
    }
}
