import Foundation
import RetraceCore
import StepFunctions
import Testing

@testable import Rendering

/// A history whose state names, errors and causes are hostile strings (quotes, backslashes, line breaks,
/// `<script>`, `"]; x [label="`, references, controls, emoji, CJK): the graph's DOT keeps exactly its own
/// nodes, the SVG Graphviz draws and our timeline SVG are well-formed and show the text as text.
@Suite("Execution graph and timeline: hostile strings")
struct GraphHostileStringTests {
    static let names = HostileStringTests.hostile

    /// Every hostile string as a state name; every one also as the error and cause of a caught failure; the
    /// last task fails with one, uncaught.
    static func history() -> TestHistory {
        var history = TestHistory()
        var last = history.start()
        for (index, text) in names.enumerated() {
            last = history.pass(text, after: last)
            last = history.task("catching \(index)", after: last, failures: [(text, text)], ends: .caught)
        }
        last = history.task(names[0], after: last, failures: [(names[5], names[1])], ends: .fails)
        history.fail(after: last, error: names[5], cause: names[1])
        return history
    }

    /// What a label line shows for `text`: line breaks as spaces (labels are one line), then as the reader
    /// sees it (characters XML cannot hold as U+FFFD).
    static func shown(_ text: String) -> String {
        HostileStringTests.displayed(String(text.map { $0.isNewline ? " " : $0 }))
    }

    @Test func dotHoldsExactlyTheGraphsOwnNodes() throws {
        let (tree, diagnosis) = try Self.history().analysed()
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        #expect(Set(graph.nodes.filter { $0.kind == .state }.map(\.name)).isSuperset(of: Set(Self.names)))
        let summary = try GraphvizRenderer.summarize(dot: graph.dot())
        let ids = summary.nodeNames.filter { !$0.hasPrefix("legend_") }
        #expect(ids == graph.nodes.map(\.id), "only generated ids, in order: no label broke out")
        #expect(summary.edgeCount == graph.edges.count)
        #expect(Set(summary.subgraphNames) == ["cluster_legend"])
        let root = try #require(graph.nodes.first { $0.isRootCause })
        #expect(root.name == Self.names[0])
        #expect(root.error == Self.names[5])
    }

    @Test func graphvizSVGShowsTheTextAsText() throws {
        let (tree, diagnosis) = try Self.history().analysed()
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        let rendered = try GraphvizRenderer.renderCollectingWarnings(dot: graph.dot(), format: .svg)
        let svg = String(decoding: rendered.bytes, as: UTF8.self)
        let structure = SVGStructure(parsing: svg)
        #expect(structure.isWellFormed, "\(structure.parseError ?? "")")
        #expect(!structure.elementNames.contains("script"))
        #expect(!svg.contains("<script"))
        let texts = Set(structure.texts.map { $0.replacingOccurrences(of: "\u{2060}", with: "") })
        for name in Self.names where name.count <= ExecutionGraphDOTWriter.nameLength {
            let expected = Self.shown(name).replacingOccurrences(of: "\u{2060}", with: "")
            #expect(texts.contains(expected), "state name \(name.debugDescription) not shown as written")
        }
        for name in Self.names where name.count <= 40 {
            let expected = ("Catch: " + Self.shown(name)).replacingOccurrences(of: "\u{2060}", with: "")
            #expect(texts.contains(expected), "caught error \(name.debugDescription) not shown as written")
        }
        #expect(texts.contains("ROOT CAUSE: " + Self.shown(Self.names[5])))
        let titles = structure.groups(ofClass: "node").map(\.title).filter { !$0.hasPrefix("legend_") }
        #expect(titles.allSatisfy { $0.hasPrefix("n") && Int($0.dropFirst()) != nil })
    }

    @Test func timelineSVGIsWellFormedAndShowsTheNames() throws {
        let (tree, diagnosis) = try Self.history().analysed()
        let svg = Timeline(tree: tree, diagnosis: diagnosis).svg()
        let structure = SVGStructure(parsing: svg)
        #expect(structure.isWellFormed, "\(structure.parseError ?? "")")
        #expect(!structure.elementNames.contains("script"))
        #expect(!svg.contains("<script"))
        for name in Self.names where TerminalText.width(of: TerminalText.sanitized(name)) <= 40 {
            let label = XMLEscaper.removingIllegalCharacters(TerminalText.sanitized(name)) + " · Pass"
            #expect(structure.texts.contains(label), "row label \(name.debugDescription) not shown as written")
        }
    }
}
