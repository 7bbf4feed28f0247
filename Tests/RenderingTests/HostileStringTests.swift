import Foundation
import RetraceTestSupport
import Testing

@testable import Rendering

/// Text from logs is attacker-controlled in the worst case (a state name, an error cause, a tag). Whatever
/// it holds must land in DOT and SVG as text: never as structure, never as markup, never breaking the file.
@Suite("Hostile strings")
struct HostileStringTests {
    static let hostile: [String] = [
        "\"]; x [label=\"",
        "\\",
        "ends with a backslash\\",
        "a\\\"b",
        "line one\nline two\r\nline three",
        "<script>alert(1)</script>",
        "&",
        "&#1;",
        "&#x0;",
        "&amp;",
        "&lt;script&gt;",
        "&\u{2060}#1;",
        "\u{2060}",
        "🚀 launch 👨‍👩‍👧 family 🇯🇵 flag",
        "処理に失敗しました（再試行）",
        "nul\u{0}bell\u{7}escape\u{1B}[31mdel\u{7F}nel\u{85}",
        "\u{FFFE}\u{FFFF}",
        "\\N \\G \\E \\L \\n \\l",
        "-->",
        "} digraph x { a -> b",
        "<<B>bold</B>>",
        "'single' \"double\"",
        "]]>",
        "x\n#line 5 \"other.gv\"",
        "tab\there",
        String(repeating: "long ", count: 200),
    ]

    /// What a reader should see for a label: the text, with characters XML cannot hold shown as U+FFFD.
    static func displayed(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: out += " "
            case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Ids that DOT can carry exactly (no backslash, control character or ampersand).
    static func isExactlyRepresentable(_ id: String) -> Bool {
        id.unicodeScalars.allSatisfy { scalar in
            scalar != "\\" && scalar != "&" && scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value)
                && scalar.value != 0xFFFE && scalar.value != 0xFFFF
        }
    }

    static func hostileGraph() -> DOTWriter {
        var writer = DOTWriter(name: "hostile \"graph\" }", graphAttributes: ["label": .text(hostile[0])])
        for (index, text) in hostile.enumerated() {
            writer.addComment(text)
            let cluster = writer.addCluster(text, ["label": .text(text), "tooltip": .text(text)])
            writer.addNode("label-\(index)", ["label": .text(text), "tooltip": .text(text)], in: cluster)
            writer.addNode(text, ["shape": "box"], in: cluster)
            let cell = DOTHTMLLabel.element(
                "TD", ["HREF": text, "TOOLTIP": text, "TITLE": text, "ID": text], [.bold(.text(text))])
            let table = DOTHTMLLabel.element("TABLE", [:], [.element("TR", [:], [cell])])
            writer.addNode(
                "html-\(index)", ["label": .html(table), "shape": "plain", "fontname": .text(text), "id": .text(text)])
            writer.addEdge(from: "label-\(index)", to: text, ["label": .text(text), "URL": .text(text)])
        }
        return writer
    }

    @Test func hostileDOTMatchesSnapshot() {
        Snapshot.expectMatches(Self.hostileGraph().render(), named: "hostile.dot")
    }

    @Test func hostileDOTParsesToExactlyTheIntendedGraph() throws {
        let summary = try GraphvizRenderer.summarize(dot: Self.hostileGraph().render())
        #expect(summary.name == "hostile \"graph\" }")
        #expect(summary.nodeNames.count == Self.hostile.count * 3)
        #expect(Set(summary.nodeNames).count == summary.nodeNames.count)
        #expect(summary.edgeCount == Self.hostile.count)
        #expect(summary.subgraphNames.count == Self.hostile.count)
        for id in Self.hostile where Self.isExactlyRepresentable(id) {
            #expect(summary.nodeNames.contains(id), "node \(id.debugDescription) lost or renamed")
            #expect(summary.subgraphNames.contains("cluster_" + id))
        }
    }

    @Test func hostileSVGIsWellFormedAndShowsTheTextAsText() throws {
        let rendered = try GraphvizRenderer.renderCollectingWarnings(dot: Self.hostileGraph().render(), format: .svg)
        #expect(rendered.warnings.isEmpty, "\(rendered.warnings)")
        let svg = String(decoding: rendered.bytes, as: UTF8.self)
        let structure = SVGStructure(parsing: svg)
        #expect(structure.isWellFormed, "\(structure.parseError ?? "")")
        #expect(!structure.elementNames.contains("script"))
        #expect(!svg.contains("<script"))
        #expect(structure.groups(ofClass: "node").count == Self.hostile.count * 3)
        #expect(structure.groups(ofClass: "edge").count == Self.hostile.count)
        #expect(structure.groups(ofClass: "cluster").count == Self.hostile.count)

        // Graphviz writes one <text> per label line; the invisible joiner is the only addition allowed.
        let texts = Set(structure.texts.map { $0.replacingOccurrences(of: "\u{2060}", with: "") })
        for text in Self.hostile where !text.contains("\n") && text.count < 100 {
            let expected = Self.displayed(text).replacingOccurrences(of: "\u{2060}", with: "")
            #expect(texts.contains(expected), "label \(text.debugDescription) not shown as written")
        }
        // `\G` and `\N` in text stay text: the graph's and nodes' names are never substituted.
        #expect(!texts.contains { $0.contains("hostile \"graph\"") })
        #expect(!texts.contains { $0.contains("label-") })
        #expect(texts.contains("line one"))
        #expect(texts.contains("line two"))
        #expect(texts.contains("line three"))

        let titles = Set(structure.groups(ofClass: "node").map(\.title))
        for id in Self.hostile where Self.isExactlyRepresentable(id) {
            #expect(titles.contains(id), "node title \(id.debugDescription) not as written")
        }
    }

    @Test(arguments: [GraphFormat.png, .pdf])
    func hostileGraphRendersAsPictures(format: GraphFormat) throws {
        let bytes = try GraphvizRenderer.render(dot: Self.hostileGraph().render(), format: format)
        #expect(bytes.count > 1000)
    }

    @Test func eachHostileLabelAloneStaysOneNode() throws {
        for text in Self.hostile {
            var writer = DOTWriter()
            writer.addNode("only", ["label": .text(text), "xlabel": .text(text, alignment: .left)])
            writer.addNode(text)
            let summary = try GraphvizRenderer.summarize(dot: writer.render())
            #expect(summary.nodeNames.count == 2, "\(text.debugDescription)")
            #expect(summary.edgeCount == 0)
            #expect(summary.subgraphNames.isEmpty)
        }
    }

    @Test func idsThatDifferOnlyInEscapedCharactersStayDistinct() throws {
        let ids = [
            "a\\b", "a\\\\b", "a\u{1}b", "a\\x01b", "a\nb", "a\\nb", "a&#1;b", "a&\u{2060}#1;b",
            "a&\u{2060}\u{2060}#1;b",
            "a\u{FFFF}b", "a\\uFFFFb",
        ]
        var writer = DOTWriter()
        for id in ids {
            writer.addNode(id)
        }
        let summary = try GraphvizRenderer.summarize(dot: writer.render())
        #expect(summary.nodeNames.count == ids.count)
        #expect(Set(summary.nodeNames).count == ids.count)
    }
}
