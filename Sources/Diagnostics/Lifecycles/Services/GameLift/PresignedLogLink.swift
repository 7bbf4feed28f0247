import RetraceCore

/// What can be said about a GameLift `PreSignedLogUrl` without printing it: when it was signed, how long it
/// lasts, when it expires, and the URL with its secrets removed.
struct PresignedLogLink: Sendable, Hashable {
    /// `X-Amz-Date`: when the link was signed.
    var signedAt: Instant?
    /// `X-Amz-Expires`: how many seconds the link lasts.
    var lifetimeSeconds: Int64?
    /// The URL with the credential, signature and session token replaced by `REDACTED`.
    var redactedURL: String

    /// When the link stops working, when both parts are known.
    var expiresAt: Instant? {
        guard let signedAt, let lifetimeSeconds else { return nil }
        let (milliseconds, overflow) = lifetimeSeconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return nil }
        let (end, overflowEnd) = signedAt.millisecondsSinceEpoch.addingReportingOverflow(milliseconds)
        return overflowEnd ? nil : Instant(millisecondsSinceEpoch: end)
    }

    /// Reads the query of `url`; unknown or malformed parameters are ignored.
    init(url: String) {
        redactedURL = CredentialRedactor.standard.redact(url)
        guard let question = url.firstIndex(of: "?") else { return }
        for pair in url[url.index(after: question)...].split(separator: "&") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = PresignedLogLink.percentDecoded(pair[..<equals]).lowercased()
            let value = PresignedLogLink.percentDecoded(pair[pair.index(after: equals)...])
            if name == "x-amz-date" {
                signedAt = PresignedLogLink.basicISO8601(value)
            } else if name == "x-amz-expires", value.count <= 9, let seconds = Int64(value), seconds >= 0 {
                lifetimeSeconds = seconds
            }
        }
    }

    /// `20170621T231808Z`, the compact form SigV4 uses.
    static func basicISO8601(_ text: String) -> Instant? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 16, utf8[8] == UInt8(ascii: "T"), utf8[15] == UInt8(ascii: "Z") else { return nil }
        let digits = utf8[0..<8] + utf8[9..<15]
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let text = String(decoding: utf8, as: UTF8.self)
        func part(_ from: Int, _ length: Int) -> Substring {
            let start = text.index(text.startIndex, offsetBy: from)
            return text[start..<text.index(start, offsetBy: length)]
        }
        let extended = "\(part(0, 4))-\(part(4, 2))-\(part(6, 2))T\(part(9, 2)):\(part(11, 2)):\(part(13, 2))Z"
        return Instant(parsing: extended)
    }

    /// `%XX` escapes decoded (invalid escapes kept as they are); `+` is left alone, as S3 does not use it.
    static func percentDecoded(_ text: Substring) -> String {
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hex(bytes[index + 1]),
                let low = hex(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
