import RetraceCore
import StepFunctions

/// What a timeline shows, before it is drawn: one row per state visit (task attempts and the backoff between
/// them as bars on it), Parallel branches and Map iterations as groups of rows, and merged rows where a
/// run would need thousands.
///
/// Computed from a reconstructed run; `svg()` draws it. When the history's timestamps cannot be read (the
/// recorded corpus writes the placeholder `"timestamp"`), `timesKnown` is false and the rows carry no
/// bars: the drawing says so instead of placing anything at a made-up time.
public struct Timeline: Sendable, Hashable {
    /// The execution's name: its ARN when recorded, else the files read.
    public var title: String
    /// How the execution ended.
    public var outcome: RunOutcome
    /// The execution's start: offset 0 of every bar.
    public var start: Instant?
    /// The length of the time axis in milliseconds (at least 1).
    public var spanMilliseconds: Int64
    /// Whether any bar could be placed in time.
    public var timesKnown: Bool
    /// The rows, top to bottom.
    public var rows: [TimelineRow]
    /// What was merged or left out, for people.
    public var notes: [String]
    /// The root cause the diagnosis named, if any.
    public var rootCause: Finding?

    /// Lays out the run `tree`, marking where `diagnosis` puts the root cause.
    public init(tree: ExecutionTree, diagnosis: Diagnosis?, options: TimelineOptions = TimelineOptions()) {
        var builder = TimelineBuilder(tree: tree, diagnosis: diagnosis, options: options)
        self = builder.build()
    }

    /// Creates a timeline from its parts.
    public init(
        title: String, outcome: RunOutcome, start: Instant?, spanMilliseconds: Int64, timesKnown: Bool,
        rows: [TimelineRow], notes: [String], rootCause: Finding?
    ) {
        self.title = title
        self.outcome = outcome
        self.start = start
        self.spanMilliseconds = max(1, spanMilliseconds)
        self.timesKnown = timesKnown
        self.rows = rows
        self.notes = notes
        self.rootCause = rootCause
    }
}
