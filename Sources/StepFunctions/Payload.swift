import RetraceCore

/// A data field of an event (`input`, `output`, `parameters`, `cause`, an assigned variable), kept as text until
/// someone asks for its value.
///
/// AWS sends these as JSON-encoded strings; some tools' dumps (the LocalStack snapshots among them) write the
/// decoded JSON value instead. Both are accepted. A 256 KiB payload nobody looks at is never parsed.
public struct Payload: Sendable, Hashable {
    /// How the payload was written in the file.
    public enum Form: String, Sendable, Hashable {
        /// A JSON string holding JSON text, as the API sends it.
        case encoded
        /// A JSON value written directly; `text` holds it minified.
        case decoded
    }

    /// The JSON text (for `encoded`, the string's content; for `decoded`, the value re-serialised).
    public let text: String
    /// How it was written.
    public let form: Form

    /// Creates a payload.
    public init(text: String, form: Form) {
        self.text = text
        self.form = form
    }

    /// Size in bytes of the text, which is what the 256 KiB limit counts.
    public var byteCount: Int { text.utf8.count }

    /// The payload's JSON value. Text that is not JSON (a plain string some tools write) reads as a string.
    public var value: JSONValue {
        if let parsed = try? JSONValue.parse(text) { return parsed }
        return .string(text)
    }
}
