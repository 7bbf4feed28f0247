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
    /// For each pair of bytes (lowercased, first << 8 | second) that occurs anywhere in a keyword, 1 + the index in
    /// `pairPlaces` of where it occurs; 0 for the pairs no keyword holds.
    private let pairSlots: [UInt16]
    /// Each pair's places in the keywords: (keyword, offset of the pair's first byte).
    private let pairPlaces: [[(keyword: Int, offset: Int)]]
    /// Every how many bytes `mayHoldSecrets` looks at a pair: one less than the shortest keyword, so that every
    /// occurrence of a keyword has a pair of it at a sampled position. 0 when a keyword is too short to sample.
    private let stride: Int

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
        var slots = [UInt16](repeating: 0, count: 1 << 16)
        var places: [[(keyword: Int, offset: Int)]] = []
        for (number, keyword) in keywords.enumerated() where keyword.count >= 2 {
            for offset in 0..<(keyword.count - 1) {
                let pair = Int(keyword[offset]) << 8 | Int(keyword[offset + 1])
                if slots[pair] == 0 {
                    places.append([])
                    slots[pair] = UInt16(places.count)
                }
                places[Int(slots[pair]) - 1].append((number, offset))
            }
        }
        pairSlots = slots
        pairPlaces = places
        let shortest = keywords.map(\.count).min() ?? 0
        stride = shortest >= 2 ? shortest - 1 : 0
    }

    /// Whether `bytes` hold any keyword, ignoring ASCII case. Payloads are most of what reports write and almost
    /// never hold one, so this must cost far less than a pass over every byte: it looks up one pair of bytes every
    /// `stride` bytes in a table of the pairs the keywords hold (any keyword long enough spans a sampled pair), and
    /// compares a whole keyword only around a pair that is in one.
    public func mayHoldSecrets(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // A one-letter name (only a custom redactor could have one) leaves nothing to sample: look everywhere.
        guard stride > 0 else { return !keywords.isEmpty }
        let count = bytes.count
        guard count >= 2 else { return false }
        return pairSlots.withUnsafeBufferPointer { slots in
            var index = 0
            while index + 1 < count {
                let slot = slots[Int(Self.lowercase(bytes[index])) << 8 | Int(Self.lowercase(bytes[index + 1]))]
                if slot != 0 {
                    for place in pairPlaces[Int(slot) - 1]
                    where Self.matchesIgnoringCase(keywords[place.keyword], at: index - place.offset, in: bytes) {
                        return true
                    }
                }
                index += stride
            }
            return false
        }
    }

    private static func matchesIgnoringCase(_ keyword: [UInt8], at index: Int, in bytes: UnsafeRawBufferPointer)
        -> Bool
    {
        guard index >= 0, index + keyword.count <= bytes.count else { return false }
        for offset in keyword.indices where lowercase(bytes[index + offset]) != keyword[offset] { return false }
        return true
    }

    private func mayHoldSecrets(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { mayHoldSecrets($0) }
    }

    /// Hands `body` the UTF-8 `bytes` with every credential value replaced: the bytes themselves when they hold
    /// none (no copy, no `String`), which is what reports of large payloads need.
    public func redacting<Result>(utf8 bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Result)
        -> Result
    {
        guard mayHoldSecrets(bytes) else { return body(bytes) }
        var redacted = redact(String(decoding: bytes, as: UTF8.self))
        return redacted.withUTF8 { body(UnsafeRawBufferPointer($0)) }
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
