import Testing

@testable import Rendering

@Suite("TextStyle")
struct TextStyleTests {
    @Test(arguments: [
        (true, [String: String](), true),
        (false, [:], false),
        (true, ["TERM": "xterm-256color"], true),
        (true, ["TERM": "dumb"], false),
        (true, ["NO_COLOR": "1"], false),
        (true, ["NO_COLOR": "0"], false),  // any non-empty value disables
        (true, ["NO_COLOR": ""], true),  // empty means unset
        (false, ["TERM": "xterm"], false),
    ])
    func detection(isTerminal: Bool, environment: [String: String], enabled: Bool) {
        #expect(TextStyle.detect(isTerminal: isTerminal, environment: environment).isEnabled == enabled)
    }

    @Test func disabledStyleReturnsTextUnchanged() {
        let style = TextStyle.plain
        let text = "Reserve failed 日本"
        for apply in [style.bold, style.dim, style.red, style.green, style.yellow, style.blue, style.cyan, style.grey] {
            #expect(apply(text) == text)
        }
    }

    @Test func enabledStyleWrapsWithMatchingOffCodes() {
        let style = TextStyle.ansi
        #expect(style.bold("x") == "\u{1B}[1mx\u{1B}[22m")
        #expect(style.dim("x") == "\u{1B}[2mx\u{1B}[22m")
        #expect(style.red("x") == "\u{1B}[31mx\u{1B}[39m")
        #expect(style.green("x") == "\u{1B}[32mx\u{1B}[39m")
        #expect(style.yellow("x") == "\u{1B}[33mx\u{1B}[39m")
        #expect(style.blue("x") == "\u{1B}[34mx\u{1B}[39m")
        #expect(style.cyan("x") == "\u{1B}[36mx\u{1B}[39m")
        #expect(style.grey("x") == "\u{1B}[90mx\u{1B}[39m")
        #expect(style.red("") == "")
    }

    @Test func stylesNestAndTakeNoWidth() {
        let style = TextStyle.ansi
        let nested = style.red(style.bold("Failed") + " at Reserve")
        #expect(nested == "\u{1B}[31m\u{1B}[1mFailed\u{1B}[22m at Reserve\u{1B}[39m")
        #expect(TerminalText.width(of: nested) == "Failed at Reserve".count)
    }
}
