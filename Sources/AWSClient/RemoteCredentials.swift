import Foundation
import RetraceCore

/// Credentials that come from a service: an IAM role assumed through STS, a container's credentials endpoint (ECS,
/// CodeBuild), or the EC2 instance metadata service (IMDSv2, with a session token).
enum RemoteCredentials {
    // MARK: STS AssumeRole

    /// Assumes `roleArn` with `source` credentials through STS's query API.
    static func assumeRole(
        _ roleArn: String, source: AWSCredentials, externalID: String?, sessionName: String?, duration: Int?,
        endpoint: Endpoint, transport: any HTTPTransport
    ) async throws -> AWSCredentials {
        var form: [(String, String)] = [
            ("RoleArn", roleArn), ("RoleSessionName", sessionName ?? "retrace-\(Int(Date().timeIntervalSince1970))"),
        ]
        if let externalID { form.append(("ExternalId", externalID)) }
        if let duration { form.append(("DurationSeconds", String(duration))) }
        let client = AWSQueryClient(service: .sts, endpoint: endpoint, credentials: source, transport: transport)
        let result = try await client.call("AssumeRole", form, resource: roleArn)
        guard let issued = result.child("Credentials"), let key = issued.value("AccessKeyId"),
            let secret = issued.value("SecretAccessKey")
        else { throw AWSError.invalidResponse(action: "sts:AssumeRole", reason: "no credentials in the answer") }
        return AWSCredentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: issued.value("SessionToken"),
            expiration: AWSCredentials.expiration(issued.value("Expiration")))
    }

    // MARK: Container and instance metadata

    /// The container credentials endpoint's answer (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`).
    static func container(environment: [String: String], transport: any HTTPTransport) async throws -> AWSCredentials? {
        let url: URL?
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            url = URL(string: "http://169.254.170.2" + relative)
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
            url = URL(string: full)
        } else {
            return nil
        }
        guard let url, url.host != nil else {
            throw AWSError.transport(endpoint: "the container credentials URI", reason: "it is not a URL")
        }
        var headers: [(name: String, value: String)] = [("Host", url.hostHeader)]
        if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !token.isEmpty {
            headers.append(("Authorization", token))
        } else if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty,
            let token = try? String(contentsOfFile: file, encoding: .utf8)
        {
            headers.append(("Authorization", token.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        var request = SignableRequest(method: "GET", path: url.path.isEmpty ? "/" : url.path, headers: headers)
        if let query = url.query {
            request.query = query.split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).removingPercentEncoding ?? String($0)
                }
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }
        }
        let base = URL(string: "\(url.scheme ?? "http")://\(headers[0].value)") ?? url
        let response = try await transport.send(request, to: base)
        return try credentials(from: response, source: "the container credentials endpoint")
    }

    /// The EC2 instance's role credentials through IMDSv2 (a session token first, as IMDSv2 requires).
    static func instanceMetadata(environment: [String: String], transport: any HTTPTransport) async throws
        -> AWSCredentials?
    {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        let endpoint =
            environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "http://169.254.169.254"
        guard let base = URL(string: endpoint), base.host != nil else { return nil }
        let hostHeader = base.hostHeader
        let tokenResponse = try await transport.send(
            SignableRequest(
                method: "PUT", path: "/latest/api/token",
                headers: [("Host", hostHeader), ("X-aws-ec2-metadata-token-ttl-seconds", "21600")]), to: base)
        guard tokenResponse.status == 200 else { return nil }
        let token = String(decoding: tokenResponse.body, as: UTF8.self)
        let headers: [(name: String, value: String)] = [("Host", hostHeader), ("X-aws-ec2-metadata-token", token)]
        let roles = try await transport.send(
            SignableRequest(method: "GET", path: "/latest/meta-data/iam/security-credentials/", headers: headers),
            to: base)
        guard roles.status == 200,
            let role = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline).first
        else { return nil }
        let response = try await transport.send(
            SignableRequest(
                method: "GET", path: "/latest/meta-data/iam/security-credentials/\(role)", headers: headers),
            to: base)
        return try credentials(from: response, source: "the instance metadata service")
    }

    /// `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}`, as both endpoints answer.
    private static func credentials(from response: HTTPResponse, source: String) throws -> AWSCredentials {
        guard response.status == 200,
            let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let key = object["AccessKeyId"] as? String, let secret = object["SecretAccessKey"] as? String
        else {
            throw AWSError.invalidResponse(action: source, reason: "HTTP \(response.status), no credentials")
        }
        return AWSCredentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: object["Token"] as? String,
            expiration: AWSCredentials.expiration(object["Expiration"] as? String))
    }
}
