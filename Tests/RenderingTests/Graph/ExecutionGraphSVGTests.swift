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

    /// `--expand-maps` of a 500-iteration Map drew 200 iterations side by side: a 14,599 × 764 pt strip. In
    /// rows, the picture stays about as tall as wide, and still holds every iteration drawn apart.
    @Test func manyIterationsDrawnApartWrapIntoRows() throws {
        let (tree, diagnosis) = try TestHistory.largeMap(iterations: 500, failing: [123, 321]).analysed()
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis, options: ExecutionGraphOptions(expandMaps: true))
        let apart = graph.clusters.filter { if case .iteration = $0.kind { return true } else { return false } }
        #expect(apart.count >= 100)
        let rows = IterationRows(graph)
        let rowLength = try #require(rows.wrapped.first?.rowLength)
        #expect(rows.wrapped.map(\.count) == [apart.count])
        #expect((8..<apart.count).contains(rowLength))
        // Only the first row keeps the Map's arrows; every later iteration hangs under the one above.
        let fanOuts = graph.edges.enumerated().filter {
            if case .fanOut = $1.kind { return true } else { return false }
        }
        let written = fanOuts.filter { !rows.hiddenEdges.contains($0.offset) }
        #expect(written.count == fanOuts.count - (apart.count - rowLength))
        #expect(rows.rowEdges.count >= apart.count - rowLength)

        let bytes = try GraphvizRenderer.render(dot: graph.dot(), format: .svg)
        let text = String(decoding: bytes, as: UTF8.self)
        let size = try #require(text.firstMatch(of: /<svg width="([0-9.]+)pt" height="([0-9.]+)pt"/))
        let width = try #require(Double(size.1))
        let height = try #require(Double(size.2))
        #expect(width / height < 2.5 && height / width < 2.5, "\(width) × \(height) pt")
        #expect(width < 4_000, "\(width) pt wide")
        let structure = SVGStructure(parsing: text)
        #expect(structure.isWellFormed)
        #expect(structure.groups(ofClass: "cluster").count == graph.clusters.count + 1)
        #expect(structure.texts.contains { $0.contains("iterations drawn apart, in rows of \(rowLength)") })
    }

    @Test func aFewIterationsKeepTheirRow() throws {
        let (tree, diagnosis) = try TestHistory.largeMap(iterations: 6, failing: [2]).analysed()
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis, options: ExecutionGraphOptions(expandMaps: true))
        let rows = IterationRows(graph)
        #expect(rows.wrapped.isEmpty && rows.hiddenEdges.isEmpty && rows.rowEdges.isEmpty)
    }
}
