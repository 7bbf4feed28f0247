import Foundation
import Testing

@testable import Rendering

/// Graphs drawn by Graphviz, checked as XML: the node, edge and cluster groups the model promises, with the
/// labels people read. Geometry depends on the installed fonts, so it is not compared.
@Suite("Execution graph: SVG through Graphviz")
struct ExecutionGraphSVGTests {
    static func svg(_ graph: ExecutionGraph, direction: GraphDirection = .topToBottom) throws -> SVGStructure {
        let bytes = try GraphvizRenderer.render(dot: graph.dot(direction: direction), format: .svg)
        return SVGStructure(parsing: String(decoding: bytes, as: UTF8.self))
    }

    static func legendNodes(_ graph: ExecutionGraph) -> Int {
        Set(graph.nodes.compactMap(\.status)).count + (graph.nodes.contains { $0.isRootCause } ? 1 : 0)
            + (graph.nodes.contains(where: \.isNeverEntered) ? 1 : 0) + 1
    }

    @Test(arguments: TestHistory.packageFiles)
    func groupsMatchTheModel(file: String) throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: file)
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        let structure = try Self.svg(graph)
        #expect(structure.isWellFormed, "\(structure.parseError ?? "")")
        let nodeTitles = structure.groups(ofClass: "node").map(\.title)
        #expect(Set(nodeTitles.filter { !$0.hasPrefix("legend_") }) == Set(graph.nodes.map(\.id)))
        #expect(nodeTitles.count == graph.nodes.count + Self.legendNodes(graph))
        let visibleEdges = graph.edges.filter { $0.kind != .layout }
        #expect(structure.groups(ofClass: "edge").count == visibleEdges.count)
        #expect(
            Set(structure.groups(ofClass: "cluster").map(\.title))
                == Set(graph.clusters.map { "cluster_" + $0.id } + ["cluster_legend"]))
        // Every state's name is written in the picture.
        for node in graph.nodes where node.kind == .state {
            #expect(structure.texts.contains(node.name), "\(node.name) in \(file)")
        }
    }

    @Test func mapFailureReadsRight() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/map-failure.json")
        let structure = try Self.svg(ExecutionGraph(tree: tree, diagnosis: diagnosis))
        #expect(structure.texts.contains("ROOT CAUSE: ValueError"))
        #expect(structure.texts.contains("TransformRecords: 25 iterations"))
        #expect(structure.texts.contains("17 succeeded, 1 failed, 7 aborted"))
        #expect(structure.texts.contains("TransformRecords · iteration 17 · failed · 2.27 s"))
        #expect(structure.texts.contains { $0.hasPrefix("· TransformRecords: 25 iterations") })
        #expect(structure.texts.contains("Legend"))
        #expect(structure.texts.contains("the graph reads without colour."))
    }

    @Test(arguments: [GraphFormat.png, .pdf])
    func bitmapAndDocumentFormatsRender(format: GraphFormat) throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/order-success.json")
        let bytes = try GraphvizRenderer.render(
            dot: ExecutionGraph(tree: tree, diagnosis: diagnosis).dot(), format: format)
        let magic: [UInt8] = format == .png ? [0x89, 0x50, 0x4E, 0x47] : Array("%PDF".utf8)
        #expect(Array(bytes.prefix(4)) == magic)
    }

    @Test func largeMapLaysOutQuickly() throws {
        // A 1,000-iteration Map with failures: the graph stays small, so Graphviz lays it out at once.
        let failing: Set<Int> = Set(stride(from: 7, to: 1000, by: 97))
        let (tree, diagnosis) = try TestHistory.largeMap(iterations: 1000, failing: failing).analysed()
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis, options: ExecutionGraphOptions(expandMaps: true))
        #expect(graph.nodes.count <= ExecutionGraphOptions().nodeBudget + 10)
        let structure = try Self.svg(graph)
        #expect(structure.isWellFormed)
        #expect(structure.groups(ofClass: "node").count == graph.nodes.count + Self.legendNodes(graph))
    }
}
