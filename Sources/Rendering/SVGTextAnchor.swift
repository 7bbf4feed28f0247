/// Which point of an SVG text its position names: its start, middle or end (`text-anchor`).
public enum SVGTextAnchor: String, Sendable, Hashable, CaseIterable {
    /// The text begins at the position (left-to-right scripts: left aligned).
    case start
    /// The text is centred on the position.
    case middle
    /// The text ends at the position (right aligned).
    case end
}
