/// Which way an execution graph flows: top to bottom or left to right (Graphviz's `rankdir`).
public enum GraphDirection: String, Sendable, Hashable, CaseIterable {
    /// From top to bottom: suits long chains of states.
    case topToBottom = "TB"
    /// From left to right: suits wide screens and short runs.
    case leftToRight = "LR"
}
