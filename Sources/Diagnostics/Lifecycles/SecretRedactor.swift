/// Removes the secret parts of pre-signed URLs (and the same parameters anywhere in text) before they go into a
/// finding: the signature, the access key in the credential scope, and the session token.
///
/// Matches the parameter names without regard to case and in their URL-encoded forms (`X%2DAmz%2DSignature`,
/// `X-Amz-Signature%3D…`, double encoding), as logs and messages quote URLs in every way.
enum SecretRedactor {
    /// What replaces a secret value.
    static let placeholder = "REDACTED"

    /// Parameter names whose values are secret, lowercase, with `-` standing for any encoding of a dash.
    private static let names: [[UInt8]] = [
        "x-amz-credential", "x-amz-signature", "x-amz-security-token", "awsaccesskeyid", "signature",
    ].map { Array($0.utf8) }

    /// `text` with every secret parameter value replaced by `REDACTED`.
    static func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard containsCandidate(bytes) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if let valueStart = matchParameter(bytes, at: index) {
                let valueEnd = endOfValue(bytes, from: valueStart)
                if valueEnd > valueStart {
                    output.append(contentsOf: bytes[index..<valueStart])
                    output.append(contentsOf: placeholder.utf8)
                    index = valueEnd
                    continue
                }
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A cheap test that spares most texts the full scan.
    private static func containsCandidate(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index + 2 < bytes.count {
            let a = lower(bytes[index])
            if (a == UInt8(ascii: "a") && lower(bytes[index + 1]) == UInt8(ascii: "m")
                && lower(bytes[index + 2]) == UInt8(ascii: "z"))
                || (a == UInt8(ascii: "s") && lower(bytes[index + 1]) == UInt8(ascii: "i")
                    && lower(bytes[index + 2]) == UInt8(ascii: "g"))
                || (a == UInt8(ascii: "a") && lower(bytes[index + 1]) == UInt8(ascii: "w"))
            {
                return true
            }
            index += 1
        }
        return false
    }

    /// When a secret parameter name followed by a separator starts at `start`, where its value begins.
    private static func matchParameter(_ bytes: [UInt8], at start: Int) -> Int? {
        for name in names {
            // Bare `signature` and `awsaccesskeyid` only count as query parameters (after `?`, `&` or their
            // encodings), so that prose such as "signature verification" is left alone.
            if name.first != UInt8(ascii: "x"), !followsQueryDelimiter(bytes, at: start) { continue }
            guard var cursor = matchName(name, in: bytes, at: start) else { continue }
            guard let afterSeparator = matchSeparator(bytes, at: cursor) else { continue }
            cursor = afterSeparator
            return cursor
        }
        return nil
    }

    private static func followsQueryDelimiter(_ bytes: [UInt8], at start: Int) -> Bool {
        if start == 0 { return false }
        let previous = bytes[start - 1]
        if previous == UInt8(ascii: "?") || previous == UInt8(ascii: "&") { return true }
        for encoded in ["%26", "%3f", "%2526", "%253f"] {
            let pattern = Array(encoded.utf8)
            if start >= pattern.count, matchesLowercased(bytes, at: start - pattern.count, pattern) { return true }
        }
        return false
    }

    private static func matchName(_ name: [UInt8], in bytes: [UInt8], at start: Int) -> Int? {
        var cursor = start
        for character in name {
            if character == UInt8(ascii: "-") {
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "_") {
                    cursor += 1
                } else if matchesLowercased(bytes, at: cursor, Array("%2d".utf8)) {
                    cursor += 3
                } else if matchesLowercased(bytes, at: cursor, Array("%252d".utf8)) {
                    cursor += 5
                } else {
                    return nil
                }
            } else {
                guard cursor < bytes.count, lower(bytes[cursor]) == character else { return nil }
                cursor += 1
            }
        }
        // The name must end here: `x-amz-signaturex` is not the parameter.
        if cursor < bytes.count, isNameCharacter(bytes[cursor]) { return nil }
        return cursor
    }

    /// `=`, `%3D`, `%253D`, or a header / JSON style `:` (with optional quotes and spaces).
    private static func matchSeparator(_ bytes: [UInt8], at start: Int) -> Int? {
        if start < bytes.count, bytes[start] == UInt8(ascii: "=") { return start + 1 }
        if matchesLowercased(bytes, at: start, Array("%3d".utf8)) { return start + 3 }
        if matchesLowercased(bytes, at: start, Array("%253d".utf8)) { return start + 5 }
        var cursor = start
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") else { return nil }
        cursor += 1
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") { cursor += 1 }
        return cursor
    }

    /// The value runs to the next parameter delimiter, quote, white space or bracket (raw or encoded).
    private static func endOfValue(_ bytes: [UInt8], from start: Int) -> Int {
        var cursor = start
        while cursor < bytes.count {
            let byte = bytes[cursor]
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: " "), UInt8(ascii: "\n"),
                UInt8(ascii: "\r"), UInt8(ascii: "\t"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "#"),
                UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"),
                UInt8(ascii: "\\"):
                return cursor
            case UInt8(ascii: "%"):
                if matchesLowercased(bytes, at: cursor, Array("%26".utf8))
                    || matchesLowercased(bytes, at: cursor, Array("%2526".utf8))
                    || matchesLowercased(bytes, at: cursor, Array("%22".utf8))
                    || matchesLowercased(bytes, at: cursor, Array("%20".utf8))
                {
                    return cursor
                }
                cursor += 1
            default:
                cursor += 1
            }
        }
        return cursor
    }

    private static func matchesLowercased(_ bytes: [UInt8], at start: Int, _ pattern: [UInt8]) -> Bool {
        guard start >= 0, start + pattern.count <= bytes.count else { return false }
        for (offset, character) in pattern.enumerated() where lower(bytes[start + offset]) != character {
            return false
        }
        return true
    }

    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
