/// An output format for a graph: the DOT text itself, or a picture Graphviz draws from it.
///
/// The command line picks one from `--format` or from the extension of the `-o` file, so each case knows
/// its usual file extension and the name Graphviz gives the matching output plugin.
public enum GraphFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Graphviz's input language, written by `DOTWriter`; needs no layout.
    case dot
    /// Scalable Vector Graphics: text, opens in any browser, can be checked as XML.
    case svg
    /// A bitmap (Portable Network Graphics), drawn by Graphviz's cairo plugin.
    case png
    /// A Portable Document Format page, drawn by Graphviz's cairo plugin.
    case pdf

    /// Recognises a file extension such as `svg`, `.PNG` or `gv` (Graphviz's other extension for DOT).
    ///
    /// Returns `nil` for anything else, so the caller can tell the user which formats exist.
    public init?(fileExtension: String) {
        var name = Substring(fileExtension)
        if name.hasPrefix(".") {
            name = name.dropFirst()
        }
        switch name.lowercased() {
        case "dot", "gv": self = .dot
        case "svg": self = .svg
        case "png": self = .png
        case "pdf": self = .pdf
        default: return nil
        }
    }

    /// The extension a file in this format usually has, without the dot.
    public var fileExtension: String { rawValue }

    /// Whether the output is binary (not text), so it must not be written to a terminal as it is.
    public var isBinary: Bool {
        switch self {
        case .dot, .svg: return false
        case .png, .pdf: return true
        }
    }

    /// The name of the Graphviz output format (`-T` on Graphviz's command line).
    var graphvizName: String { rawValue }

    /// The format's name, as the user types it.
    public var description: String { rawValue }
}
