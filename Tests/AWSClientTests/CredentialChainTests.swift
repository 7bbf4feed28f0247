import AWSClient
import Foundation
import Testing

/// The credential chain in the SDKs' order, on files and environments made for each test.
@Suite struct CredentialChainTests {
    /// A home folder with the given shared files.
    static func home(credentials: String? = nil, config: String? = nil) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-aws-\(UUID())")
        let aws = folder.appendingPathComponent(".aws")
        try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
        if let credentials {
            try credentials.write(to: aws.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        }
        if let config { try config.write(to: aws.appendingPathComponent("config"), atomically: true, encoding: .utf8) }
        return folder.path
    }

    @Test func environmentKeysComeFirst() async throws {
        let home = try Self.home(credentials: "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n")
        let chain = CredentialChain(environment: [
            "HOME": home, "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e", "AWS_SESSION_TOKEN": "t",
        ])
        let credentials = try await chain.resolve()
        #expect(credentials.accessKeyID == "AKIDENV")
        #expect(credentials.sessionToken == "t")
        #expect(!credentials.description.contains("e\""), "the secret is never printed")
        #expect(credentials.description == "credentials for key …DENV")
    }

    @Test func anExplicitProfileWinsOverTheEnvironment() async throws {
        let home = try Self.home(
            credentials: "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d\n\n"
                + "[work]  \n# a comment\naws_access_key_id=AKIDWORK\naws_secret_access_key = w ; trailing\n",
            config: "[profile work]\nregion = ap-south-1\ns3 =\n  max_concurrent_requests = 4\n")
        let chain = CredentialChain(
            explicitProfile: "work",
            environment: ["HOME": home, "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e"])
        let credentials = try await chain.resolve()
        #expect(credentials.accessKeyID == "AKIDWORK")
        #expect(credentials.secretAccessKey == "w")
        #expect(chain.profileSetting("region") == "ap-south-1")
    }

    @Test func awsProfileAndConfigFileLocationsAreHonoured() async throws {
        let home = try Self.home()
        let other = try Self.home(
            config: "[profile ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = c\nregion = eu-north-1\n")
        let chain = CredentialChain(environment: [
            "HOME": home, "AWS_PROFILE": "ci", "AWS_CONFIG_FILE": other + "/.aws/config",
        ])
        #expect(try await chain.resolve().accessKeyID == "AKIDCI")
        #expect(chain.profileSetting("region") == "eu-north-1")
    }

    @Test func aCredentialProcessIsRunAndRead() async throws {
        let output =
            #"{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "p", "SessionToken": "tok", "Expiration": "2999-01-01T00:00:00Z"}"#
        let home = try Self.home(config: "[default]\ncredential_process = printf '%s' '\(output)'\n")
        let credentials = try await CredentialChain(environment: ["HOME": home, "AWS_EC2_METADATA_DISABLED": "true"])
            .resolve()
        #expect(credentials.accessKeyID == "AKIDPROC")
        #expect(credentials.sessionToken == "tok")
        #expect(credentials.expiration != nil)
    }

    @Test func aFailingCredentialProcessSaysSoWithoutItsOutput() async throws {
        let home = try Self.home(
            config: "[default]\ncredential_process = sh -c 'printf %s%s SECRET STUFF >&2; exit 3'\n")
        await #expect {
            try await CredentialChain(environment: ["HOME": home, "AWS_EC2_METADATA_DISABLED": "true"]).resolve()
        } throws: { error in
            let text = "\(error)"
            return text.contains("exited with status 3") && !text.contains("SECRETSTUFF")
        }
        let expired = try Self.home(
            config:
                "[default]\ncredential_process = echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"B\", \"Expiration\": \"2001-01-01T00:00:00Z\"}'\n"
        )
        await #expect { try await CredentialChain(environment: ["HOME": expired]).resolve() } throws: {
            "\($0)".contains("expired")
        }
    }

    @Test func nothingFoundNamesWhatWasTried() async throws {
        let home = try Self.home()
        await #expect {
            try await CredentialChain(environment: ["HOME": home, "AWS_EC2_METADATA_DISABLED": "true"]).resolve()
        } throws: { error in
            let text = "\(error)"
            return text.contains("the environment") && text.contains(home + "/.aws/credentials")
                && text.contains("profile 'default'")
        }
        await #expect {
            try await CredentialChain(
                explicitProfile: "nope", environment: ["HOME": home, "AWS_EC2_METADATA_DISABLED": "true"]
            ).resolve()
        } throws: { "\($0)".contains("'nope' is in neither") }
    }
}

@Suite struct EndpointTests {
    @Test func theSDKsOrder() throws {
        let arn = "arn:aws:states:eu-west-3:123456789012:execution:m:r"
        let plain = try Endpoint.resolve(
            .stepFunctions, region: nil, arn: arn, endpointURL: nil, environment: ["AWS_REGION": "us-east-1"],
            profileRegion: nil)
        #expect(plain.region == "eu-west-3", "the ARN's region before the environment's")
        #expect(plain.url.absoluteString == "https://states.eu-west-3.amazonaws.com")
        let china = try Endpoint.resolve(
            .stepFunctions, region: "cn-north-1", arn: arn, endpointURL: nil, environment: [:], profileRegion: nil)
        #expect(china.url.absoluteString == "https://states.cn-north-1.amazonaws.com.cn")
        let serviceVariable = try Endpoint.resolve(
            .stepFunctions, region: nil, arn: nil, endpointURL: nil,
            environment: ["AWS_ENDPOINT_URL_SFN": "http://127.0.0.1:4566", "AWS_ENDPOINT_URL": "http://x:1"],
            profileRegion: "ap-east-1")
        #expect(serviceVariable.url.absoluteString == "http://127.0.0.1:4566")
        #expect(serviceVariable.region == "ap-east-1")
        #expect(serviceVariable.hostHeader == "127.0.0.1:4566")
        #expect(throws: AWSError.self) {
            try Endpoint.resolve(
                .stepFunctions, region: nil, arn: nil, endpointURL: nil, environment: [:], profileRegion: nil)
        }
    }
}
