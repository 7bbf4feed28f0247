/// Colours and emphasis for text shown in a terminal, as ANSI escape sequences, or nothing at all.
///
/// A disabled style returns text unchanged, so report code styles everything and lets `detect` decide
/// whether escapes are written: never into files, pipes, dumb terminals, or for people who set `NO_COLOR`.
public struct TextStyle: Sendable, Hashable {
    /// Whether escape sequences are written.
    public var isEnabled: Bool

    /// Creates a style that writes escape sequences when `isEnabled` is true.
    public init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    /// No escapes: for files, pipes and tests.
    public static let plain = TextStyle(isEnabled: false)

    /// Always escapes: for `--color=always`.
    public static let ansi = TextStyle(isEnabled: true)

    /// Decides from the environment whether output is styled: only on a terminal (`isTerminal`), not when
    /// `NO_COLOR` is set to anything non-empty (see no-color.org), and not when `TERM` is `dumb`.
    public static func detect(isTerminal: Bool, environment: [String: String]) -> TextStyle {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return .plain
        }
        if environment["TERM"] == "dumb" {
            return .plain
        }
        return TextStyle(isEnabled: isTerminal)
    }

    /// `text` in bold, for headings and the one thing that matters.
    public func bold(_ text: String) -> String { wrap(text, "1", "22") }

    /// `text` dimmed, for secondary detail such as timestamps and ids.
    public func dim(_ text: String) -> String { wrap(text, "2", "22") }

    /// `text` in red, for failures.
    public func red(_ text: String) -> String { wrap(text, "31", "39") }

    /// `text` in green, for success.
    public func green(_ text: String) -> String { wrap(text, "32", "39") }

    /// `text` in yellow, for warnings and things still running.
    public func yellow(_ text: String) -> String { wrap(text, "33", "39") }

    /// `text` in blue, for names and links.
    public func blue(_ text: String) -> String { wrap(text, "34", "39") }

    /// `text` in cyan, for values and code.
    public func cyan(_ text: String) -> String { wrap(text, "36", "39") }

    /// `text` in grey, for what can be skipped.
    public func grey(_ text: String) -> String { wrap(text, "90", "39") }

    /// Each style turns off only its own attribute (not a full reset), so styles nest:
    /// `red(bold("x") + " y")` keeps " y" red.
    private func wrap(_ text: String, _ on: String, _ off: String) -> String {
        guard isEnabled, !text.isEmpty else {
            return text
        }
        return "\u{1B}[" + on + "m" + text + "\u{1B}[" + off + "m"
    }
}
