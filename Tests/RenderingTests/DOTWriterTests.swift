import RetraceTestSupport
import Testing

@testable import Rendering

@Suite("DOTWriter")
struct DOTWriterTests {
    /// A graph shaped like what the execution graph will draw: a start, a task with a retry edge, a
    /// parallel state whose branches are nested clusters, a failure at the end.
    static func runLikeGraph() -> DOTWriter {
        var writer = DOTWriter(
            name: "order-pipeline",
            graphAttributes: ["rankdir": "TB", "fontname": "Helvetica", "nodesep": 0.4],
            nodeDefaults: ["shape": "box", "style": "rounded,filled", "fillcolor": "white"],
            edgeDefaults: ["color": "#555555", "arrowsize": 0.7]
        )
        writer.addComment("execution arn:aws:states:eu-west-1:123456789012:execution:orders:run-42")
        writer.addNode("start", ["shape": "circle", "label": "", "width": 0.2])
        writer.addNode("Validate", ["label": "Validate\n1.25 s", "fillcolor": "#d4edda"])
        let parallel = writer.addCluster("ProcessInParallel", ["label": "ProcessInParallel", "style": "dashed"])
        let branch1 = writer.addCluster("ProcessInParallel/0", ["label": "branch 0"], in: parallel)
        writer.addNode("ChargeCard", ["label": "ChargeCard\nattempts: 3"], in: branch1)
        let branch2 = writer.addCluster("ProcessInParallel/1", ["label": "branch 1"], in: parallel)
        writer.addComment("failed here", in: branch2)
        writer.addNode("Reserve", ["label": "Reserve", "fillcolor": "#f8d7da", "penwidth": 2], in: branch2)
        writer.addNode("Failed", ["shape": "doubleoctagon", "label": "States.TaskFailed"])
        writer.addEdge(from: "start", to: "Validate")
        writer.addEdge(from: "Validate", to: "ChargeCard")
        writer.addEdge(from: "Validate", to: "Reserve")
        writer.addEdge(from: "ChargeCard", to: "ChargeCard", ["label": "retry ×2", "style": "dashed"])
        writer.addEdge(from: "Reserve", to: "Failed", ["label": "Catch: States.ALL", "color": "red"])
        return writer
    }

    @Test func runLikeGraphMatchesSnapshot() {
        Snapshot.expectMatches(Self.runLikeGraph().render(), named: "run-like.dot")
    }

    @Test func renderingIsDeterministic() {
        #expect(Self.runLikeGraph().render() == Self.runLikeGraph().render())
    }

    @Test func graphvizReadsTheRunLikeGraphAsIntended() throws {
        let summary = try GraphvizRenderer.summarize(dot: Self.runLikeGraph().render())
        #expect(summary.name == "order-pipeline")
        #expect(summary.isDirected)
        #expect(summary.nodeNames == ["start", "Validate", "ChargeCard", "Reserve", "Failed"])
        #expect(summary.edgeCount == 5)
        #expect(
            summary.subgraphNames == [
                "cluster_ProcessInParallel", "cluster_ProcessInParallel/0", "cluster_ProcessInParallel/1",
            ])
    }

    @Test func edgesAreWrittenAtTopLevelAfterAllClusters() {
        let lines = Self.runLikeGraph().render().split(separator: "\n").map(String.init)
        var depth = 0
        var lastClosingBrace = 0
        for (number, line) in lines.enumerated() {
            if line.hasSuffix("{") {
                depth += 1
            }
            if line.drop(while: { $0 == " " }) == "}" {
                depth -= 1
                lastClosingBrace = number
            }
            if line.contains(" -> ") {
                #expect(depth == 1, "edge inside a subgraph: \(line)")
                #expect(line.hasPrefix("    \"") && !line.hasPrefix("        "))
            }
        }
        let firstEdge = lines.firstIndex { $0.contains(" -> ") } ?? 0
        let lastSubgraphClose = lines.indices.last { lines[$0] == "    }" } ?? 0
        #expect(firstEdge > lastSubgraphClose)
        #expect(lastClosingBrace == lines.count - 1)
        #expect(depth == 0)
    }

    @Test func osageLaysOutNestedClustersWithEdges() throws {
        // osage crashes when edges are declared inside clusters; the writer never does that.
        let svg = try GraphvizRenderer.render(dot: Self.runLikeGraph().render(), format: .svg, layout: "osage")
        let structure = SVGStructure(parsing: String(decoding: svg, as: UTF8.self))
        #expect(structure.isWellFormed)
        #expect(structure.groups(ofClass: "cluster").count == 3)
    }

    @Test func emptyGraphIsMinimal() {
        #expect(DOTWriter().render() == "digraph \"G\" {\n}\n")
    }

    @Test func attributesKeepOrderAndReplaceInPlace() {
        var attributes: DOTAttributes = ["b": "1", "a": "2", "b": "3"]
        #expect(attributes.entries.map(\.name) == ["b", "a"])
        #expect(attributes["b"] == "3")
        attributes["c"] = 4
        attributes["a"] = nil
        attributes["b"] = "5"
        #expect(attributes.entries.map(\.name) == ["b", "c"])
        var writer = DOTWriter()
        writer.addNode("n", attributes)
        #expect(writer.render().contains("\"n\" [b=\"5\", c=\"4\"];"))
    }

    @Test(arguments: [
        (DOTValue.number(0.5), "\"0.5\""),
        (DOTValue.number(2), "\"2\""),
        (DOTValue.number(-0.0), "\"0\""),
        (DOTValue.number(.nan), "\"0\""),
        (DOTValue.number(.infinity), "\"0\""),
        (DOTValue.integer(-7), "\"-7\""),
        (DOTValue.bool(true), "\"true\""),
        (DOTValue.text("x", alignment: .left), "\"x\\l\""),
        (DOTValue.text("a\nb", alignment: .right), "\"a\\rb\\r\""),
        (DOTValue.text("a\r\nb\rc"), "\"a\\nb\\nc\""),
        (DOTValue.text("line\n", alignment: .left), "\"line\\l\""),
        (DOTValue.text(""), "\"\""),
    ])
    func valuesAreQuoted(value: DOTValue, expected: String) {
        #expect(DOTEscaper.value(value) == expected)
    }

    @Test func unusualAttributeNamesAreQuoted() {
        #expect(DOTEscaper.attributeName("fontname") == "fontname")
        #expect(DOTEscaper.attributeName("_x1") == "_x1")
        #expect(DOTEscaper.attributeName("1x") == "\"1x\"")
        #expect(DOTEscaper.attributeName("a b") == "\"a b\"")
        #expect(DOTEscaper.attributeName("x\"];") == "\"x\\\"];\"")
    }

    @Test func commentsCannotEscapeTheirLine() throws {
        var writer = DOTWriter()
        writer.addComment("first\nx -> y\r\nz -> w\rlast\u{0}")
        writer.addComment("")
        let text = writer.render()
        #expect(text == "digraph \"G\" {\n    // first\n    // x -> y\n    // z -> w\n    // last \n    //\n}\n")
        let summary = try GraphvizRenderer.summarize(dot: text)
        #expect(summary.nodeNames.isEmpty)
        #expect(summary.edgeCount == 0)
    }

    @Test func htmlLabelMatchesSnapshotAndParses() throws {
        var writer = DOTWriter(name: "html")
        let label = DOTHTMLLabel.element(
            "TABLE", ["BORDER": "0", "CELLSPACING": "0"],
            [
                .element("TR", [:], [.element("TD", ["BGCOLOR": "#eeeeee"], [.bold(.text("Reserve <Task>"))])]),
                .element("HR"),
                .element(
                    "TR", [:],
                    [.element("TD", ["TOOLTIP": "say \"hi\" & 'bye'"], [.text("a & b\nc > d"), .lineBreak])]),
            ])
        writer.addNode("n", ["shape": "plain", "label": .html(label)])
        let text = writer.render()
        Snapshot.expectMatches(text, named: "html-label.dot")
        let rendered = try GraphvizRenderer.renderCollectingWarnings(dot: text, format: .svg)
        #expect(rendered.warnings.isEmpty, "Graphviz rejected the HTML label: \(rendered.warnings)")
        let structure = SVGStructure(parsing: String(decoding: rendered.bytes, as: UTF8.self))
        #expect(structure.isWellFormed)
        #expect(structure.texts.contains("Reserve <Task>"))
        #expect(structure.texts.contains("a & b"))
        #expect(structure.texts.contains("c > d"))
    }

    @Test func htmlElementAndAttributeNamesAreReducedToLettersAndDigits() {
        let label = DOTHTMLLabel.element("B><script", ["x\"=1 onload": "v"], [.text("t")])
        #expect(DOTEscaper.html(label) == "<Bscript x1onload=\"v\">t</Bscript>")
        #expect(DOTEscaper.html(.element("!!", [:], [.text("kept")])) == "kept")
    }

    @Test func deeplyNestedClustersDoNotExhaustTheStackOrTheIndentation() throws {
        var writer = DOTWriter()
        var parent = DOTWriter.Cluster.root
        for level in 0..<20_000 {
            parent = writer.addCluster("c\(level)", in: parent)
        }
        writer.addNode("deep", in: parent)
        let text = writer.render()
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1 + 20_000 + 1 + 20_000 + 1)
        #expect(lines.allSatisfy { $0.prefix { $0 == " " }.count <= 64 })
        #expect(text.hasSuffix("}\n}\n"))
    }

    @Test func clusterHandlesFromAnotherWriterFallBackToTheRoot() {
        var other = DOTWriter()
        _ = other.addCluster("a")
        let foreign = other.addCluster("b")
        var writer = DOTWriter()
        writer.addNode("n", in: foreign)
        #expect(writer.render() == "digraph \"G\" {\n    \"n\";\n}\n")
        #expect(writer.declaredNodeCount == 1)
    }
}
