/// Which side of a table column text is flush with.
public enum TextAlignment: Sendable, Hashable, CaseIterable {
    /// Flush left: names, messages.
    case left
    /// Flush right: numbers and durations, so digits line up.
    case right
}
