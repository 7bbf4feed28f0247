import RetraceCore

/// Reads typed members out of one document, and when a member does not fit, says where it is in the file.
///
/// Positions are found only on the error path (`JSONLocator` rescans the bytes), so the happy path stays a
/// straight walk over simdjson's tape.
struct EventFieldReader {
    let input: InputBuffer
    let documentStart: Int

    /// An error for the value at `path`, pointing at its first byte (or at the nearest enclosing value that
    /// exists, for a missing member).
    func mismatch(at path: [JSONPathComponent], expected: String, found: String) -> InputError {
        var located = path
        var offset = JSONLocator.offset(of: located, in: input.bytes, documentStart: documentStart)
        while offset == nil, !located.isEmpty {
            located.removeLast()
            offset = JSONLocator.offset(of: located, in: input.bytes, documentStart: documentStart)
        }
        let position = SourcePosition(file: input.name, bytes: input.bytes, offset: offset ?? documentStart)
        return .unexpectedValue(position, path: path.pathDescription, expected: expected, found: found)
    }

    /// A string member; `nil` when absent or `null`. Numbers and booleans are not accepted silently: a log whose
    /// text fields hold numbers is not the documented shape.
    ///
    /// Paths are taken as autoclosures everywhere here: an event's path is built only when an error names it,
    /// not once per event of a million.
    func string(_ key: String, of object: JSONElement, at path: @autoclosure () -> [JSONPathComponent])
        throws(InputError) -> String?
    {
        guard let member = object[key], member.kind != .null else { return nil }
        guard let text = member.string else {
            throw mismatch(at: path() + [.key(key)], expected: "a string", found: member.kind.described)
        }
        return text
    }

    /// A string member that must be there.
    func requiredString(_ key: String, of object: JSONElement, at path: @autoclosure () -> [JSONPathComponent])
        throws(InputError) -> String
    {
        guard let text = try string(key, of: object, at: path()) else {
            throw mismatch(at: path() + [.key(key)], expected: "a string", found: "nothing (the member is missing)")
        }
        return text
    }

    /// A string member the log repeats on many events (a code, a status, a fleet id): the shared copy from
    /// `interner`, looked up by the parser's bytes without making a `String` first; `nil` when absent or `null`.
    func sharedString(
        _ key: String, of object: JSONElement, at path: @autoclosure () -> [JSONPathComponent],
        interner: StringInterner
    ) throws(InputError) -> String? {
        guard let member = object[key], member.kind != .null else { return nil }
        guard let bytes = member.utf8 else {
            throw mismatch(at: path() + [.key(key)], expected: "a string", found: member.kind.described)
        }
        return interner.intern(bytes: bytes)
    }

    /// `sharedString` for a field read event after event, given the text it had before (`last`, updated):
    /// a repeated text costs a comparison, not a lookup.
    func sharedString(
        _ key: String, of object: JSONElement, at path: @autoclosure () -> [JSONPathComponent],
        interner: StringInterner, last: inout String?
    ) throws(InputError) -> String? {
        guard let member = object[key], member.kind != .null else { return nil }
        guard let bytes = member.utf8 else {
            throw mismatch(at: path() + [.key(key)], expected: "a string", found: member.kind.described)
        }
        return interner.intern(bytes: bytes, last: &last)
    }

    /// A shared string member that must be there.
    func requiredSharedString(
        _ key: String, of object: JSONElement, at path: @autoclosure () -> [JSONPathComponent],
        interner: StringInterner, last: inout String?
    ) throws(InputError) -> String {
        guard let text = try sharedString(key, of: object, at: path(), interner: interner, last: &last) else {
            throw mismatch(at: path() + [.key(key)], expected: "a string", found: "nothing (the member is missing)")
        }
        return text
    }

    /// The array member `key` of `object` (empty when absent).
    func array(_ key: String, of object: JSONElement, at path: @autoclosure () -> [JSONPathComponent])
        throws(InputError) -> JSONElement.Elements
    {
        guard let value = object[key] else { return .empty }
        guard value.kind == .array else {
            throw mismatch(at: path() + [.key(key)], expected: "an array", found: value.kind.described)
        }
        return value.elements
    }

    /// An integer member; `nil` when absent or `null`.
    func integer(_ key: String, of object: JSONElement, at path: @autoclosure () -> [JSONPathComponent])
        throws(InputError) -> Int64?
    {
        guard let member = object[key], member.kind != .null else { return nil }
        guard let value = member.integer else {
            throw mismatch(at: path() + [.key(key)], expected: "an integer", found: member.kind.described)
        }
        return value
    }

    /// Any member as JSON text: strings as they are, other values minified (LocalStack decodes
    /// `ResourceProperties` into an object where AWS sends a string).
    func text(_ key: String, of object: JSONElement) -> String? {
        guard let member = object[key], member.kind != .null else { return nil }
        return member.string ?? member.minifiedText
    }

    /// A timestamp member in any form the services write: epoch seconds (a number, with or without a fraction),
    /// epoch milliseconds (numbers too large to be seconds), ISO 8601, or those numbers written as strings.
    /// A string that is none of these is returned as unparsed text rather than rejected, because real logs hold
    /// placeholders; a value of the wrong JSON type is an error.
    func timestamp(_ key: String, of object: JSONElement, at path: @autoclosure () -> [JSONPathComponent])
        throws(InputError) -> (time: Instant?, unparsed: String?)
    {
        guard let member = object[key], member.kind != .null else { return (nil, nil) }
        switch member.kind {
        case .integer, .number:
            guard let number = member.number, let time = EventTimestamp.instant(epoch: number) else {
                throw mismatch(
                    at: path() + [.key(key)], expected: "a time since 1970", found: "a number out of range")
            }
            return (time, nil)
        case .string:
            // ISO 8601, the usual form, is read from the parser's bytes; a `String` only for the other forms.
            if let bytes = member.utf8, let time = Instant(parsingUTF8: bytes) { return (time, nil) }
            let text = member.string ?? ""
            if let time = EventTimestamp.instant(parsing: text) { return (time, nil) }
            return (nil, text)
        default:
            throw mismatch(
                at: path() + [.key(key)], expected: "a timestamp (a number or a string)",
                found: member.kind.described)
        }
    }
}
