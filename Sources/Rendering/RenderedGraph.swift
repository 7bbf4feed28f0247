/// The bytes Graphviz produced for a graph, with the warnings it printed on the way.
///
/// Graphviz carries on after many problems (a malformed HTML label falls back to plain text, an unknown
/// attribute value is ignored) and only says so; keeping those messages lets the caller show them.
public struct RenderedGraph: Sendable, Hashable {
    /// The output file's contents: DOT or SVG text as UTF-8, or PNG / PDF bytes.
    public var bytes: [UInt8]
    /// What Graphviz reported while reading, laying out and drawing, one message per line, without
    /// Graphviz's `Warning:` / `Error:` prefixes. Empty when it had nothing to say.
    public var warnings: [String]

    /// Creates a result from the output bytes and the messages collected while producing them.
    public init(bytes: [UInt8], warnings: [String]) {
        self.bytes = bytes
        self.warnings = warnings
    }
}
