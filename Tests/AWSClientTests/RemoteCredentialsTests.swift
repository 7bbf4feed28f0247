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
