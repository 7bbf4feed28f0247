import RetraceCore

/// One span of an exported trace: an execution, a state visit, a task attempt, a Parallel branch, a Map iteration,
/// a child execution, or a deployment's machine instance and its stays in each state.
///
/// The one neutral model both trace formats are written from (OTLP/JSON and the Chrome trace), so that the tree
/// is walked once and the two formats cannot disagree about what a span is.
public struct TraceSpan: Sendable, Hashable {
    /// What the span stands for; OTLP carries it as `retrace.span.kind`.
    public enum Kind: String, Sendable, Hashable {
        /// A whole Step Functions execution.
        case execution
        /// A distributed Map child execution, under the Map state that ran it.
        case childExecution = "child_execution"
        /// One visit to a state.
        case visit
        /// One try of a Task state's work.
        case attempt
        /// One branch of a Parallel state.
        case branch
        /// One iteration of an inline Map state.
        case iteration
        /// A deployment (a stack, a fleet, a ModelArts service).
        case deployment
        /// One machine instance of a deployment (a resource, a location, a phase).
        case instance
        /// One stay of a machine instance in one lifecycle state.
        case stay
    }

    /// How the span ended, in OpenTelemetry's terms.
    public enum Outcome: Int, Sendable, Hashable {
        /// Nothing to say: still running, aborted because of something else, or a failure a Catch handled.
        case unset = 0
        /// Finished normally.
        case ok = 1
        /// Failed or timed out.
        case error = 2
    }

    /// An attribute value: OTLP's `AnyValue`, limited to what Retrace records.
    public enum Value: Sendable, Hashable {
        /// Text.
        case string(String)
        /// A whole number.
        case integer(Int64)
        /// A flag.
        case bool(Bool)
    }

    /// An error recorded on the span: OpenTelemetry's `exception` event.
    public struct Exception: Sendable, Hashable {
        /// When it was recorded.
        public var time: Instant?
        /// The error name (`exception.type`).
        public var type: String
        /// The cause (`exception.message`), redacted.
        public var message: String?
    }

    /// Unique within the trace; never 0.
    public var id: UInt64
    /// The enclosing span; `nil` for the root.
    public var parent: UInt64?
    /// What the span stands for.
    public var kind: Kind
    /// What people call it: a state name, `attempt 2`, `iteration 7`.
    public var name: String
    /// When it began; `nil` when the log records no time.
    public var start: Instant?
    /// When it ended; `nil` when unknown.
    public var end: Instant?
    /// How it ended.
    public var outcome: Outcome
    /// The error name when it failed, for the span status message.
    public var statusMessage: String?
    /// Attributes in a stable order.
    public var attributes: [(key: String, value: Value)]
    /// Errors recorded on it.
    public var exceptions: [Exception]
    /// The Chrome trace track (thread) it is drawn on: 1 for the execution's own, a new one for each Parallel
    /// branch, Map iteration and child execution.
    public var track: Int

    /// Spans are equal when they say the same (attributes compared in order).
    public static func == (lhs: TraceSpan, rhs: TraceSpan) -> Bool {
        lhs.id == rhs.id && lhs.parent == rhs.parent && lhs.kind == rhs.kind && lhs.name == rhs.name
            && lhs.start == rhs.start && lhs.end == rhs.end && lhs.outcome == rhs.outcome
            && lhs.statusMessage == rhs.statusMessage && lhs.exceptions == rhs.exceptions && lhs.track == rhs.track
            && lhs.attributes.map(\.key) == rhs.attributes.map(\.key)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }

    /// Hashes what identifies the span.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(parent)
    }
}
