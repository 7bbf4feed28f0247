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
    public static func clipped(_ cause: String, toCharacters limit: Int = maximumCharacters) -> String {
        guard let end = cause.index(cause.startIndex, offsetBy: limit, limitedBy: cause.endIndex),
            end < cause.endIndex
        else { return cause }
        return String(cause[..<end]) + "…"
    }

    /// `cause` clipped to what Step Functions records, then redacted.
    public static func redacted(_ cause: String) -> String {
        CredentialRedactor.standard.redact(clipped(cause))
    }
}
