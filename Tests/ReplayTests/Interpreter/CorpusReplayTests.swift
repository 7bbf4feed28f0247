import Foundation
import Replay
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// Every recorded history of the corpus, replayed against the definition that produced it, must agree.
@Suite("Definition replay over the corpus", .enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
struct CorpusReplayTests {
    static var pairs: [String] {
        Corpus.stepFunctionsHistories().map { $0.deletingPathExtension().lastPathComponent }
    }

    @Test("every pair replays with zero divergences", arguments: pairs)
    func replaysWithoutDivergence(_ name: String) throws {
        let report = try CorpusPair(name).replay()
        #expect(
            report.divergences.isEmpty,
            Comment(rawValue: "\(name):\n" + report.divergences.map(\.description).joined(separator: "\n")))
        #expect(report.statesReplayed > 0 || name.contains("max_concurrency_path_negative"))
    }

    @Test func summary() throws {
        var clean = 0
        var counts: [NotComparedCategory: Int] = [:]
        var pairsByCategory: [NotComparedCategory: Set<String>] = [:]
        for name in Self.pairs {
            let report = try CorpusPair(name).replay()
            if report.agrees { clean += 1 }
            for entry in report.notCompared {
                counts[entry.category, default: 0] += 1
                pairsByCategory[entry.category, default: []].insert(name)
            }
        }
        var lines = ["\(clean) of \(Self.pairs.count) pairs replay with zero divergences; not compared:"]
        for category in NotComparedCategory.allCases {
            guard let count = counts[category] else { continue }
            lines.append("  \(category.rawValue): \(count) in \(pairsByCategory[category]?.count ?? 0) pairs")
        }
        print(lines.joined(separator: "\n"))
        #expect(clean == Self.pairs.count)
        // Every JSONata expression of the corpus is evaluated by the engine, none skipped.
        #expect(counts[.jsonataUnavailable] == nil)
    }
}

/// A corpus history with its definition and input.
struct CorpusPair {
    var name: String
    var history: URL { Corpus.directory.appendingPathComponent("stepfunctions/\(name).json") }
    var definitionFile: URL { Corpus.directory.appendingPathComponent("stepfunctions/\(name).asl.json") }
    var inputFile: URL { Corpus.directory.appendingPathComponent("stepfunctions/\(name).input.json") }

    init(_ name: String) {
        self.name = name
    }

    func tree() throws -> ExecutionTree {
        ExecutionTree(history: try HistoryDecoder().decode([try InputBuffer.read(path: history.path)]))
    }

    func definition() throws -> StateMachineDefinition {
        try DefinitionDocument.load(path: definitionFile.path)
    }

    func input() throws -> JSONValue {
        try JSONValue.parse(try String(contentsOf: inputFile, encoding: .utf8))
    }

    func replay(options: ReplayOptions = ReplayOptions()) throws -> ReplayReport {
        DefinitionReplayer(definition: try definition(), options: options).replay(try tree(), input: try input())
    }

    /// The definition's JSON, for mutation.
    func definitionJSON() throws -> JSONValue {
        try JSONValue.parse(try String(contentsOf: definitionFile, encoding: .utf8))
    }
}
