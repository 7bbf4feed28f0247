/// Hides the secret parts of pre-signed URLs (and similar credentials) in any text before it is shown.
///
/// Deployment logs carry working pre-signed URLs: GameLift's `PreSignedLogUrl`, S3 links in error causes.
/// Anyone holding one can download the file until it expires, and the session token inside it grants
/// more. The redactor replaces the values of the credential parameters with `REDACTED` and keeps their
/// names, so a reader still sees what the URL was; `X-Amz-Date` and `X-Amz-Expires` are kept (not secret,
/// and useful when a link has expired).
///
/// URLs are found in any surrounding: plain text, HTML (`&amp;`), JSON strings (`\u0026`, `\/`),
/// percent-encoded once or twice (a URL inside another URL's query), and `name: value` / JSON members for
/// the `X-Amz-` names (headers, parsed query objects).
public struct CredentialRedactor: Sendable {
    /// The parameters whose values are secret or identify the signer: SigV4 credential, signature and
    /// session token (in a query string, or `Credential=` and `Signature=` in an `Authorization` header), the
    /// legacy SigV2 signature and access key id, and the secret parts of credentials as SDKs and the credentials
    /// file write them (`SecretAccessKey`, `SessionToken`, `aws_secret_access_key`, `aws_session_token`). Matched
    /// ignoring case, so `x-amz-security-token` is covered too.
    public static let defaultParameterNames = [
        "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Security-Token", "Signature", "AWSAccessKeyId", "Credential",
        "SecretAccessKey", "SessionToken", "aws_secret_access_key", "aws_session_token",
    ]

    /// Names whose value may also follow a colon (`"SessionToken": "…"` in JSON, `name: value` headers), besides
    /// every `X-Amz-` name.
    private static let colonNames: Set<[UInt8]> = Set(
        ["secretaccesskey", "sessiontoken", "aws_secret_access_key", "aws_session_token"].map { Array($0.utf8) })

    /// A redactor for the default parameters.
    public static let standard = CredentialRedactor()

    /// The text put in place of each secret value.
    public let replacement: String

    private struct Name: Sendable {
        var lowercased: [UInt8]
        var allowsColon: Bool
    }

    private let names: [Name]
    /// For each name, its longest part between dashes: text that holds none of these holds no secret, whatever
    /// the encoding of the dashes, and is returned at once (a 256 KiB cause is then scanned a few times with
    /// `memchr` instead of byte by byte).
    private let keywords: [[UInt8]]
    /// Which pairs of bytes (lowercased, first << 8 | second) begin a keyword.
    private let keywordStarts: [Bool]
    /// Every four-byte piece of every keyword (ASCII case folded), by hash: the sampled filter's table.
    private let keywordGrams: [Bool]
    /// How far apart the filter samples four-byte pieces: any keyword fits one sampled piece whole. 0 when a
    /// keyword is shorter than four bytes (only a custom redactor's could be), which leaves the pair scan.
    private let gramStride: Int

    /// Creates a redactor for `parameterNames` (matched ignoring ASCII case) that writes `replacement`
    /// instead of their values.
    public init(parameterNames: [String] = defaultParameterNames, replacement: String = "REDACTED") {
        self.replacement = replacement
        // Longest first, so `X-Amz-Signature` wins over `Signature` at the same place.
        names = parameterNames.map { name in
            let lowered = Array(name.utf8).map(Self.lowercase)
            return Name(
                lowercased: lowered,
                allowsColon: lowered.starts(with: Array("x-amz-".utf8)) || Self.colonNames.contains(lowered))
        }.filter { !$0.lowercased.isEmpty }.sorted { $0.lowercased.count > $1.lowercased.count }
        var keywords: [[UInt8]] = []
        for name in names {
            let longest = name.lowercased.split(separator: UInt8(ascii: "-")).max { $0.count < $1.count }
            if let longest, !keywords.contains(Array(longest)) { keywords.append(Array(longest)) }
        }
        self.keywords = keywords
        var starts = [Bool](repeating: false, count: 1 << 16)
        for keyword in keywords where keyword.count >= 2 { starts[Int(keyword[0]) << 8 | Int(keyword[1])] = true }
        keywordStarts = starts
        var grams = [Bool](repeating: false, count: 1 << 16)
        let shortest = keywords.map(\.count).min() ?? 0
        for keyword in keywords where keyword.count >= 4 {
            for offset in 0...(keyword.count - 4) {
                let gram = keyword[offset..<(offset + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                grams[Self.gramSlot(gram)] = true
            }
        }
        keywordGrams = grams
        gramStride = shortest >= 4 ? shortest - 3 : 0
    }

    /// A four-byte piece folded to ASCII lower case (other bytes change too, alike on both sides), hashed to the
    /// filter's table.
    private static func gramSlot(_ gram: UInt32) -> Int {
        Int(((gram | 0x2020_2020) &* 0x9E37_79B1) >> 16)
    }

    /// Whether `bytes` hold any keyword, ignoring ASCII case: one pass that looks up each pair of bytes in a
    /// table of the keywords' first two letters, and compares the rest only there.
    private func mayHoldSecrets(_ bytes: [UInt8]) -> Bool {
        // A one-letter name (only a custom redactor could have one) leaves nothing to look for: look everywhere.
        if keywords.contains(where: { $0.count < 2 }) { return true }
        guard bytes.count >= 2 else { return false }
        if gramStride > 0 { return mayHoldSecretsSampled(bytes) }
        var index = 0
        let end = bytes.count - 1
        while index < end {
            let pair = Int(Self.lowercase(bytes[index])) << 8 | Int(Self.lowercase(bytes[index + 1]))
            if keywordStarts[pair] {
                for keyword in keywords where Self.matchesIgnoringCase(keyword, at: index, in: bytes) { return true }
            }
            index += 1
        }
        return false
    }

    /// `mayHoldSecrets` for keywords of four bytes or more: a keyword of length L covers L - 3 consecutive
    /// four-byte pieces, so looking at one piece every `gramStride` bytes meets every occurrence; only where a
    /// piece is one of the keywords' are the keywords compared, at each start that piece allows. About a fifth of
    /// the byte-by-byte pass, which was a tenth of a JSON report of long causes.
    private func mayHoldSecretsSampled(_ bytes: [UInt8]) -> Bool {
        let longest = keywords.map(\.count).max() ?? 0
        return bytes.withUnsafeBytes { raw in
            var position = 0
            let lastPiece = raw.count - 4
            while position <= lastPiece {
                let piece = raw.loadUnaligned(fromByteOffset: position, as: UInt32.self)
                if keywordGrams[Self.gramSlot(UInt32(littleEndian: piece))] {
                    for start in max(0, position - (longest - 4))...position {
                        for keyword in keywords where Self.matchesIgnoringCase(keyword, at: start, in: bytes) {
                            return true
                        }
                    }
                }
                position += gramStride
            }
            return false
        }
    }

    private static func matchesIgnoringCase(_ keyword: [UInt8], at index: Int, in bytes: [UInt8]) -> Bool {
        guard index + keyword.count <= bytes.count else { return false }
        for offset in keyword.indices where lowercase(bytes[index + offset]) != keyword[offset] { return false }
        return true
    }

    /// `text` with the value of every credential parameter replaced; everything else is unchanged.
    public func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard mayHoldSecrets(bytes) else { return text }
        let replacementBytes = Array(replacement.utf8)
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index < bytes.count {
            if let value = secretValue(at: index, in: bytes) {
                out.append(contentsOf: bytes[copied..<value.lowerBound])
                out.append(contentsOf: replacementBytes)
                copied = value.upperBound
                index = value.upperBound
            } else {
                index += 1
            }
        }
        guard copied > 0 else {
            return text
        }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` with every string in it redacted: raw details of events this version does not know may carry
    /// anything. A member named like a secret (`"SessionToken": "…"`, `"X-Amz-Signature": "…"`, the names text
    /// may give with a colon) has its string value replaced whole: parsed, the value no longer follows its name.
    public func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(redact(text))
        case .array(let elements): return .array(elements.map(redact))
        case .object(let object):
            return .object(
                JSONObject(
                    object.keys.map { key in
                        let member = object[key] ?? .null
                        if case .string = member, isSecretMemberName(key) { return (key, .string(replacement)) }
                        return (key, redact(member))
                    }))
        default: return value
        }
    }

    /// Whether a JSON member or header called `key` holds a secret as its whole value.
    private func isSecretMemberName(_ key: String) -> Bool {
        let lowered = key.utf8.map(Self.lowercase)
        return names.contains { $0.allowsColon && $0.lowercased == lowered }
    }

    /// Whether `text` holds anything `redact` would replace.
    public func containsSecrets(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard mayHoldSecrets(bytes) else { return false }
        return bytes.indices.contains { secretValue(at: $0, in: bytes) != nil }
    }

    /// The byte range of a secret value whose parameter name starts at `start`, if one does.
    private func secretValue(at start: Int, in bytes: [UInt8]) -> Range<Int>? {
        let first = Self.lowercase(bytes[start])
        for name in names where name.lowercased[0] == first {
            guard let afterName = Self.nameEnd(name.lowercased, at: start, in: bytes),
                Self.isBoundary(before: start, in: bytes)
            else {
                continue
            }
            guard let valueStart = Self.separatorEnd(at: afterName, in: bytes, allowsColon: name.allowsColon) else {
                continue
            }
            let valueEnd = Self.valueEnd(from: valueStart, in: bytes)
            if valueEnd > valueStart {
                return valueStart..<valueEnd
            }
        }
        return nil
    }

    /// What may come right before a parameter name: the start, a character that cannot be part of a name
    /// (`?`, `&`, `;` of `&amp;`, space, quote…), or an encoded `&` / `?` (`%26`, `%3F`, `\u0026`, twice
    /// encoded `%2526`).
    /// Where `name` ends when it starts at `start`, letting each `-` in it be written percent-encoded once or
    /// twice (`%2D`, `%252D`), as URLs nested in query strings write them.
    private static func nameEnd(_ name: [UInt8], at start: Int, in bytes: [UInt8]) -> Int? {
        var position = start
        for expected in name {
            guard position < bytes.count else { return nil }
            if lowercase(bytes[position]) == expected {
                position += 1
                continue
            }
            guard expected == UInt8(ascii: "-") else { return nil }
            if let length = [Array("%2d".utf8), Array("%252d".utf8)].first(where: {
                matches($0, at: position, in: bytes)
            })?.count {
                position += length
            } else {
                return nil
            }
        }
        return position
    }

    private static func isBoundary(before index: Int, in bytes: [UInt8]) -> Bool {
        guard index > 0 else {
            return true
        }
        let previous = bytes[index - 1]
        if !(isAlphanumeric(previous) || previous == UInt8(ascii: "-") || previous == UInt8(ascii: "_")) {
            return true
        }
        for pattern in Patterns.encodedSeparators {
            if index >= pattern.count, matches(pattern, at: index - pattern.count, in: bytes) {
                return true
            }
        }
        return false
    }

    /// Where the value begins after the name ending at `index`, if a separator follows: `=` plain or
    /// encoded, or (for `X-Amz-` names) a colon as in headers and JSON members.
    private static func separatorEnd(at index: Int, in bytes: [UInt8], allowsColon: Bool) -> Int? {
        for pattern in Patterns.equalsSigns {
            if matches(pattern, at: index, in: bytes) {
                return index + pattern.count
            }
        }
        guard allowsColon else {
            return nil
        }
        var position = index
        position = skipQuote(at: position, in: bytes)
        position = skipSpaces(at: position, in: bytes)
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            return nil
        }
        position = skipSpaces(at: position + 1, in: bytes)
        return skipQuote(at: position, in: bytes)
    }

    /// The end of a credential value: letters, digits, `-._~/+=`, and the encoded forms of `/`, `+` and `=`
    /// that appear in tokens (`%2F`, `%252F`, `\/`, `\u002F`, …). Anything else, notably `&`, `\u0026`,
    /// `%26`, quotes and white space, ends it.
    private static func valueEnd(from start: Int, in bytes: [UInt8]) -> Int {
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            if isAlphanumeric(byte) || "-._~/+=".utf8.contains(byte) {
                position += 1
                continue
            }
            if let length = encodedTokenCharacterLength(at: position, in: bytes) {
                position += length
                continue
            }
            break
        }
        return position
    }

    private static func encodedTokenCharacterLength(at position: Int, in bytes: [UInt8]) -> Int? {
        for pattern in Patterns.encodedTokenCharacters {
            if matches(pattern, at: position, in: bytes) {
                return pattern.count
            }
        }
        return nil
    }

    private static func skipQuote(at position: Int, in bytes: [UInt8]) -> Int {
        if matches(Patterns.escapedQuote, at: position, in: bytes) {
            return position + 2
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
            return position + 1
        }
        return position
    }

    private static func skipSpaces(at position: Int, in bytes: [UInt8]) -> Int {
        var position = position
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
            position += 1
        }
        return position
    }

    /// Byte patterns, lowercase, made once rather than on every comparison.
    private enum Patterns {
        /// `&` and `?` percent-encoded once or twice, or escaped in JSON.
        static let encodedSeparators = ["%26", "%3f", "%2526", "%253f", "\\u0026", "\\u003f"].map { Array($0.utf8) }
        /// `=` plain, percent-encoded once or twice, or escaped in JSON.
        static let equalsSigns = ["=", "%3d", "%253d", "\\u003d"].map { Array($0.utf8) }
        /// `/`, `+` and `=` percent-encoded once or twice, or escaped in JSON.
        static let encodedTokenCharacters = [
            "%2f", "%2b", "%3d", "%252f", "%252b", "%253d", "\\/", "\\u002f", "\\u002b", "\\u003d",
        ].map { Array($0.utf8) }
        /// A quote escaped inside a JSON string.
        static let escapedQuote = Array("\\\"".utf8)
    }

    /// Whether `bytes` holds `pattern` (lowercase ASCII) at `position`, ignoring ASCII case.
    private static func matches(_ pattern: [UInt8], at position: Int, in bytes: [UInt8]) -> Bool {
        guard position >= 0, bytes.count - position >= pattern.count else {
            return false
        }
        for offset in pattern.indices where lowercase(bytes[position + offset]) != pattern[offset] {
            return false
        }
        return true
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
