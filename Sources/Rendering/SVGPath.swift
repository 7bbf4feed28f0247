/// The outline of an SVG `<path>`, built from drawing commands so that callers never write path syntax
/// by hand.
public struct SVGPath: Sendable, Hashable {
    /// The commands so far, as the `d` attribute's text.
    public private(set) var data: String = ""

    /// Creates an empty path.
    public init() {}

    /// Starts a new outline at (`x`, `y`).
    public mutating func move(toX x: Double, y: Double) {
        append("M", [x, y])
    }

    /// Draws a straight line to (`x`, `y`).
    public mutating func line(toX x: Double, y: Double) {
        append("L", [x, y])
    }

    /// Draws a cubic Bézier curve to (`x`, `y`) with control points (`c1x`, `c1y`) and (`c2x`, `c2y`).
    public mutating func curve(toX x: Double, y: Double, c1x: Double, c1y: Double, c2x: Double, c2y: Double) {
        append("C", [c1x, c1y, c2x, c2y, x, y])
    }

    /// Closes the current outline with a line back to its start.
    public mutating func close() {
        append("Z", [])
    }

    private mutating func append(_ command: String, _ numbers: [Double]) {
        if !data.isEmpty {
            data += " "
        }
        data += command
        data += numbers.map(SVGWriter.format).joined(separator: " ")
    }
}
