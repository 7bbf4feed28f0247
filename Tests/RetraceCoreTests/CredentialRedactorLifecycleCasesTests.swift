import RetraceCore
import Testing

@Suite("Pre-signed URL secrets")
struct CredentialRedactorLifecycleCasesTests {
    static let cases: [(String, String)] = [
        (
            "https://h/p?X-Amz-Signature=abc123&X-Amz-Date=20240101T000000Z",
            "https://h/p?X-Amz-Signature=REDACTED&X-Amz-Date=20240101T000000Z"
        ),
        ("?x-amz-credential=AKIA%2F2024%2Fus&b=1", "?x-amz-credential=REDACTED&b=1"),
        ("?X-AMZ-SECURITY-TOKEN=tok%2Bx", "?X-AMZ-SECURITY-TOKEN=REDACTED"),
        ("u?a=1%26X%2DAmz%2DSignature%3Dsecret%26b%3D2", "u?a=1%26X%2DAmz%2DSignature%3DREDACTED%26b%3D2"),
        ("x?X%252DAmz%252DCredential%253DAKIA2%252F", "x?X%252DAmz%252DCredential%253DREDACTED"),
        ("header X-Amz-Security-Token: tok and more", "header X-Amz-Security-Token: REDACTED and more"),
        (#"{"x-amz-signature": "sig"}"#, #"{"x-amz-signature": "REDACTED"}"#),
        (
            "https://s3/k?AWSAccessKeyId=AKIA&Signature=abc&Expires=1",
            "https://s3/k?AWSAccessKeyId=REDACTED&Signature=REDACTED&Expires=1"
        ),
        ("signature verification failed", "signature verification failed"),
        ("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=host"),
        ("nothing to see", "nothing to see"),
        ("", ""),
        ("X-Amz-Signature=", "X-Amz-Signature="),
    ]

    @Test("redacts every encoding and leaves the rest alone", arguments: cases)
    func redacts(input: String, expected: String) {
        #expect(CredentialRedactor.standard.redact(input) == expected)
    }
}
