/// The rectangle of user coordinates an SVG document shows (`viewBox`), when it differs from the
/// document's size: drawing in one unit (milliseconds, say) and showing it at another scale.
public struct SVGViewBox: Sendable, Hashable {
    /// The left edge, in user units.
    public var x: Double
    /// The top edge, in user units.
    public var y: Double
    /// The width, in user units.
    public var width: Double
    /// The height, in user units.
    public var height: Double

    /// Creates a view box.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}
