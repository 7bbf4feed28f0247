import Foundation
import RetraceCore

/// The keys a request is signed with. Never printed: `description` names the key id's last four characters
/// only, so that a credential reaching a log or an error message gives nothing away.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The access key id (`AKIA…`, or `ASIA…` for temporary credentials).
    public var accessKeyID: String
    /// The secret access key.
    public var secretAccessKey: String
    /// The session token of temporary credentials.
    public var sessionToken: String?
    /// When temporary credentials stop working.
    public var expiration: Date?

    /// Creates credentials.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// An `Expiration` as STS, the credential endpoints and `credential_process` write it: ISO 8601, with or
    /// without fractional seconds (STS sends milliseconds, which Foundation's ISO 8601 formatter refuses by default).
    static func expiration(_ text: String?) -> Date? {
        text.flatMap(Instant.init(parsing:)).map {
            Date(timeIntervalSince1970: Double($0.millisecondsSinceEpoch) / 1000)
        }
    }

    /// `credentials for key …MPLE`: enough to tell two apart, nothing to sign with.
    public var description: String { "credentials for key …\(accessKeyID.suffix(4))" }
}
