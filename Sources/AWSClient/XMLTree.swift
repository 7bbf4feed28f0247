import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML answer of an AWS query API (CloudFormation, STS) as a small tree of elements: names, text and children,
/// in document order. The query APIs answer in XML only; their answers are a few hundred kilobytes at most, so a
/// tree is simpler to read than events. Parsed by libxml2 through FoundationXML, which the toolchain ships.
public struct XMLTree: Sendable, Hashable {
    /// The element's local name (`member`, `StackEvents`).
    public var name: String
    /// The element's own text, entities decoded (empty for an element that only holds others).
    public var text: String
    /// The child elements, in order.
    public var children: [XMLTree]

    /// Creates an element.
    public init(name: String, text: String = "", children: [XMLTree] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// Parses `data`; `nil` when it is not well-formed XML.
    public static func parse(_ data: Data) -> XMLTree? {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = true
        guard parser.parse() else { return nil }
        return builder.root
    }

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

    /// Builds the tree from the parser's events.
    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLTree] = []
        var root: XMLTree?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            stack.append(XMLTree(name: elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            guard var element = stack.popLast() else { return }
            if !element.children.isEmpty, element.text.allSatisfy(\.isWhitespace) { element.text = "" }
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].children.append(element)
            }
        }
    }
}
