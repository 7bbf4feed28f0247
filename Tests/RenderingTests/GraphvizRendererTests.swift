import Foundation
import Testing

@testable import Rendering

@Suite("GraphvizRenderer")
struct GraphvizRendererTests {
    static let sample = DOTWriterTests.runLikeGraph().render()

    @Test func svgHasTheExpectedGroupsAndTitles() throws {
        let svg = try GraphvizRenderer.render(dot: Self.sample, format: .svg)
        let structure = SVGStructure(parsing: String(decoding: svg, as: UTF8.self))
        #expect(structure.isWellFormed, "\(structure.parseError ?? "")")
        #expect(structure.elementNames.first == "svg")
        #expect(
            Set(structure.groups(ofClass: "node").map(\.title))
                == ["start", "Validate", "ChargeCard", "Reserve", "Failed"])
        #expect(
            Set(structure.groups(ofClass: "edge").map(\.title))
                == [
                    "start->Validate", "Validate->ChargeCard", "Validate->Reserve", "ChargeCard->ChargeCard",
                    "Reserve->Failed",
                ])
        #expect(
            Set(structure.groups(ofClass: "cluster").map(\.title))
                == ["cluster_ProcessInParallel", "cluster_ProcessInParallel/0", "cluster_ProcessInParallel/1"])
        #expect(structure.groups(ofClass: "graph").map(\.title) == ["order-pipeline"])
        // Labels with line breaks become one <text> per line.
        #expect(structure.texts.contains("ChargeCard"))
        #expect(structure.texts.contains("attempts: 3"))
        #expect(structure.texts.contains("retry ×2"))
    }

    @Test func pngHasThePNGSignature() throws {
        let png = try GraphvizRenderer.render(dot: Self.sample, format: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(png.count > 1000)
    }

    @Test func pdfHasThePDFHeader() throws {
        let pdf = try GraphvizRenderer.render(dot: Self.sample, format: .pdf)
        #expect(Array(pdf.prefix(5)) == Array("%PDF-".utf8))
        #expect(String(decoding: pdf.suffix(16), as: UTF8.self).contains("%%EOF"))
    }

    @Test func dotFormatReturnsTheTextWithoutGraphviz() throws {
        // Not even valid DOT: Graphviz is not involved.
        let text = "not a graph ✓"
        #expect(try GraphvizRenderer.render(dot: text, format: .dot) == Array(text.utf8))
    }

    @Test(arguments: ["dot", "neato", "fdp", "circo", "twopi", "osage", "patchwork", "sfdp"])
    func everyInstalledLayoutEngineDrawsTheSample(engine: String) throws {
        let svg = try GraphvizRenderer.render(dot: Self.sample, format: .svg, layout: engine)
        let structure = SVGStructure(parsing: String(decoding: svg, as: UTF8.self))
        #expect(structure.isWellFormed)
        #expect(structure.groups(ofClass: "node").count == 5)
    }

    @Test func syntaxErrorGivesGraphvizMessage() {
        let bad = "digraph {\n  a -> b;\n  c [label=\"x\";\n}\n"
        #expect {
            try GraphvizRenderer.render(dot: bad, format: .svg)
        } throws: { error in
            guard case .syntax(let message) = error as? RenderError else {
                return false
            }
            return message.contains("syntax error") && message.contains("line 4")
                && !message.hasPrefix("Error")
                && "\(error)".hasPrefix("the DOT text is not valid: syntax error in line 4")
        }
    }

    @Test func aSyntaxErrorDoesNotBreakLaterRenders() throws {
        #expect(throws: RenderError.self) { try GraphvizRenderer.summarize(dot: "digraph { a -> }") }
        let summary = try GraphvizRenderer.summarize(dot: "digraph { a -> b }")
        #expect(summary.nodeNames == ["a", "b"])
    }

    @Test func aSecondGraphInOneTextDoesNotLeakIntoTheNextRead() throws {
        // Graphviz's lexer keeps what it read ahead; the next read, of different text, must not get it.
        try GraphvizSession.withExclusiveAccess { () throws(RenderError) in
            let first = try GraphvizRenderer.summarizeHoldingLock(
                dot: "digraph first { x -> y } digraph leftover { z }")
            #expect(first.name == "first")
            #expect(first.nodeNames == ["x", "y"])
            let second = try GraphvizRenderer.summarizeHoldingLock(dot: "digraph second { a }")
            #expect(second.name == "second")
            #expect(second.nodeNames == ["a"])
        }
    }

    @Test func lineNumbersRestartForEveryText() throws {
        try GraphvizSession.withExclusiveAccess { () throws(RenderError) in
            // Text after the graph (here blank lines) is read ahead and would be counted into the next text.
            _ = try GraphvizRenderer.summarizeHoldingLock(dot: "digraph {\n a\n b\n}\n\n\n")
            #expect(throws: RenderError.syntax(message: "syntax error in line 2 near '}'")) {
                try GraphvizRenderer.summarizeHoldingLock(dot: "digraph { a ->\n}")
            }
        }
    }

    @Test(arguments: ["", "   \n", "/* only a comment */"])
    func textWithoutAGraphIsReported(text: String) {
        #expect(throws: RenderError.noGraph) { try GraphvizRenderer.render(dot: text, format: .svg) }
    }

    @Test func nulCharacterIsRejectedBeforeGraphvizTruncatesTheText() {
        #expect(throws: RenderError.nulCharacter(offset: 12)) {
            try GraphvizRenderer.render(dot: "digraph { a \u{0} -> b }", format: .png)
        }
    }

    @Test func unknownLayoutEngineListsTheAvailableOnes() {
        #expect {
            try GraphvizRenderer.render(dot: "digraph { a }", format: .svg, layout: "hierarchical")
        } throws: { error in
            guard case .unknownLayout(let engine, let available) = error as? RenderError else {
                return false
            }
            return engine == "hierarchical" && available.contains("dot") && available.contains("osage")
                && "\(error)".contains("no layout engine named 'hierarchical'")
        }
        #expect(throws: RenderError.unknownLayout(engine: "", available: [])) {
            try GraphvizRenderer.render(dot: "digraph { a }", format: .svg, layout: "")
        }
    }

    @Test func missingPluginsAreExplainedWithTheFix() {
        // A context without plugins is what a machine where `libgvc6-config-update` never ran looks like.
        #expect {
            try GraphvizRenderer.render(dot: "digraph { a }", graphvizFormat: "svg", layout: "dot", plugins: .none)
        } throws: { error in
            guard case .pluginsNotRegistered(let detail) = error as? RenderError else {
                return false
            }
            return detail.contains("Layout type: \"dot\" not recognized")
                && "\(error)".contains("run `libgvc6-config-update -c` as root")
        }
    }

    @Test func unavailableOutputFormatIsReported() {
        #expect {
            try GraphvizRenderer.render(
                dot: "digraph { a }", graphvizFormat: "no-such-format", layout: "dot", plugins: .installed)
        } throws: { error in
            guard case .formatUnavailable(let format, let available) = error as? RenderError else {
                return false
            }
            return format == "no-such-format" && available.contains("svg")
        }
    }

    @Test func warningsAreCollectedNotPrinted() throws {
        // An unbalanced HTML label: Graphviz reports it and falls back to a plain label.
        let rendered = try GraphvizRenderer.renderCollectingWarnings(dot: "digraph { a [label=<<B>x>] }", format: .svg)
        #expect(rendered.warnings.contains { $0.contains("mismatched tag") })
        #expect(!rendered.warnings.contains { $0.hasPrefix("Error") || $0.hasPrefix("Warning") })
        #expect(SVGStructure(parsing: String(decoding: rendered.bytes, as: UTF8.self)).isWellFormed)
        // The next render starts with a clean slate.
        let clean = try GraphvizRenderer.renderCollectingWarnings(dot: "digraph { a }", format: .svg)
        #expect(clean.warnings.isEmpty)
    }

    @Test func concurrentRendersAllSucceed() async throws {
        let results = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for index in 0..<16 {
                group.addTask {
                    var writer = DOTWriter(name: "g\(index)")
                    for node in 0...index {
                        writer.addNode("n\(node)", in: .root)
                        if node > 0 {
                            writer.addEdge(from: "n\(node - 1)", to: "n\(node)")
                        }
                    }
                    let format: GraphFormat = index % 4 == 3 ? .png : .svg
                    let bytes = try GraphvizRenderer.render(dot: writer.render(), format: format)
                    if format == .png {
                        return (index, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) ? index + 1 : -1)
                    }
                    return (
                        index,
                        SVGStructure(parsing: String(decoding: bytes, as: UTF8.self)).groups(ofClass: "node").count
                    )
                }
            }
            var collected: [Int: Int] = [:]
            for try await (index, nodes) in group {
                collected[index] = nodes
            }
            return collected
        }
        #expect(results.count == 16)
        for index in 0..<16 {
            #expect(results[index] == index + 1, "render \(index)")
        }
    }

    @Test(arguments: [
        ("svg", GraphFormat.svg), (".PNG", .png), ("pdf", .pdf), ("gv", .dot), ("DOT", .dot),
    ])
    func formatsAreRecognisedByExtension(fileExtension: String, format: GraphFormat) {
        #expect(GraphFormat(fileExtension: fileExtension) == format)
    }

    @Test(arguments: ["", ".", "jpg", "svgz", "..svg"])
    func otherExtensionsAreNotFormats(fileExtension: String) {
        #expect(GraphFormat(fileExtension: fileExtension) == nil)
    }

    @Test func binaryFormatsAreMarked() {
        #expect(GraphFormat.allCases.filter(\.isBinary) == [.png, .pdf])
    }
}
