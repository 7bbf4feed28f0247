import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

@testable import Rendering

/// Every recorded history of the shared corpus draws: DOT that Graphviz reads, SVG that parses, a timeline
/// that parses; with the definition recorded beside it, the states never entered too.
@Suite("Graphs and timelines of the corpus", .enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
struct GraphCorpusTests {
    @Test(arguments: Corpus.stepFunctionsHistories())
    func rendersWithoutError(history url: URL) throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: url.path)
        var definition: StateMachineDefinition?
        let definitionPath = url.deletingPathExtension().path + ".asl.json"
        if FileManager.default.fileExists(atPath: definitionPath) {
            definition = try? DefinitionDocument.load(path: definitionPath)
        }
        for machine in [nil, definition] {
            let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis, definition: machine)
            #expect(graph.stateNodeCount <= ExecutionGraphOptions().nodeBudget)
            let dot = graph.dot()
            let summary = try GraphvizRenderer.summarize(dot: dot)
            #expect(Set(summary.nodeNames.filter { !$0.hasPrefix("legend_") }) == Set(graph.nodes.map(\.id)))
            let svg = SVGStructure(
                parsing: String(decoding: try GraphvizRenderer.render(dot: dot, format: .svg), as: UTF8.self))
            #expect(svg.isWellFormed, "\(url.lastPathComponent): \(svg.parseError ?? "")")
        }
        let timeline = Timeline(tree: tree, diagnosis: diagnosis)
        let structure = SVGStructure(parsing: timeline.svg())
        #expect(structure.isWellFormed, "\(url.lastPathComponent): \(structure.parseError ?? "")")
        if !timeline.timesKnown {
            #expect(timeline.rows.allSatisfy { $0.bars.isEmpty })
            #expect(structure.texts.contains { $0.hasPrefix("Timestamps are unknown") })
        }
    }
}
