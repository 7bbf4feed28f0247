/// Something odd about an input that did not stop the analysis: a placeholder timestamp, a gap in event ids,
/// a conflicting duplicate page entry. Ingest and reconstruction never guess silently; they say so here.
public struct LogWarning: Sendable, Hashable, CustomStringConvertible {
    /// A stable machine-readable code, documented in `docs/json-schema.md` (for example `timestamp-unreadable`).
    public var code: Code
    /// What happened, for people.
    public var message: String
    /// The events concerned, by id, when the warning is about particular events.
    public var eventIDs: [Int64]

    /// Creates a warning.
    public init(code: Code, message: String, eventIDs: [Int64] = []) {
        self.code = code
        self.message = message
        self.eventIDs = eventIDs
    }

    /// The message.
    public var description: String { message }
}
