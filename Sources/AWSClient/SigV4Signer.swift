import Crypto
import Foundation
import RetraceCore

/// Signs requests with AWS Signature Version 4 (header form): the canonical request, the string to sign, the
/// derived key and the `Authorization` header, as the AWS SigV4 test suite and botocore define them.
public struct SigV4Signer: Sendable {
    /// What one signature produced: the request to send, and the intermediate texts (for tests and `--debug`,
    /// which never print the key).
    public struct Signature: Sendable {
        /// The request with `X-Amz-Date`, `X-Amz-Security-Token` (for temporary credentials), `X-Amz-Content-Sha256`
        /// when asked, and `Authorization` added.
        public var request: SignableRequest
        /// The canonical request that was hashed.
        public var canonicalRequest: String
        /// The string that was signed.
        public var stringToSign: String
        /// The `Authorization` header's value.
        public var authorization: String
    }

    /// The keys.
    public var credentials: AWSCredentials
    /// The region (`us-east-1`).
    public var region: String
    /// The signing name of the service (`states`, `cloudformation`, `gamelift`, `logs`, `sts`).
    public var service: String

    /// Creates a signer.
    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Signs `request` at `date`. A session token is added as `X-Amz-Security-Token` and signed.
    public func sign(_ request: SignableRequest, at date: Date) -> Signature {
        var request = request
        let stamp = Self.timestamp(date)
        if request.header("X-Amz-Date") == nil { request.headers.append(("X-Amz-Date", stamp)) }
        if let token = credentials.sessionToken, request.header("X-Amz-Security-Token") == nil {
            request.headers.append(("X-Amz-Security-Token", token))
        }
        let amzDate = request.header("X-Amz-Date") ?? stamp
        let day = String(amzDate.prefix(8))
        let headers = Self.canonicalHeaders(request.headers)
        let signedHeaders = headers.map(\.name).joined(separator: ";")
        let canonicalRequest = [
            request.method.uppercased(),
            Self.canonicalPath(request.path),
            Self.canonicalQuery(request.query),
            headers.map { "\($0.name):\($0.value)\n" }.joined(),
            signedHeaders,
            Hex.lowercase(SHA256.hash(data: request.body)),
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Hex.lowercase(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        let signature = Hex.lowercase(
            HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey(day)))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), "
            + "Signature=\(signature)"
        request.headers.append(("Authorization", authorization))
        return Signature(
            request: request, canonicalRequest: canonicalRequest, stringToSign: stringToSign,
            authorization: authorization)
    }

    /// The key for one day, region and service, derived from the secret by the chain of HMACs SigV4 defines.
    private func signingKey(_ day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    // MARK: The canonical request

    /// `20150830T123600Z`.
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Names lowercased, values trimmed with inner runs of spaces (and folded lines) made one space, repeated
    /// names joined with commas in the order given, sorted by name.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var values: [String: [String]] = [:]
        for header in headers {
            let words = header.value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            values[header.name.lowercased(), default: []].append(words.joined(separator: " "))
        }
        return values.keys.sorted().map { ($0, values[$0, default: []].joined(separator: ",")) }
    }

    /// The path with empty and dot segments resolved (`//a/./b/../` → `/a/`), each segment percent-encoded.
    static func canonicalPath(_ path: String) -> String {
        var segments: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts {
            switch part {
            case "", ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(part)
            }
        }
        // As botocore: a trailing slash is kept only when the path ends with one ("/a/." is "/a").
        let endsWithSlash = path.hasSuffix("/")
        let joined = segments.map { percentEncoded(String($0)) }.joined(separator: "/")
        return "/" + joined + (endsWithSlash && !segments.isEmpty ? "/" : "")
    }

    /// Parameters encoded, then sorted by name and value, joined as `a=1&b=2`.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { (percentEncoded($0.name), percentEncoded($0.value)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// RFC 3986 encoding: every byte but the unreserved `A–Z a–z 0–9 - . _ ~` as `%XX`.
    public static func percentEncoded(_ text: String) -> String {
        Hex.percentEncoded(text) { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                true
            default:
                false
            }
        }
    }
}
