/// Something in a log that the lifecycle does not allow or does not know. Reconstruction never stops on these:
/// the log is followed as recorded, and the anomaly is reported so that diagnostics can weigh it.
public struct LifecycleAnomaly: Sendable, Hashable {
    /// What kind of oddity it is.
    public enum Kind: String, Sendable, Hashable {
        /// A move the machine does not declare from the current state (out of order or impossible).
        case unexpectedTransition = "unexpected-transition"
        /// An event code or status the model does not know; kept and shown.
        case unknownTrigger = "unknown-trigger"
        /// An event dated before the one it follows in the same lifecycle.
        case timeWentBackwards = "timestamp-backwards"
    }

    /// The kind.
    public var kind: Kind
    /// The event concerned.
    public var eventID: String
    /// What happened, for people.
    public var message: String

    /// Creates an anomaly.
    public init(kind: Kind, eventID: String, message: String) {
        self.kind = kind
        self.eventID = eventID
        self.message = message
    }
}
