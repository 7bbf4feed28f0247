import RetraceCore

/// A log that came with a deployment log and explains one of its failures: an image build's Image Builder log
/// (`ImageBuilderLog`, kept by `retrace fetch --image`), the log a GameLift event linked to (`EventLogs`, kept by
/// `retrace fetch --fleet` while the link worked), or a text file of a GameLift game session's log archive
/// (`GameSessionLogs`). The root cause continues into it.
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

    /// A game session that ended badly, whose archive a log came from.
    public struct GameSession: Sendable, Hashable {
        /// The game session's id (an ARN).
        public var id: String
        /// How it ended: `ERROR`, or `TERMINATED`.
        public var status: String
        /// Why, when GameLift says (`INTERRUPTED`, `TRIGGERED_ON_PROCESS_TERMINATE`).
        public var reason: String?

        /// Creates a game session's ending.
        public init(id: String, status: String, reason: String?) {
            self.id = id
            self.status = status
            self.reason = reason
        }
    }

    /// What to call it in a report (`Image Builder log, stream 3.9.1/1`, `log of event e-105`).
    public var name: String
    /// The event it belongs to, when it belongs to one; `nil` for a log of the whole deployment.
    public var eventID: String?
    /// Every line kept, oldest first.
    public var lines: [Line]
    /// The game session whose log archive it came from, for a game session's log.
    public var gameSession: GameSession?

    /// Creates a log.
    public init(name: String, eventID: String? = nil, lines: [Line]) {
        self.name = name
        self.eventID = eventID
        self.lines = lines
    }
}
