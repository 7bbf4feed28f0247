import Foundation
import Testing

@testable import Rendering

@Suite("XMLEscaper")
struct XMLEscaperTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a & b", "a &amp; b"),
        ("<script>", "&lt;script&gt;"),
        ("]]>", "]]&gt;"),
        ("\"quotes\" and 'apostrophes'", "\"quotes\" and 'apostrophes'"),
        ("&amp;", "&amp;amp;"),
        ("nul\u{0}bell\u{7}esc\u{1B}", "nulbellesc"),
        ("keeps\ttab\nand\r\nbreaks", "keeps\ttab\nand\r\nbreaks"),
        ("non-characters\u{FFFE}\u{FFFF}", "non-characters"),
        ("C1 \u{85} is allowed", "C1 \u{85} is allowed"),
        ("日本語 🚀", "日本語 🚀"),
    ])
    func text(input: String, expected: String) {
        #expect(XMLEscaper.escapeText(input) == expected)
    }

    @Test(arguments: [
        ("a\"b", "a&quot;b"),
        ("it's", "it&apos;s"),
        ("<&>", "&lt;&amp;&gt;"),
        ("line\nbreak\ttab\rreturn", "line&#10;break&#9;tab&#13;return"),
        ("\u{1}\u{1F}", ""),
    ])
    func attribute(input: String, expected: String) {
        #expect(XMLEscaper.escapeAttribute(input) == expected)
    }

    @Test func escapedTextRoundTripsThroughAnXMLParser() {
        let hostile = "x\"y'z <b>&amp; ]]> \u{0}\u{8}\u{B}\u{C}\u{1B}[0m 🚀 処理 \r\n\t end"
        let document =
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><g class=\"\(XMLEscaper.escapeAttribute(hostile))\">"
            + "<text>\(XMLEscaper.escapeText(hostile))</text></g></svg>"
        let structure = SVGStructure(parsing: document)
        #expect(structure.isWellFormed, "\(structure.parseError ?? "")")
        let expected = XMLEscaper.removingIllegalCharacters(hostile)
        #expect(structure.groups.first?.className == expected)
        // Text content: the parser normalises CR LF to LF.
        #expect(structure.texts == [expected.replacingOccurrences(of: "\r\n", with: "\n")])
    }

    @Test func legalCharactersAreLeftAlone() {
        let text = "nothing to remove: <&> \t\n"
        #expect(XMLEscaper.removingIllegalCharacters(text) == text)
        #expect(XMLEscaper.removingIllegalCharacters("a\u{0}b\u{FFFF}") == "ab")
    }

    @Test(arguments: [
        ("data-state", "data-state"),
        ("xlink:href", "xlink:href"),
        ("onload=\"x\"", "onloadx"),
        ("1abc", "_1abc"),
        ("-x", "_-x"),
        ("", "_"),
        ("<>", "_"),
    ])
    func names(input: String, expected: String) {
        #expect(XMLEscaper.sanitizedName(input) == expected)
    }
}
