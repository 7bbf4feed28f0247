import CSimdJSON
import Glibc

/// The JSON types as simdjson reports them.
public enum JSONKind: Sendable, Hashable {
    /// `{...}`
    case object
    /// `[...]`
    case array
    /// `"..."`
    case string
    /// A number without fraction or exponent that fits 64 bits.
    case integer
    /// Any other number.
    case number
    /// `true` or `false`.
    case bool
    /// `null`
    case null

    /// The kind with its article, for error messages: "an object", "a string".
    public var described: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

/// A value inside a parsed document, read in place from simdjson's tape.
///
/// Borrowed: valid only inside the `JSONReader.forEachDocument` closure that produced it. Copy out what you
/// keep (`string`, `value`, `minifiedText`); strings are decoded only when asked for.
public struct JSONElement: @unchecked Sendable {
    // Sendable so that parts of one document can be read on several threads: reading the tape never writes.
    let handle: sj_value

    /// The value's JSON type.
    public var kind: JSONKind {
        switch sj_type_of(handle) {
        case SJ_OBJECT: return .object
        case SJ_ARRAY: return .array
        case SJ_STRING: return .string
        case SJ_INT64, SJ_UINT64: return .integer
        case SJ_DOUBLE: return .number
        case SJ_BOOL: return .bool
        default: return .null
        }
    }

    /// The member named `key`, when this is an object that has it.
    public subscript(key: String) -> JSONElement? {
        var member = sj_value()
        var key = key
        let found = key.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { sj_object_find(handle, $0.baseAddress, $0.count, &member) }
        }
        return found ? JSONElement(handle: member) : nil
    }

    /// The string's UTF-8 bytes without copying; valid while the document lives.
    public var utf8: UnsafeBufferPointer<UInt8>? {
        var bytes: UnsafePointer<CChar>?
        var length = 0
        guard sj_get_string(handle, &bytes, &length), let bytes else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// A copy of the string, when this is a string.
    public var string: String? { utf8.map { String(decoding: $0, as: UTF8.self) } }

    /// The value as a 64-bit integer, when it is an integer or a number with no fractional part that fits.
    public var integer: Int64? {
        var value: Int64 = 0
        if sj_get_int64(handle, &value) { return value }
        var double = 0.0
        if sj_get_double(handle, &double), double.rounded() == double, abs(double) < 9.2e18 { return Int64(double) }
        return nil
    }

    /// The value as a double, when it is any number.
    public var number: Double? {
        var value = 0.0
        return sj_get_double(handle, &value) ? value : nil
    }

    /// The value as a boolean, when it is `true` or `false`.
    public var bool: Bool? {
        var value = false
        return sj_get_bool(handle, &value) ? value : nil
    }

    /// Number of elements of an array or members of an object (0 for anything else).
    public var count: Int {
        switch kind {
        case .array: return sj_array_count(handle)
        case .object: return sj_object_count(handle)
        default: return 0
        }
    }

    /// The array's elements in order (empty when this is not an array).
    public var elements: Elements { Elements(container: handle) }

    /// The object's members in document order (empty when this is not an object).
    public var members: Members { Members(container: handle) }

    /// The value re-serialised as compact JSON text.
    public var minifiedText: String {
        var length = 0
        guard let text = sj_minify(handle, &length) else { return "null" }
        defer { sj_free(text) }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
    }

    /// A deep copy as an owned `JSONValue` tree.
    public var value: JSONValue {
        switch kind {
        case .object:
            var object = JSONObject()
            for member in members { object[member.key.string] = member.value.value }
            return .object(object)
        case .array: return .array(elements.map(\.value))
        case .string: return .string(string ?? "")
        case .integer:
            if let integer { return .integer(integer) }
            return .number(number ?? 0)
        case .number: return .number(number ?? 0)
        case .bool: return .bool(bool ?? false)
        case .null: return .null
        }
    }

    /// The elements of an array.
    public struct Elements: Sequence, IteratorProtocol {
        var iterator = sj_iterator()
        let valid: Bool

        init(container: sj_value) { valid = sj_array_begin(container, &iterator) }

        private init() { valid = false }

        /// No elements: for optional arrays that are absent.
        public static var empty: Elements { Elements() }

        /// The next element.
        public mutating func next() -> JSONElement? {
            var element = sj_value()
            guard valid, sj_array_next(&iterator, &element) else { return nil }
            return JSONElement(handle: element)
        }
    }

    /// The members of an object.
    public struct Members: Sequence, IteratorProtocol {
        var iterator = sj_iterator()
        let valid: Bool

        init(container: sj_value) { valid = sj_object_begin(container, &iterator) }

        /// The next member.
        public mutating func next() -> (key: JSONKey, value: JSONElement)? {
            var key: UnsafePointer<CChar>?
            var length = 0
            var value = sj_value()
            guard valid, sj_object_next(&iterator, &key, &length, &value), let key else { return nil }
            let bytes = UnsafeBufferPointer(
                start: UnsafeRawPointer(key).assumingMemoryBound(to: UInt8.self), count: length)
            return (JSONKey(utf8: bytes), JSONElement(handle: value))
        }
    }
}

/// An object key read in place; compare it without allocating a `String`.
public struct JSONKey {
    /// The key's UTF-8 bytes.
    public let utf8: UnsafeBufferPointer<UInt8>

    /// A copy of the key.
    public var string: String { String(decoding: utf8, as: UTF8.self) }

    /// Whether the key equals `other`, byte for byte.
    public static func == (key: JSONKey, other: StaticString) -> Bool {
        guard key.utf8.count == other.utf8CodeUnitCount else { return false }
        guard let base = key.utf8.baseAddress else { return true }
        return memcmp(base, other.utf8Start, key.utf8.count) == 0
    }

    /// Whether the key ends with `suffix`.
    public func hasSuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard utf8.count >= count, let base = utf8.baseAddress else { return count == 0 }
        return memcmp(base + (utf8.count - count), suffix.utf8Start, count) == 0
    }
}
