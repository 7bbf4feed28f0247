import Foundation
import Testing

@testable import AWSClient

/// The XML answers of the query APIs as `XMLTree` reads them: local names whatever the namespace, text with its
/// entities and character references decoded, CDATA kept, and nothing at all for a document that is not
/// well-formed or nests absurdly deep.
@Suite("XMLTree")
struct XMLTreeTests {
    @Test func anAnswerIsReadWithLocalNamesAndDecodedText() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeStackEventsResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <DescribeStackEventsResult>
                <StackEvents>
                  <member><LogicalResourceId>Queue</LogicalResourceId>
                    <ResourceStatusReason>a &lt;b&gt; &amp; &quot;c&quot; &#233;&#x1F680;</ResourceStatusReason>
                  </member>
                  <member><LogicalResourceId><![CDATA[<raw & kept>]]></LogicalResourceId></member>
                </StackEvents>
                <x:Token xmlns:x="urn:other">t1</x:Token>
              </DescribeStackEventsResult>
            </DescribeStackEventsResponse>
            """
        let tree = try #require(XMLTree.parse(Data(xml.utf8)))
        #expect(tree.name == "DescribeStackEventsResponse")
        #expect(tree.text.isEmpty)
        let members = try #require(tree.first("StackEvents")).children
        #expect(members.map(\.name) == ["member", "member"])
        #expect(members[0].value("ResourceStatusReason") == "a <b> & \"c\" é🚀")
        #expect(members[1].value("LogicalResourceId") == "<raw & kept>")
        #expect(tree.first("Token")?.text == "t1")
    }

    @Test(arguments: [
        "", "<a>", "<a></b>", "<a>&undefined;</a>", "plain text", "<a><b></a></b>", "<a/><b/>",
    ])
    func aDocumentThatIsNotWellFormedIsRefused(xml: String) {
        #expect(XMLTree.parse(Data(xml.utf8)) == nil)
    }

    @Test func nestingBeyondTheLimitIsRefusedAndWithinItRead() {
        func nested(_ depth: Int) -> Data {
            Data((String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)).utf8)
        }
        #expect(XMLTree.parse(nested(XMLTree.maximumDepth))?.name == "a")
        #expect(XMLTree.parse(nested(XMLTree.maximumDepth + 1)) == nil)
        #expect(XMLTree.parse(nested(100_000)) == nil)
    }

    @Test func entityExpansionBombsAreRefused() {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY e0 \"ha\">"
        for level in 1...12 { xml += "<!ENTITY e\(level) \"" + String(repeating: "&e\(level - 1);", count: 10) + "\">" }
        xml += "]><b>&e12;</b>"
        #expect(XMLTree.parse(Data(xml.utf8)) == nil)
    }
}
