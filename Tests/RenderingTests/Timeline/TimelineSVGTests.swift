import Foundation
import RetraceTestSupport
import Testing

@testable import Rendering

/// The timeline's SVG: one golden file (the SVG is ours, byte for byte) and its structure read back as XML.
@Suite("Timeline: SVG")
struct TimelineSVGTests {
    @Test func retryThenCatchMatchesGoldenFile() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/retry-then-catch.json")
        Snapshot.expectMatches(
            Timeline(tree: tree, diagnosis: diagnosis).svg(), named: "timelines/sample-retry-then-catch.svg",
            filePath: TestHistory.snapshotAnchor)
    }

    @Test(arguments: TestHistory.packageFiles)
    func structureMatchesTheRows(file: String) throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: file)
        let timeline = Timeline(tree: tree, diagnosis: diagnosis)
        let structure = SVGStructure(parsing: timeline.svg())
        #expect(structure.isWellFormed, "\(structure.parseError ?? "")")
        let rows = structure.groups.filter { $0.className.split(separator: " ").first == "row" }
        #expect(rows.count == timeline.rows.count)
        #expect(structure.rootAttributes["width"] == "1200")
        if timeline.timesKnown {
            #expect(structure.groups(ofClass: "axis").count == 1)
            #expect(structure.texts.contains("0 ms"))
        }
    }

    @Test func mapFailureMarksTheRootCauseAndFailedAttempts() throws {
        let (tree, diagnosis) = try TestHistory.analysed(file: "Samples/map-failure.json")
        let svg = Timeline(tree: tree, diagnosis: diagnosis).svg()
        let structure = SVGStructure(parsing: svg)
        #expect(structure.isWellFormed)
        #expect(structure.groups.contains { $0.className == "row visit failed root-cause" })
        #expect(svg.contains("class=\"bar attempt failed root-cause\""))
        #expect(svg.contains("class=\"marker failed\""), "a cross marks the failed attempt")
        #expect(structure.texts.contains("✗ Transform · Task · failed"))
        #expect(
            structure.texts.contains(
                "root cause: TransformRecords › iteration 17 › Transform › attempt 1 of 1 — ValueError"))
        #expect(structure.texts.contains("2 s"))
        #expect(structure.texts.contains("failed attempt"))
    }
}
