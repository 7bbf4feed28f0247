import AWSClient
import Foundation
import RetraceTestSupport
import Testing

/// Every case of the AWS Signature Version 4 test suite (`../shared/conformance/sigv4`): the canonical request,
/// the string to sign and the `Authorization` header must come out byte for byte.
@Suite("SigV4: the AWS test suite", .enabled(if: Conformance.hasSigV4, Comment(rawValue: Conformance.missingMessage)))
struct SigV4SuiteTests {
    /// The cases botocore skips, for its reasons: a request line its HTTP parser rejects, and repeated query
    /// keys, which AWS SDKs do not send.
    static let skipped: Set<String> = [
        "get-space", "get-vanilla-query-order-key", "get-vanilla-query-order-value", "get-vanilla-query-order-key-case",
    ]

    /// Case folders (those holding a `.req`), by name.
    static var cases: [String] {
        guard Conformance.hasSigV4 else { return [] }
        let root = Conformance.sigV4
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".req") else { continue }
            let folder = (path as NSString).deletingLastPathComponent
            if !skipped.contains((folder as NSString).lastPathComponent) { found.append(folder) }
        }
        return found.sorted()
    }

    static let credentials = AWSCredentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    @Test func theSuiteIsThere() {
        #expect(Self.cases.count >= 25)
    }

    @Test(arguments: cases) func signsLikeTheSuite(folder: String) throws {
        let base = Conformance.sigV4.appendingPathComponent(folder)
        let name = base.lastPathComponent
        func read(_ suffix: String) throws -> String {
            try String(contentsOf: base.appendingPathComponent("\(name).\(suffix)"), encoding: .utf8)
        }
        var request = try RawRequest.parse(try read("req"))
        let expectedCanonical = try read("creq")
        var credentials = Self.credentials
        // The session-token case gives the token to the signer, which adds and signs the header itself.
        if request.header("X-Amz-Security-Token") == nil,
            let line = expectedCanonical.split(separator: "\n").first(where: { $0.hasPrefix("x-amz-security-token:") })
        {
            credentials.sessionToken = String(line.dropFirst("x-amz-security-token:".count))
        }
        if request.header("X-Amz-Security-Token") != nil { credentials.sessionToken = nil }
        let signature = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
            .sign(request, at: Self.date)
        #expect(signature.canonicalRequest == expectedCanonical)
        #expect(signature.stringToSign == (try read("sts")))
        #expect(signature.authorization == (try read("authz")))
        request = signature.request
        #expect(request.header("Authorization") == (try read("authz")))
    }
}

/// A raw HTTP request as the suite writes it: request line, headers (continuation lines fold into the header
/// before), a blank line, the body. The path and query are decoded for the signer.
enum RawRequest {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> SignableRequest {
        let (head, body): (Substring, Substring)
        if let blank = text.range(of: "\n\n") {
            (head, body) = (text[..<blank.lowerBound], text[blank.upperBound...])
        } else {
            (head, body) = (text[...], "")
        }
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { throw Malformed() }
        let requestLine = lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "), let lastSpace = requestLine.lastIndex(of: " ") else {
            throw Malformed()
        }
        let method = String(requestLine[..<firstSpace])
        let target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace])
        var headers: [(name: String, value: String)] = []
        for line in lines {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let pathPart = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(pathPart[0]).removingPercentEncoding ?? String(pathPart[0])
        var query: [(name: String, value: String)] = []
        if pathPart.count > 1 {
            for pair in pathPart[1].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
                query.append((name, value))
            }
        }
        return SignableRequest(method: method, path: path, query: query, headers: headers, body: Array(body.utf8))
    }
}
