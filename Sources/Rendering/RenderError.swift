/// Why Graphviz could not turn DOT text into a picture.
///
/// Messages are written for the person who ran the command. Where Graphviz said something, its words are kept
/// (without its `Error:` prefix), because they name the line and token at fault.
public enum RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text holds a NUL character, which Graphviz's C parser would take for the end of the text.
    case nulCharacter(offset: Int)
    /// The text holds no graph at all (it is empty, or only comments and white space).
    case noGraph
    /// The DOT text does not parse; `message` is what Graphviz reported.
    case syntax(message: String)
    /// The layout engine named is not one Graphviz knows; `available` lists those it does.
    case unknownLayout(engine: String, available: [String])
    /// Graphviz has no plugin for the output format; `available` lists the formats it can write.
    case formatUnavailable(format: String, available: [String])
    /// Graphviz is installed but its plugins are not registered, so it can neither lay out nor draw.
    case pluginsNotRegistered(detail: String)
    /// The layout engine failed on this graph; `messages` is what Graphviz reported.
    case layoutFailed(engine: String, messages: [String])
    /// Drawing the laid-out graph failed; `messages` is what Graphviz reported.
    case renderFailed(format: String, messages: [String])
    /// Graphviz could not create a context (usually out of memory).
    case contextUnavailable

    /// A message for people: what went wrong and, where there is one, how to fix it.
    public var description: String {
        switch self {
        case .nulCharacter(let offset):
            return "the DOT text contains a NUL character at byte \(offset); Graphviz cannot read past it"
        case .noGraph:
            return "the DOT text contains no graph"
        case .syntax(let message):
            return "the DOT text is not valid: \(message)"
        case .unknownLayout(let engine, let available):
            let known = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "Graphviz has no layout engine named '\(engine)'; available: \(known)"
        case .formatUnavailable(let format, let available):
            let known = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "Graphviz cannot write the format '\(format)'; available: \(known)"
        case .pluginsNotRegistered(let detail):
            return "Graphviz's plugins are not registered (\(detail)); "
                + "run `libgvc6-config-update -c` as root to register them, then try again"
        case .layoutFailed(let engine, let messages):
            return "Graphviz's '\(engine)' layout failed" + Self.reported(messages)
        case .renderFailed(let format, let messages):
            return "Graphviz could not draw the graph as \(format)" + Self.reported(messages)
        case .contextUnavailable:
            return "Graphviz could not start (no context; the system may be out of memory)"
        }
    }

    private static func reported(_ messages: [String]) -> String {
        messages.isEmpty ? " without saying why" : ": " + messages.joined(separator: "; ")
    }
}
