import RetraceCore

/// A data field of an event (`input`, `output`, `parameters`, an assigned variable), kept as UTF-8 bytes until
/// someone asks for its text or value.
///
/// AWS sends these as JSON-encoded strings; some tools' dumps (the LocalStack snapshots among them) write the
/// decoded JSON value instead. Both are accepted. Payloads are most of a history's bytes and are rarely read,
/// so they are borrowed from the parser's buffer where possible: a 256 KiB payload nobody looks at is never
/// copied or parsed.
public struct Payload: Sendable, Hashable {
    /// How the payload was written in the file.
    public enum Form: String, Sendable, Hashable {
        /// A JSON string holding JSON text, as the API sends it.
        case encoded
        /// A JSON value written directly; its text is the value re-serialised.
        case decoded
    }

    private enum Storage: Sendable {
        case borrowed(BorrowedUTF8)
        case owned(String)
    }

    private let storage: Storage
    /// How it was written.
    public let form: Form

    /// Whether its bytes are the parser's (and keep the parser's buffer alive).
    var isBorrowed: Bool {
        if case .borrowed = storage { return true }
        return false
    }

    /// A payload holding `text`.
    public init(text: String, form: Form) {
        storage = .owned(text)
        self.form = form
    }

    /// A payload whose bytes stay in the parser's buffer.
    public init(borrowing bytes: BorrowedUTF8, form: Form) {
        storage = .borrowed(bytes)
        self.form = form
    }

    /// The JSON text (for `encoded`, the string's content; for `decoded`, the value re-serialised).
    public var text: String {
        switch storage {
        case .borrowed(let bytes): return bytes.string
        case .owned(let text): return text
        }
    }

    /// Calls `body` with the text's UTF-8 bytes where they lie (in the parser's buffer, for a borrowed payload):
    /// reports that write payloads out whole need neither a copy nor a `String`.
    public func withUTF8<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case .borrowed(let bytes): return try body(bytes.bytes)
        case .owned(let text):
            var copy = text
            return try copy.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Size in bytes of the text, which is what the 256 KiB limit counts.
    public var byteCount: Int {
        switch storage {
        case .borrowed(let bytes): return bytes.count
        case .owned(let text): return text.utf8.count
        }
    }

    /// The payload's JSON value. Text that is not JSON (a plain string some tools write) reads as a string.
    public var value: JSONValue {
        let parsed: JSONValue?
        switch storage {
        case .borrowed(let bytes): parsed = try? JSONValue.parse(utf8: bytes.bytes)
        case .owned(let text): parsed = try? JSONValue.parse(text)
        }
        return parsed ?? .string(text)
    }

    /// Payloads are equal when their form and bytes are.
    public static func == (lhs: Payload, rhs: Payload) -> Bool {
        guard lhs.form == rhs.form, lhs.byteCount == rhs.byteCount else { return false }
        switch (lhs.storage, rhs.storage) {
        case (.borrowed(let a), .borrowed(let b)): return a == b
        default: return lhs.text == rhs.text
        }
    }

    /// Hashes the form and a digest of the bytes (payloads are most of a history's bytes; see `ByteDigest64`).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(form)
        switch storage {
        case .borrowed(let bytes): hasher.combine(ByteDigest64.digest(bytes.bytes))
        case .owned(let text):
            var copy = text
            copy.withUTF8 { hasher.combine(ByteDigest64.digest(UnsafeRawBufferPointer($0))) }
        }
    }
}
