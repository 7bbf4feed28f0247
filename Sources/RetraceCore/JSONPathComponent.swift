/// One step of a path into a JSON document, used to say where a value that did not fit was found.
public enum JSONPathComponent: Sendable, Hashable {
    /// An object member.
    case key(String)
    /// An array element, from 0.
    case index(Int)
}

extension Array where Element == JSONPathComponent {
    /// The path written as people read it: `events[412].id` (a leading `$` for the whole document).
    public var pathDescription: String {
        var text = ""
        for component in self {
            switch component {
            case .key(let key):
                let plain = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
                if plain {
                    text += text.isEmpty ? key : ".\(key)"
                } else {
                    text += "[\"\(key)\"]"
                }
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text.isEmpty ? "the top level" : text
    }
}
