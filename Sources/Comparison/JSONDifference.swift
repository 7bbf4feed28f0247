import RetraceCore

/// One place where two JSON documents differ: a member or element present in one only, or a value changed.
public struct JSONDifference: Sendable, Hashable {
    /// What changed.
    public enum Kind: String, Sendable, Hashable {
        /// Only in the second document.
        case added
        /// Only in the first document.
        case removed
        /// In both, with different values.
        case changed
    }

    /// Where, as a JSONPath (`$.order.items[2].quantity`).
    public var path: String
    /// What changed.
    public var kind: Kind
    /// The value in the first document, `nil` when added.
    public var before: JSONValue?
    /// The value in the second document, `nil` when removed.
    public var after: JSONValue?

    /// Creates a difference.
    public init(path: String, kind: Kind, before: JSONValue?, after: JSONValue?) {
        self.path = path
        self.kind = kind
        self.before = before
        self.after = after
    }

    /// The differences between `before` and `after`, in document order, at most `limit` of them: objects are
    /// compared member by member, arrays element by element (by index), anything else by value.
    public static func between(_ before: JSONValue, _ after: JSONValue, limit: Int = 50) -> [JSONDifference] {
        var found: [JSONDifference] = []
        collect(before, after, path: "$", limit: limit, depth: 0, into: &found)
        return found
    }

    private static func collect(
        _ before: JSONValue, _ after: JSONValue, path: String, limit: Int, depth: Int,
        into found: inout [JSONDifference]
    ) {
        guard found.count < limit, before != after else { return }
        switch (before, after) {
        case (.object(let left), .object(let right)) where depth < 64:
            for key in left.keys {
                guard found.count < limit else { return }
                let member = path + memberPath(key)
                if let value = right[key] {
                    if let old = left[key] {
                        collect(old, value, path: member, limit: limit, depth: depth + 1, into: &found)
                    }
                } else {
                    found.append(JSONDifference(path: member, kind: .removed, before: left[key], after: nil))
                }
            }
            for key in right.keys where left[key] == nil {
                guard found.count < limit else { return }
                found.append(JSONDifference(path: path + memberPath(key), kind: .added, before: nil, after: right[key]))
            }
        case (.array(let left), .array(let right)) where depth < 64:
            for index in 0..<max(left.count, right.count) {
                guard found.count < limit else { return }
                let element = "\(path)[\(index)]"
                if index >= right.count {
                    found.append(JSONDifference(path: element, kind: .removed, before: left[index], after: nil))
                } else if index >= left.count {
                    found.append(JSONDifference(path: element, kind: .added, before: nil, after: right[index]))
                } else {
                    collect(left[index], right[index], path: element, limit: limit, depth: depth + 1, into: &found)
                }
            }
        default:
            found.append(JSONDifference(path: path, kind: .changed, before: before, after: after))
        }
    }

    /// `.name` for a plain identifier, `['odd name']` otherwise.
    private static func memberPath(_ key: String) -> String {
        let plain =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy {
                $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
            }
            && !("0"..."9").contains(key.unicodeScalars.first ?? "0")
        if plain { return "." + key }
        return "['" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "']"
    }
}
