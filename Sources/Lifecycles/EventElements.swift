import RetraceCore

/// The events a service reads from one page: the page's whole array or, for a large page parsed in pieces
/// (`JSONReader.forEachPiece`), one group of its elements.
enum EventElements {
    /// The array of events.
    case array(JSONElement)
    /// Consecutive elements of the array, the first at `firstIndex`.
    case group([JSONElement], firstIndex: Int)
}
