import RetraceCore
import Testing

/// Credentials written as headers, JSON members and credentials-file lines, besides pre-signed URLs.
@Suite("CredentialRedactor: credentials in other shapes")
struct CredentialRedactorCredentialsTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let token = "IQoJb3JpZ2luX2VjEHAaCXVzLXdlc3QtMiJHMEUCIQDexample+example/example=="

    @Test(arguments: [
        (
            "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
            "Authorization: AWS4-HMAC-SHA256 Credential=REDACTED, SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=REDACTED"
        ),
        (
            #"{"AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "\#(secret)", "SessionToken": "\#(token)"}"#,
            #"{"AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "REDACTED", "SessionToken": "REDACTED"}"#
        ),
        (
            "aws_secret_access_key=\(secret)\naws_session_token=\(token)\n",
            "aws_secret_access_key=REDACTED\naws_session_token=REDACTED\n"
        ),
    ])
    func secretsAreReplacedAndTheRestKept(text: String, expected: String) {
        #expect(CredentialRedactor.standard.redact(text) == expected)
    }

    @Test func wordsThatOnlyContainANameAreLeftAlone() {
        let text = "MySessionTokenCount=3; the credential store; SecretAccessKeyRotation: on"
        #expect(CredentialRedactor.standard.redact(text) == text)
    }

    @Test func stringsInsideJSONValuesAreRedacted() {
        let value = JSONValue.object(
            JSONObject([
                ("link", .string("https://x.s3.amazonaws.com/f?X-Amz-Signature=abc123&X-Amz-Date=20240101T000000Z")),
                ("nested", .array([.string("SessionToken: \(Self.token)"), .integer(3)])),
            ]))
        let redacted = CredentialRedactor.standard.redact(value).serialized()
        #expect(!redacted.contains("abc123"))
        #expect(!redacted.contains(Self.token))
        #expect(redacted.contains("X-Amz-Date=20240101T000000Z"))
    }

    /// Parsed, a secret member's value is a string of its own, with no name before it for the text rules to see:
    /// the member's name decides (any case), and names that are not secrets keep their values.
    @Test func membersNamedLikeSecretsAreRedactedWhole() {
        let value = JSONValue.object(
            JSONObject([
                ("SessionToken", .string(Self.token)),
                (
                    "credentials",
                    .object(JSONObject([("secretAccessKey", .string(Self.secret)), ("Expiration", .integer(1))]))
                ),
                ("X-Amz-Signature", .string("abc123")),
                ("aws_session_token", .string("FQoGZXIvEXAMPLE")),
                ("sessionTokenCount", .string("3")),
                ("SessionToken2", .integer(7)),
            ]))
        let redacted = CredentialRedactor.standard.redact(value)
        #expect(redacted["SessionToken"] == .string("REDACTED"))
        #expect(redacted["credentials"]?["secretAccessKey"] == .string("REDACTED"))
        #expect(redacted["credentials"]?["Expiration"] == .integer(1))
        #expect(redacted["X-Amz-Signature"] == .string("REDACTED"))
        #expect(redacted["aws_session_token"] == .string("REDACTED"))
        #expect(redacted["sessionTokenCount"] == .string("3"))
        #expect(redacted["SessionToken2"] == .integer(7))
    }
}
