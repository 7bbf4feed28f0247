import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What an SVG document contains, read with a real XML parser: proof that it is well-formed, plus the
/// groups Graphviz writes (`<g class="node">` with a `<title>`) and every text.
final class SVGStructure: NSObject, XMLParserDelegate {
    struct Group: Equatable {
        var className: String
        var id: String?
        var title: String
    }

    private(set) var groups: [Group] = []
    private(set) var texts: [String] = []
    private(set) var elementNames: [String] = []
    private(set) var rootAttributes: [String: String] = [:]
    private(set) var parseError: String?

    private var openGroups: [Group?] = []
    private var elementStack: [String] = []
    private var characters = ""

    /// Parses `text`; check `parseError` for well-formedness.
    init(parsing text: String) {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        if !parser.parse() {
            parseError = parser.parserError.map { "\($0)" } ?? "unknown XML error"
        }
    }

    var isWellFormed: Bool { parseError == nil }

    func groups(ofClass className: String) -> [Group] {
        groups.filter { $0.className == className }
    }

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if elementStack.isEmpty {
            rootAttributes = attributes
        }
        elementStack.append(elementName)
        elementNames.append(elementName)
        characters = ""
        if elementName == "g" {
            openGroups.append(Group(className: attributes["class"] ?? "", id: attributes["id"], title: ""))
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        characters += string
    }

    func parser(
        _ parser: XMLParser,
        didEndElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?
    ) {
        elementStack.removeLast()
        switch elementName {
        case "title":
            // The title that belongs to a group is its direct child.
            if elementStack.last == "g", let last = openGroups.indices.last, var group = openGroups[last] {
                group.title = characters
                openGroups[last] = group
            }
        case "text":
            texts.append(characters)
        case "g":
            if let group = openGroups.popLast(), let group {
                groups.append(group)
            }
        default:
            break
        }
        characters = ""
    }
}
