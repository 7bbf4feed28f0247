/// How the lines of a multi-line DOT label are justified.
///
/// Graphviz marks the end of each line with an escape that also says how to justify it; `left` suits
/// payloads and stack traces, `center` suits short names.
public enum DOTTextAlignment: Sendable, Hashable, CaseIterable {
    /// Each line centred (Graphviz's `\n`).
    case center
    /// Each line flush left (Graphviz's `\l`).
    case left
    /// Each line flush right (Graphviz's `\r`).
    case right

    /// The DOT escape that ends a line justified this way.
    var lineEnd: String {
        switch self {
        case .center: return "\\n"
        case .left: return "\\l"
        case .right: return "\\r"
        }
    }
}
