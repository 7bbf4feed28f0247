import Foundation

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

    /// `credentials for key …MPLE`: enough to tell two apart, nothing to sign with.
    public var description: String { "credentials for key …\(accessKeyID.suffix(4))" }
}
