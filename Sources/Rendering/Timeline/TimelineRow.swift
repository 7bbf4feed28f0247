import StepFunctions

/// One row of a timeline: a state visit (with its attempts), the header of a Parallel branch or a Map
/// iteration, a state's visits merged over many iterations or loop rounds, or a mark for rows left out.
public struct TimelineRow: Sendable, Hashable {
    /// What the row stands for.
    public enum Kind: Sendable, Hashable {
        /// One visit of a state, with its attempts as separate bars.
        case visit
        /// The header of a group: a Parallel branch or a Map iteration; the rows after it, one level deeper,
        /// belong to it.
        case group
        /// Many visits of one state (over merged Map iterations or a long loop) on one row; `visits` of them.
        case merged(visits: Int)
        /// Rows not drawn because the row budget ran out; `rows` of them.
        case omitted(rows: Int)
    }

    /// What the row stands for.
    public var kind: Kind
    /// The text at the left: a state name, `branch 2`, `iteration 17`, `1000 iterations`.
    public var label: String
    /// Extra facts shown after the label (type, attempts, counts).
    public var detail: String
    /// Nesting level: 0 at the top level, one more inside each branch or iteration.
    public var depth: Int
    /// How the row's visit, branch or iteration ended (the one that matters most, for merged rows).
    public var status: Status?
    /// Whether the root cause happened here.
    public var isRootCause: Bool
    /// The bars, back to front.
    public var bars: [TimelineBar]

    /// Creates a row.
    public init(
        kind: Kind, label: String, detail: String = "", depth: Int, status: Status?, isRootCause: Bool = false,
        bars: [TimelineBar] = []
    ) {
        self.kind = kind
        self.label = label
        self.detail = detail
        self.depth = depth
        self.status = status
        self.isRootCause = isRootCause
        self.bars = bars
    }
}
