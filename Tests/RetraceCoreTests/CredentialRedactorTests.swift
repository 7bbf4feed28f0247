import RetraceCore
import Testing

@Suite("CredentialRedactor")
struct CredentialRedactorTests {
    static let token =
        "IQoJb3JpZ2luX2VjEHAaCXVzLXdlc3QtMiJHMEUCIQDexampleexampleexample%2BAiEA3xampleZ%2FxampleQ%3D%3D"
    static let signature = "3b9f0c2e5d7a41c8b6e2f9a0d1c3b5e7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9"
    static let credential = "ASIAZEXAMPLE7EXAMPLE%2F20240312%2Fus-west-2%2Fs3%2Faws4_request"

    /// A GameLift `PreSignedLogUrl` as `DescribeFleetEvents` returns it (identifiers made up).
    static let gameLiftURL =
        "https://gamelift-event-logs-prod-us-west-2.s3.us-west-2.amazonaws.com/logs/"
        + "fleet-2222bbbb-33cc-44dd-55ee-6666ffff77aa/events/fleet-creation.log"
        + "?X-Amz-Security-Token=\(token)&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240312T101500Z"
        + "&X-Amz-SignedHeaders=host&X-Amz-Expires=900&X-Amz-Credential=\(credential)"
        + "&X-Amz-Signature=\(signature)"

    static let redactedGameLiftURL =
        "https://gamelift-event-logs-prod-us-west-2.s3.us-west-2.amazonaws.com/logs/"
        + "fleet-2222bbbb-33cc-44dd-55ee-6666ffff77aa/events/fleet-creation.log"
        + "?X-Amz-Security-Token=REDACTED&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240312T101500Z"
        + "&X-Amz-SignedHeaders=host&X-Amz-Expires=900&X-Amz-Credential=REDACTED"
        + "&X-Amz-Signature=REDACTED"

    static let secrets = [token, signature, credential, "ASIAZEXAMPLE7EXAMPLE", "IQoJb3JpZ2luX2VjEHAa"]

    static func expectNoSecrets(in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!text.contains(secret), "secret \(secret) survived", sourceLocation: sourceLocation)
        }
    }

    @Test func plainPreSignedURL() {
        let redacted = CredentialRedactor.standard.redact(Self.gameLiftURL)
        #expect(redacted == Self.redactedGameLiftURL)
        Self.expectNoSecrets(in: redacted)
    }

    @Test func urlInsideAFleetEventJSONWithUnicodeEscapes() {
        // Some serialisers escape `&` as \u0026 and `/` as \/ inside JSON strings.
        let json =
            #"{"EventCode":"FLEET_CREATION_RUNNING_INSTALLER","PreSignedLogUrl":"https:\/\/gamelift-event-logs.s3.amazonaws.com\/log?"#
            + #"X-Amz-Security-Token=IQoJb3JpZ2luX2VjEHAa\/abc+def==\u0026X-Amz-Date=20240312T101500Z\u0026"#
            + #"X-Amz-Credential=ASIAZEXAMPLE7EXAMPLE\/20240312\/us-west-2\/s3\/aws4_request\u0026"#
            + #"X-Amz-Signature=\#(Self.signature)","Message":"Installer ran"}"#
        let expected =
            #"{"EventCode":"FLEET_CREATION_RUNNING_INSTALLER","PreSignedLogUrl":"https:\/\/gamelift-event-logs.s3.amazonaws.com\/log?"#
            + #"X-Amz-Security-Token=REDACTED\u0026X-Amz-Date=20240312T101500Z\u0026"#
            + #"X-Amz-Credential=REDACTED\u0026"#
            + #"X-Amz-Signature=REDACTED","Message":"Installer ran"}"#
        let redacted = CredentialRedactor.standard.redact(json)
        #expect(redacted == expected)
        Self.expectNoSecrets(in: redacted)
        #expect(!redacted.contains("abc+def"))
    }

    @Test func urlInHTML() {
        let html =
            "<a href=\"https://b.s3.amazonaws.com/k?X-Amz-Signature=\(Self.signature)&amp;X-Amz-Credential="
            + "\(Self.credential)&amp;X-Amz-Security-Token=\(Self.token)\">log</a>"
        let expected =
            "<a href=\"https://b.s3.amazonaws.com/k?X-Amz-Signature=REDACTED&amp;X-Amz-Credential="
            + "REDACTED&amp;X-Amz-Security-Token=REDACTED\">log</a>"
        #expect(CredentialRedactor.standard.redact(html) == expected)
    }

    @Test func percentEncodedURLInsideAnotherURL() {
        let inner =
            "https%3A%2F%2Fb.s3.amazonaws.com%2Fk%3FX-Amz-Security-Token%3D\(Self.token)"
            + "%26X-Amz-Date%3D20240312T101500Z%26X-Amz-Signature%3D\(Self.signature)"
        let outer = "https://console.example.com/open?target=\(inner)&tab=logs"
        let expected =
            "https://console.example.com/open?target="
            + "https%3A%2F%2Fb.s3.amazonaws.com%2Fk%3FX-Amz-Security-Token%3DREDACTED"
            + "%26X-Amz-Date%3D20240312T101500Z%26X-Amz-Signature%3DREDACTED&tab=logs"
        #expect(CredentialRedactor.standard.redact(outer) == expected)
    }

    @Test func twiceEncodedURL() {
        let text =
            "u=https%253A%252F%252Fb%252Fk%253FX-Amz-Credential%253DASIAZEXAMPLE7EXAMPLE%252F20240312"
            + "%2526X-Amz-Expires%253D900%2526X-Amz-Signature%253D\(Self.signature)"
        let expected =
            "u=https%253A%252F%252Fb%252Fk%253FX-Amz-Credential%253DREDACTED"
            + "%2526X-Amz-Expires%253D900%2526X-Amz-Signature%253DREDACTED"
        #expect(CredentialRedactor.standard.redact(text) == expected)
    }

    @Test func legacySignatureVersion2URL() {
        let url =
            "https://examplebucket.s3.amazonaws.com/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE"
            + "&Expires=1700000000&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D&x-amz-security-token=FwoGZXIvYXdzEBYaD"
        let expected =
            "https://examplebucket.s3.amazonaws.com/photos/puppy.jpg?AWSAccessKeyId=REDACTED"
            + "&Expires=1700000000&Signature=REDACTED&x-amz-security-token=REDACTED"
        #expect(CredentialRedactor.standard.redact(url) == expected)
    }

    @Test(arguments: [
        ("x-amz-signature=abc123", "x-amz-signature=REDACTED"),
        ("X-AMZ-SIGNATURE=abc123", "X-AMZ-SIGNATURE=REDACTED"),
        ("see 'https://h/p?signature=abc' there", "see 'https://h/p?signature=REDACTED' there"),
        ("(X-Amz-Signature=abc)", "(X-Amz-Signature=REDACTED)"),
        ("X-Amz-Signature=abc#fragment", "X-Amz-Signature=REDACTED#fragment"),
        ("X-Amz-Signature=abc\nnext line", "X-Amz-Signature=REDACTED\nnext line"),
        ("X-Amz-Signature=REDACTED", "X-Amz-Signature=REDACTED"),
    ])
    func caseAndSurroundings(input: String, expected: String) {
        #expect(CredentialRedactor.standard.redact(input) == expected)
    }

    @Test func headerAndJSONMemberForms() {
        let text = """
            x-amz-security-token: FwoGZXIvYXdzEBYaDHqa0AP
            {"X-Amz-Security-Token": "FwoGZXIvYXdzEBYaDHqa0AP", "X-Amz-Date": "20240312T101500Z"}
            Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
            SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7
            """
        let expected = """
            x-amz-security-token: REDACTED
            {"X-Amz-Security-Token": "REDACTED", "X-Amz-Date": "20240312T101500Z"}
            Authorization: AWS4-HMAC-SHA256 Credential=REDACTED, \
            SignedHeaders=content-type;host;x-amz-date, Signature=REDACTED
            """
        #expect(CredentialRedactor.standard.redact(text) == expected)
    }

    @Test(arguments: [
        "nothing secret here",
        "MySignature=abc and X-Amz-SignatureV=abc and PreSignature=abc",
        "X-Amz-Date=20240312T101500Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host",
        "Signature: handwritten",
        "X-Amz-Signature=&X-Amz-Credential=",
        "処理に失敗しました 🚀 X-Amz-Signature",
        "",
    ])
    func textWithoutSecretValuesIsUnchanged(text: String) {
        #expect(CredentialRedactor.standard.redact(text) == text)
        #expect(!CredentialRedactor.standard.containsSecrets(text))
    }

    @Test func surroundingUnicodeIsKept() {
        let text = "ログ 🚀 https://h/p?X-Amz-Signature=abc&x=1 完了"
        #expect(CredentialRedactor.standard.redact(text) == "ログ 🚀 https://h/p?X-Amz-Signature=REDACTED&x=1 完了")
        #expect(CredentialRedactor.standard.containsSecrets(text))
    }

    @Test func redactionIsIdempotent() {
        let once = CredentialRedactor.standard.redact(Self.gameLiftURL + " and " + Self.gameLiftURL)
        #expect(CredentialRedactor.standard.redact(once) == once)
        #expect(once == Self.redactedGameLiftURL + " and " + Self.redactedGameLiftURL)
    }

    @Test func largeTextsAreHandledInOnePass() {
        let text = String(repeating: "X-Amz-Signature=abc&Signature=d%2Fe&X-Amz-Date=1&", count: 50_000)
        let expected = String(repeating: "X-Amz-Signature=REDACTED&Signature=REDACTED&X-Amz-Date=1&", count: 50_000)
        #expect(CredentialRedactor.standard.redact(text) == expected)
    }

    @Test func customNamesAndReplacement() {
        let redactor = CredentialRedactor(parameterNames: ["sig", ""], replacement: "***")
        #expect(redactor.redact("?sig=abc&X-Amz-Signature=def") == "?sig=***&X-Amz-Signature=def")
    }
}

/// The sampled pre-filter (`mayHoldSecrets` looks at one pair of bytes every few) must still find every secret name
/// wherever it starts, in any case, and the byte-level entry point must redact exactly as the text one does.
@Suite("CredentialRedactor over bytes")
struct CredentialRedactorBytesTests {
    static func mayHold(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { CredentialRedactor.standard.mayHoldSecrets(UnsafeRawBufferPointer($0)) }
    }

    static func redacting(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            CredentialRedactor.standard.redacting(utf8: UnsafeRawBufferPointer(bytes)) {
                String(decoding: $0, as: UTF8.self)
            }
        }
    }

    @Test func everyNameIsFoundAtEveryOffsetAndInAnyCase() {
        let filler = "{\"orderId\": \"ord-1\", \"note\": \"gift wrap\"} "
        for name in CredentialRedactor.defaultParameterNames {
            for spelling in [name, name.uppercased(), name.lowercased()] {
                // Every alignment against the sampling stride, and the name at the very start and the very end.
                for offset in 0..<16 {
                    let text = String(filler.prefix(offset)) + spelling + "=secret0value " + filler
                    #expect(Self.mayHold(text), "\(spelling) at \(offset)")
                    #expect(Self.mayHold(String(filler.prefix(offset)) + spelling), "\(spelling) ending at \(offset)")
                }
            }
        }
    }

    @Test func textWithoutANameIsPassedOnAsItIs() {
        let text = String(
            repeating: "{\"sku\": \"SKU-1\", \"note\": \"deliver after 18:00, signed by the courier\"}", count: 200)
        #expect(!Self.mayHold(text))
        #expect(!Self.mayHold(""))
        #expect(!Self.mayHold("a"))
        var copy = text
        copy.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            CredentialRedactor.standard.redacting(utf8: raw) { #expect($0.baseAddress == raw.baseAddress) }
        }
    }

    @Test func bytesAreRedactedAsTextIs() {
        for text in [
            CredentialRedactorTests.gameLiftURL, "{\"SessionToken\": \"FQoGZXIvYXdzEXAMPLE\", \"x\": 1}",
            "ログ 🚀 https://h/p?X-Amz-Signature=abc&x=1 完了", "Signature: handwritten",
        ] {
            #expect(Self.redacting(text) == CredentialRedactor.standard.redact(text), "\(text)")
        }
        #expect(Self.redacting(CredentialRedactorTests.gameLiftURL) == CredentialRedactorTests.redactedGameLiftURL)
    }

    @Test func aRedactorOfOneLetterNamesLooksEverywhere() {
        let redactor = CredentialRedactor(parameterNames: ["k"])
        var text = "k=v"
        #expect(text.withUTF8 { redactor.mayHoldSecrets(UnsafeRawBufferPointer($0)) })
        #expect(redactor.redact("a=1&k=v") == "a=1&k=REDACTED")
    }
}
