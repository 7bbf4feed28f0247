import Testing

@testable import Diagnostics

@Suite("Pre-signed log links")
struct PresignedLogLinkTests {
    @Test("expiry from X-Amz-Date and X-Amz-Expires, and nonsense ignored")
    func expiry() {
        let link = PresignedLogLink(url: "https://h/p?X-Amz-Date=20240506T100005Z&X-Amz-Expires=900&X-Amz-Signature=s")
        #expect(link.expiresAt?.iso8601 == "2024-05-06T10:15:05.000Z")
        #expect(!link.redactedURL.contains("=s"))
        let hostile = PresignedLogLink(url: "https://h/p?X-Amz-Date=2024050&X-Amz-Expires=99999999999999999999")
        #expect(hostile.expiresAt == nil)
        #expect(PresignedLogLink(url: "no query").expiresAt == nil)
    }
}
