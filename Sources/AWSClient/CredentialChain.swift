import Foundation

/// Finds credentials the way the AWS SDKs do, in their order: a profile named on the command line; the
/// environment's keys; the profile (`AWS_PROFILE`, else `default`) in the shared credentials and config files,
/// with static keys, an IAM Identity Center (SSO) sign-in, or a `credential_process`. Each place looked at is named when nothing is found.
public struct CredentialChain: Sendable {
    /// The profile given with `--profile`: then only that profile is used, as the AWS CLI does.
    public var explicitProfile: String?
    /// The environment (injected for tests).
    public var environment: [String: String]

    /// Creates a chain over `environment`.
    public init(explicitProfile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.explicitProfile = explicitProfile
        self.environment = environment
    }

    /// The profile the files are read for.
    public var profileName: String {
        explicitProfile ?? nonEmpty("AWS_PROFILE") ?? nonEmpty("AWS_DEFAULT_PROFILE") ?? "default"
    }

    /// The credentials, or `AWSError.noCredentials` naming what was tried. `transport` reaches STS, the container
    /// credentials endpoint and the instance metadata service.
    public func resolve(transport: any HTTPTransport = CurlTransport(timeout: 5)) async throws -> AWSCredentials {
        var tried: [String] = []
        if explicitProfile == nil {
            if let credentials = environmentCredentials() { return credentials }
            tried.append("the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)")
        }
        let (credentialsFile, configFile) = files()
        let name = profileName
        if profileSettings(name, credentials: credentialsFile, config: configFile) != nil {
            if let credentials = try await profileCredentials(name, visited: [], transport: transport) {
                return credentials
            }
        } else if explicitProfile != nil || nonEmpty("AWS_PROFILE") != nil {
            throw AWSError.unknownProfile(name)
        }
        tried.append("profile '\(name)' in \(credentialsFile.path) and \(configFile.path)")
        guard explicitProfile == nil else { throw AWSError.noCredentials(tried: tried) }
        if let credentials = try await RemoteCredentials.container(environment: environment, transport: transport) {
            return credentials
        }
        tried.append("the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI)")
        if let credentials = try? await RemoteCredentials.instanceMetadata(
            environment: environment, transport: CurlTransport(timeout: 1))
        {
            return credentials
        }
        tried.append("the EC2 instance metadata service")
        throw AWSError.noCredentials(tried: tried)
    }

    private func environmentCredentials() -> AWSCredentials? {
        guard let key = nonEmpty("AWS_ACCESS_KEY_ID"), let secret = nonEmpty("AWS_SECRET_ACCESS_KEY") else {
            return nil
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: nonEmpty("AWS_SESSION_TOKEN"))
    }

    /// A profile's credentials: static keys, a `credential_process`, or a role assumed (`role_arn`) with the
    /// credentials of `source_profile` (followed, refusing cycles) or of `credential_source`.
    private func profileCredentials(_ name: String, visited: Set<String>, transport: any HTTPTransport) async throws
        -> AWSCredentials?
    {
        let (credentialsFile, configFile) = files()
        guard let settings = profileSettings(name, credentials: credentialsFile, config: configFile) else {
            throw AWSError.unknownProfile(name)
        }
        if let roleArn = settings["role_arn"] {
            let source: AWSCredentials
            if let sourceProfile = settings["source_profile"] {
                guard !visited.contains(sourceProfile) || sourceProfile == name && settings["aws_access_key_id"] != nil
                else {
                    throw AWSError.credentialProcess(
                        command: "source_profile \(sourceProfile)", reason: "profiles name each other in a cycle")
                }
                if sourceProfile == name, let key = settings["aws_access_key_id"],
                    let secret = settings["aws_secret_access_key"]
                {
                    source = AWSCredentials(
                        accessKeyID: key, secretAccessKey: secret, sessionToken: settings["aws_session_token"])
                } else {
                    guard
                        let found = try await profileCredentials(
                            sourceProfile, visited: visited.union([name]), transport: transport)
                    else {
                        throw AWSError.noCredentials(tried: ["source_profile '\(sourceProfile)' of profile '\(name)'"])
                    }
                    source = found
                }
            } else if let credentialSource = settings["credential_source"] {
                let found: AWSCredentials?
                switch credentialSource {
                case "Environment": found = environmentCredentials()
                case "EcsContainer":
                    found = try await RemoteCredentials.container(environment: environment, transport: transport)
                case "Ec2InstanceMetadata":
                    found = try await RemoteCredentials.instanceMetadata(environment: environment, transport: transport)
                default: found = nil
                }
                guard let found else {
                    throw AWSError.noCredentials(tried: ["credential_source \(credentialSource) of profile '\(name)'"])
                }
                source = found
            } else {
                throw AWSError.noCredentials(tried: [
                    "profile '\(name)' names role_arn without source_profile or credential_source"
                ])
            }
            let region = settings["region"] ?? nonEmpty("AWS_REGION") ?? nonEmpty("AWS_DEFAULT_REGION") ?? "us-east-1"
            let endpoint = try Endpoint.resolve(
                .sts, region: region, arn: nil, endpointURL: nil, environment: environment, profileRegion: nil)
            return try await RemoteCredentials.assumeRole(
                roleArn, source: source, externalID: settings["external_id"],
                sessionName: settings["role_session_name"],
                duration: settings["duration_seconds"].flatMap { Int($0) }, endpoint: endpoint, transport: transport)
        }
        if let key = settings["aws_access_key_id"], let secret = settings["aws_secret_access_key"] {
            return AWSCredentials(
                accessKeyID: key, secretAccessKey: secret, sessionToken: settings["aws_session_token"])
        }
        if SSOCredentials.isSSO(settings) {
            return try await SSOCredentials.credentials(
                profile: name, settings: settings, sessions: configFile.file.ssoSessions, environment: environment,
                home: home, transport: transport)
        }
        if let command = settings["credential_process"] { return try Self.runProcess(command) }
        return nil
    }

    /// A setting of the profile, such as `region` or `ca_bundle` (`region = …` in the config file), when it has one.
    public func profileSetting(_ key: String) -> String? {
        let (credentialsFile, configFile) = files()
        return profileSettings(profileName, credentials: credentialsFile, config: configFile)?[key]
    }

    // MARK: Files

    /// The home folder the shared files and the SSO token cache are under.
    private var home: String { nonEmpty("HOME") ?? NSHomeDirectory() }

    private func files() -> (credentials: (path: String, file: ProfileFile), config: (path: String, file: ProfileFile))
    {
        let credentialsPath = nonEmpty("AWS_SHARED_CREDENTIALS_FILE") ?? home + "/.aws/credentials"
        let configPath = nonEmpty("AWS_CONFIG_FILE") ?? home + "/.aws/config"
        return (
            (credentialsPath, ProfileFile(path: credentialsPath, isConfig: false)),
            (configPath, ProfileFile(path: configPath, isConfig: true))
        )
    }

    /// The profile's settings, the credentials file's winning over the config file's (as in the SDKs).
    private func profileSettings(
        _ name: String, credentials: (path: String, file: ProfileFile), config: (path: String, file: ProfileFile)
    ) -> [String: String]? {
        let fromConfig = config.file.profiles[name]
        let fromCredentials = credentials.file.profiles[name]
        guard fromConfig != nil || fromCredentials != nil else { return nil }
        return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentials in credentials }
    }

    private func nonEmpty(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    // MARK: credential_process

    /// Runs a `credential_process` command and reads its JSON (`Version` 1, `AccessKeyId`, `SecretAccessKey`,
    /// optional `SessionToken` and `Expiration`). Its standard error is not shown: it may hold secrets.
    static func runProcess(_ command: String) throws -> AWSCredentials {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AWSError.credentialProcess(command: command, reason: "it could not be started (\(error))")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw AWSError.credentialProcess(
                command: command, reason: "it exited with status \(process.terminationStatus)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw AWSError.credentialProcess(command: command, reason: "its output is not a JSON object")
        }
        guard (object["Version"] as? Int) == 1 else {
            throw AWSError.credentialProcess(command: command, reason: "its output has no \"Version\": 1")
        }
        guard let key = object["AccessKeyId"] as? String, let secret = object["SecretAccessKey"] as? String else {
            throw AWSError.credentialProcess(
                command: command, reason: "its output lacks AccessKeyId or SecretAccessKey")
        }
        let expiration = AWSCredentials.expiration(object["Expiration"] as? String)
        if let expiration, expiration < Date() {
            throw AWSError.credentialProcess(
                command: command, reason: "the credentials it gave expired at \(expiration)")
        }
        return AWSCredentials(
            accessKeyID: key, secretAccessKey: secret, sessionToken: object["SessionToken"] as? String,
            expiration: expiration)
    }
}
