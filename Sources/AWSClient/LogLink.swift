import Foundation

/// A pre-signed link to a log that GameLift keeps: an event's `PreSignedLogUrl`, or a game session's log archive.
/// Each lasts 15 minutes, so whoever fetches the events downloads them at once.
public struct LogLink: Sendable, Hashable {
    /// What the log belongs to: an event's id, or a game session's.
    public var id: String
    /// What it is about: the event's code (`FLEET_ACTIVATION_FAILED`), or `game session ERROR`.
    public var subject: String
    /// Whether it is an event's log (else a game session's archive): only event logs are read into the analysis.
    public var isEventLog: Bool
    /// The link; never printed, since its query holds the signature.
    public var url: URL
    /// For a game session's archive: how the session ended (`Status`, and `StatusReason` when there is one).
    public var ending: (status: String, reason: String?)? {
        get { endingStatus.map { ($0, endingReason) } }
        set {
            endingStatus = newValue?.status
            endingReason = newValue?.reason
        }
    }
    private var endingStatus: String?
    private var endingReason: String?

    /// Creates a link.
    public init(id: String, subject: String, isEventLog: Bool, url: URL) {
        self.id = id
        self.subject = subject
        self.isEventLog = isEventLog
        self.url = url
    }
}
