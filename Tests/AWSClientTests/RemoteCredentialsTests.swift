import AWSClient
import Foundation
import RetraceTestSupport
import Testing

/// Credentials from services, against a local stub of each (STS checks the source credentials' signature with
/// botocore): a role assumed through `role_arn` + `source_profile`, the container endpoint with its token, and
/// IMDSv2 with its session token.
@Suite("Credentials from services", .serialized, .enabled(if: Botocore.isAvailable, "botocore is not installed"))
struct RemoteCredentialsTests {
    static let sourceSecret = "source-\(UUID().uuidString)"
    static let containerToken = "container-\(UUID().uuidString)"

    static func withStub(_ body: (String) async throws -> Void) async throws {
        let script = PythonProcess.stub("credentials_stub.py")
        let stub = try PythonProcess.Server([script, sourceSecret, containerToken])
        defer { stub.stop() }
        try await body(stub.endpoint)
    }

    @Test func aRoleIsAssumedWithItsSourceProfile() async throws {
        try await Self.withStub { endpoint in
            let home = try CredentialChainTests.home(
                credentials: "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = \(Self.sourceSecret)\n",
                config: "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/retrace-reader\n"
                    + "source_profile = base\nregion = eu-west-1\n")
            let chain = CredentialChain(
                explicitProfile: "deploy", environment: ["HOME": home, "AWS_ENDPOINT_URL_STS": endpoint])
            let credentials = try await chain.resolve()
            #expect(credentials.accessKeyID == "AKIDASSUMEDRETRACEREADER")
            #expect(credentials.sessionToken == "token-of-AKIDASSUMEDRETRACEREADER")
            // STS writes milliseconds in its Expiration, which must still be read.
            #expect(credentials.expiration?.timeIntervalSince1970 == 32_472_144_000.359)
            // The source's secret is what STS checks: a wrong one is refused and said.
            let wrong = try CredentialChainTests.home(
                credentials: "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = wrong\n",
                config: "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\n")
            await #expect {
                try await CredentialChain(
                    explicitProfile: "deploy", environment: ["HOME": wrong, "AWS_ENDPOINT_URL_STS": endpoint]
                ).resolve()
            } throws: { "\($0)".contains("sts:AssumeRole") && "\($0)".contains("signature") }
        }
    }

    @Test func profilesThatNameEachOtherAreRefused() async throws {
        let home = try CredentialChainTests.home(
            config: "[profile a]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = b\n"
                + "[profile b]\nrole_arn = arn:aws:iam::1:role/y\nsource_profile = a\n")
        await #expect {
            try await CredentialChain(explicitProfile: "a", environment: ["HOME": home]).resolve()
        } throws: { "\($0)".contains("cycle") }
    }

    @Test func containerCredentialsNeedTheirToken() async throws {
        try await Self.withStub { endpoint in
            let home = try CredentialChainTests.home()
            let environment = [
                "HOME": home, "AWS_CONTAINER_CREDENTIALS_FULL_URI": endpoint + "/container-credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": Self.containerToken, "AWS_EC2_METADATA_DISABLED": "true",
            ]
            let credentials = try await CredentialChain(environment: environment).resolve()
            #expect(credentials.accessKeyID == "AKIDCONTAINER")
            var wrong = environment
            wrong["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "nope"
            await #expect(throws: AWSError.self) { try await CredentialChain(environment: wrong).resolve() }
        }
    }

    @Test func instanceMetadataWithASessionToken() async throws {
        try await Self.withStub { endpoint in
            let home = try CredentialChainTests.home()
            let credentials = try await CredentialChain(
                environment: ["HOME": home, "AWS_EC2_METADATA_SERVICE_ENDPOINT": endpoint]
            ).resolve()
            #expect(credentials.accessKeyID == "AKIDINSTANCERETRACEINSTANCEROLE")
            #expect(credentials.sessionToken == "token-of-AKIDINSTANCERETRACEINSTANCEROLE")
        }
    }
}

/// IAM Identity Center (SSO) profiles, against the portal in the credentials stub: the sign-in cached by
/// `aws sso login` (named by the SHA-1 that botocore uses, computed here by Python's hashlib) is exchanged for the
/// role's credentials; no sign-in, an expired one or a refused one names the command to run.
@Suite("SSO credentials", .serialized, .enabled(if: Botocore.isAvailable, "botocore is not installed"))
struct SSOCredentialsTests {
    /// A home with `config` and an SSO cache entry for `cacheKey` holding `token`, expiring at `expiresAt`.
    static func home(config: String, cacheKey: String, token: String, expiresAt: String) throws -> String {
        let home = try CredentialChainTests.home(config: config)
        let digest = try PythonProcess.run([
            "-c", "import hashlib, sys; print(hashlib.sha1(sys.argv[1].encode()).hexdigest())", cacheKey,
        ])
        let name = String(decoding: digest.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let cache = URL(fileURLWithPath: home).appendingPathComponent(".aws/sso/cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try
            #"{"startUrl": "https://example.awsapps.com/start", "region": "eu-west-1", "accessToken": "\#(token)", "expiresAt": "\#(expiresAt)"}"#
            .write(to: cache.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
        return home
    }

    static let sessionConfig = """
        [profile dev]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = read-only
        region = eu-west-1

        [sso-session corp]
        sso_start_url = https://example.awsapps.com/start
        sso_region = eu-west-1
        """

    @Test func aSessionProfileExchangesTheCachedSignInForRoleCredentials() async throws {
        try await RemoteCredentialsTests.withStub { endpoint in
            let home = try Self.home(
                config: Self.sessionConfig, cacheKey: "corp", token: "sso-token-of-111122223333",
                expiresAt: "2999-01-01T00:00:00Z")
            let credentials = try await CredentialChain(
                explicitProfile: "dev", environment: ["HOME": home, "AWS_ENDPOINT_URL_SSO": endpoint]
            ).resolve()
            #expect(credentials.accessKeyID == "AKIDSSOREADONLY")
            #expect(credentials.sessionToken == "token-of-AKIDSSOREADONLY")
            #expect(credentials.expiration?.timeIntervalSince1970 == 32_472_144_000)
        }
    }

    @Test func aLegacyProfileIsFoundByItsStartURL() async throws {
        try await RemoteCredentialsTests.withStub { endpoint in
            let home = try Self.home(
                config: "[profile old]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\n"
                    + "sso_account_id = 444455556666\nsso_role_name = admin\n",
                cacheKey: "https://legacy.awsapps.com/start", token: "sso-token-of-444455556666",
                expiresAt: "2999-01-01T00:00:00Z")
            let credentials = try await CredentialChain(
                explicitProfile: "old", environment: ["HOME": home, "AWS_ENDPOINT_URL_SSO": endpoint]
            ).resolve()
            #expect(credentials.accessKeyID == "AKIDSSOADMIN")
        }
    }

    @Test func anExpiredMissingOrRefusedSignInNamesTheLoginToRun() async throws {
        try await RemoteCredentialsTests.withStub { endpoint in
            func message(_ home: String) async -> String {
                do {
                    _ = try await CredentialChain(
                        explicitProfile: "dev", environment: ["HOME": home, "AWS_ENDPOINT_URL_SSO": endpoint]
                    ).resolve()
                    return "no error"
                } catch {
                    return "\(error)"
                }
            }
            let expired = try Self.home(
                config: Self.sessionConfig, cacheKey: "corp", token: "sso-token-of-111122223333",
                expiresAt: "2001-01-01T00:00:00Z")
            #expect(await message(expired).contains("the SSO sign-in expired"))
            #expect(await message(expired).contains("run `aws sso login --profile dev`"))
            let missing = try CredentialChainTests.home(config: Self.sessionConfig)
            #expect(await message(missing).contains("there is no SSO sign-in in"))
            let refused = try Self.home(
                config: Self.sessionConfig, cacheKey: "corp", token: "revoked-token",
                expiresAt: "2999-01-01T00:00:00Z")
            let refusal = await message(refused)
            #expect(refusal.contains("the SSO portal refused the sign-in (HTTP 401)"), "\(refusal)")
            #expect(!refusal.contains("revoked-token"))
        }
    }
}
