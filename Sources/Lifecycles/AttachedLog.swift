import RetraceCore

/// A log that came with a deployment log and explains one of its failures: an image build's Image Builder log
/// (`ImageBuilderLog`, kept by `retrace fetch --image`), or the log a GameLift event linked to (`EventLogs`, kept by
/// `retrace fetch --fleet` while the link worked). The root cause continues into it.
public struct AttachedLog: Sendable, Hashable {
    /// One line of the log.
    public struct Line: Sendable, Hashable {
        /// When it was recorded, when the log says.
        public var time: Instant?
        /// The text.
        public var message: String

        /// Creates a line.
        public init(time: Instant?, message: String) {
            self.time = time
            self.message = message
        }
    }

    /// What to call it in a report (`Image Builder log, stream 3.9.1/1`, `log of event e-105`).
    public var name: String
    /// The event it belongs to, when it belongs to one; `nil` for a log of the whole deployment.
    public var eventID: String?
    /// Every line kept, oldest first.
    public var lines: [Line]

    /// Creates a log.
    public init(name: String, eventID: String? = nil, lines: [Line]) {
        self.name = name
        self.eventID = eventID
        self.lines = lines
    }
}
