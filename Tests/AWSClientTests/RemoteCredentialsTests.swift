import AWSClient
import Foundation
import Testing

/// Credentials from services, against a local stub of each (STS checks the source credentials' signature with
/// botocore): a role assumed through `role_arn` + `source_profile`, the container endpoint with its token, and
/// IMDSv2 with its session token.
@Suite("Credentials from services", .serialized, .enabled(if: Botocore.isAvailable, "botocore is not installed"))
struct RemoteCredentialsTests {
    static let sourceSecret = "source-\(UUID().uuidString)"
    static let containerToken = "container-\(UUID().uuidString)"

    static func withStub(_ body: (String) async throws -> Void) async throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Support/credentials_stub.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, sourceSecret, containerToken]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line += byte
        }
        try await body("http://127.0.0.1:\(String(decoding: line, as: UTF8.self))")
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
