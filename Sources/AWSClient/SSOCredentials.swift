import Crypto
import Foundation
import RetraceCore

/// Credentials of an IAM Identity Center (SSO) profile, read as the AWS CLI v2 and SDKs read them: the sign-in's
/// access token from the cache `aws sso login` writes (`~/.aws/sso/cache/SHA1.json`, named after the
/// `sso_session`'s name, or the start URL for a legacy profile), exchanged at the SSO portal
/// (`GET /federation/credentials`) for the role's credentials. Retrace never signs in itself: an expired or missing
/// sign-in is an error that names the `aws sso login` to run.
enum SSOCredentials {
    /// Whether a profile's settings make it an SSO profile.
    static func isSSO(_ settings: [String: String]) -> Bool {
        settings["sso_session"] != nil || settings["sso_start_url"] != nil
    }

    /// The role credentials of SSO profile `name`.
    static func credentials(
        profile name: String, settings: [String: String], sessions: [String: [String: String]],
        environment: [String: String], home: String, transport: any HTTPTransport
    ) async throws -> AWSCredentials {
        let login = "run `aws sso login --profile \(name)` and try again"
        let cacheKey: String
        let region: String?
        if let sessionName = settings["sso_session"] {
            guard let session = sessions[sessionName] else {
                throw AWSError.sso(
                    profile: name, reason: "its sso_session '\(sessionName)' has no [sso-session] section")
            }
            cacheKey = sessionName
            region = session["sso_region"]
        } else {
            cacheKey = settings["sso_start_url"] ?? ""
            region = settings["sso_region"]
        }
        guard let region, let account = settings["sso_account_id"], let role = settings["sso_role_name"] else {
            throw AWSError.sso(profile: name, reason: "it needs sso_region, sso_account_id and sso_role_name")
        }
        let digest = Hex.lowercase(Insecure.SHA1.hash(data: Data(cacheKey.utf8)))
        let cacheFile = home + "/.aws/sso/cache/\(digest).json"
        guard let data = FileManager.default.contents(atPath: cacheFile),
            let cached = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let token = cached["accessToken"] as? String
        else {
            throw AWSError.sso(profile: name, reason: "there is no SSO sign-in in \(cacheFile); \(login)")
        }
        if let expiry = AWSCredentials.expiration(cached["expiresAt"] as? String), expiry < Date() {
            throw AWSError.sso(profile: name, reason: "the SSO sign-in expired at \(expiry); \(login)")
        }
        let base =
            environment["AWS_ENDPOINT_URL_SSO"].flatMap { $0.isEmpty ? nil : URL(string: $0) }
            ?? URL(string: "https://portal.sso.\(region).amazonaws.com")
        guard let base, base.host != nil else {
            throw AWSError.sso(profile: name, reason: "the SSO portal's address could not be formed")
        }
        let request = SignableRequest(
            method: "GET", path: "/federation/credentials",
            query: [("account_id", account), ("role_name", role)],
            headers: [("Host", base.hostHeader), ("x-amz-sso_bearer_token", token)])
        let response = try await transport.send(request, to: base)
        guard (200..<300).contains(response.status) else {
            let reason =
                response.status == 401 || response.status == 403
                ? "the SSO portal refused the sign-in (HTTP \(response.status)); \(login)"
                : "the SSO portal answered HTTP \(response.status) for role \(role) in account \(account)"
            throw AWSError.sso(profile: name, reason: reason)
        }
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let issued = object["roleCredentials"] as? [String: Any],
            let key = issued["accessKeyId"] as? String, let secret = issued["secretAccessKey"] as? String
        else {
            throw AWSError.invalidResponse(
                action: "sso:GetRoleCredentials", reason: "no role credentials in the answer")
        }
        let expiration = (issued["expiration"] as? Double).map { Date(timeIntervalSince1970: $0 / 1000) }
        return AWSCredentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: issued["sessionToken"] as? String,
            expiration: expiration)
    }
}
