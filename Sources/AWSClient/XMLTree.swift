import CExpat
import Foundation

/// An XML answer of an AWS query API (CloudFormation, STS) as a small tree of elements: names, text and children,
/// in document order. The query APIs answer in XML only; their answers are a few hundred kilobytes at most, so a
/// tree is simpler to read than events. Parsed by Expat, which Graphviz loads into the process anyway.
public struct XMLTree: Sendable, Hashable {
    /// The element's local name (`member`, `StackEvents`).
    public var name: String
    /// The element's own text, entities decoded (empty for an element that only holds others).
    public var text: String
    /// The child elements, in order.
    public var children: [XMLTree]

    /// Deepest nesting accepted: AWS answers nest a dozen levels; a deeper document is refused rather than built
    /// (and later released) element by element.
    static let maximumDepth = 256

    /// Creates an element.
    public init(name: String, text: String = "", children: [XMLTree] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// Parses `data`; `nil` when it is not well-formed XML or nests deeper than `maximumDepth`.
    public static func parse(_ data: Data) -> XMLTree? {
        // Names arrive as "namespace URI, separator, local name" (the local name alone outside any namespace).
        guard let parser = XML_ParserCreateNS(nil, XMLTree.namespaceSeparator) else { return nil }
        defer { XML_ParserFree(parser) }
        let builder = Builder()
        let unmanaged = Unmanaged.passRetained(builder)
        defer { unmanaged.release() }
        XML_SetUserData(parser, unmanaged.toOpaque())
        XML_SetElementHandler(
            parser,
            { user, name, _ in Builder.from(user).start(name.map { String(cString: $0) } ?? "") },
            { user, _ in Builder.from(user).end() })
        XML_SetCharacterDataHandler(parser) { user, characters, length in
            guard let characters, length > 0 else { return }
            let bytes = UnsafeRawBufferPointer(start: characters, count: Int(length))
            Builder.from(user).characters(String(decoding: bytes, as: UTF8.self))
        }
        let status = data.withUnsafeBytes { bytes in
            XML_Parse(parser, bytes.bindMemory(to: CChar.self).baseAddress, Int32(clamping: bytes.count), 1)
        }
        guard status == XML_STATUS_OK, !builder.tooDeep else { return nil }
        return builder.root
    }

    private static let namespaceSeparator = CChar(UInt8(ascii: "|"))

    /// The first child named `name`.
    public func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// The text of the first child named `name`.
    public func value(_ name: String) -> String? { child(name)?.text }

    /// The first element named `name` anywhere below this one (depth first), itself included.
    public func first(_ name: String) -> XMLTree? {
        if self.name == name { return self }
        for child in children {
            if let found = child.first(name) { return found }
        }
        return nil
    }

    /// Builds the tree from the parser's callbacks.
    private final class Builder {
        var stack: [XMLTree] = []
        var root: XMLTree?
        var tooDeep = false

        /// The builder given to the parser as its user data, set before parsing and alive until the parser is
        /// freed.
        static func from(_ user: UnsafeMutableRawPointer?) -> Builder {
            guard let user else { preconditionFailure("Expat called back without the user data it was given") }
            return Unmanaged<Builder>.fromOpaque(user).takeUnretainedValue()
        }

        func start(_ qualified: String) {
            guard !tooDeep else { return }
            guard stack.count < XMLTree.maximumDepth else {
                tooDeep = true
                return
            }
            let local = qualified.split(separator: "|").last.map(String.init) ?? qualified
            stack.append(XMLTree(name: local))
        }

        func characters(_ text: String) {
            guard !tooDeep, !stack.isEmpty else { return }
            stack[stack.count - 1].text += text
        }

        func end() {
            guard !tooDeep, var element = stack.popLast() else { return }
            if !element.children.isEmpty, element.text.allSatisfy(\.isWhitespace) { element.text = "" }
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].children.append(element)
            }
        }
    }
}
