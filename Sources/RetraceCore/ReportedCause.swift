/// A failure's cause as Retrace reads and reports it: at most as long as Step Functions can record, credentials
/// redacted.
///
/// Step Functions keeps at most 32,768 characters of a cause, so a longer one was not written by AWS. Reports
/// clip there, before redacting, so that their cost follows the history's size whatever a crafted cause holds:
/// 200 causes of 256 KiB made the JSON report, which gives each cause where it was recorded, in the run and in
/// the finding, fifteen times slower than the same bytes as outputs. `retrace events --format json` still gives
/// every cause whole. The diagnosis reads causes (stack traces, SDK errors) within the same bound.
public enum ReportedCause {
    /// The longest cause Step Functions records, in characters.
    public static let maximumCharacters = 32_768

    /// `cause` cut to `limit` characters, with "…" when it was longer; untouched (and not copied) otherwise.
    ///
    /// Characters are counted as Unicode scalars, in one pass over the UTF-8 bytes that stops at the limit: a
    /// grapheme-by-grapheme walk cost a third of a JSON report of 200 long causes, and a cut inside a cluster of
    /// combining marks changes nothing a reader needs (the "…" follows it).
    public static func clipped(_ cause: String, toCharacters limit: Int = maximumCharacters) -> String {
        // A scalar is at least one byte: no more bytes than the limit is no more scalars.
        guard cause.utf8.count > limit else { return cause }
        var text = cause
        let offset = text.withUTF8 { Self.byteOffset(ofScalar: limit, in: $0) }
        guard offset < text.utf8.count else { return cause }
        let cut = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        return String(Substring(text.unicodeScalars[..<cut])) + "…"
    }

    /// Where scalar number `limit` (counted from 0) starts in UTF-8 `bytes`, or `bytes.count` when there are no
    /// more scalars than that. Eight bytes at a time: a scalar starts at every byte that is not a continuation byte
    /// (`10xxxxxx`), and a word's continuation bytes are the high bits set whose next bit is clear.
    static func byteOffset(ofScalar limit: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var index = 0
        var scalars = 0
        let highBits: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= bytes.count, scalars + 8 <= limit {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            scalars += 8 - (word & ~(word << 1) & highBits).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 {
                if scalars == limit { return index }
                scalars += 1
            }
            index += 1
        }
        return index
    }

    /// `cause` clipped to what Step Functions records, then redacted.
    public static func redacted(_ cause: String) -> String {
        CredentialRedactor.standard.redact(clipped(cause))
    }
}
