import Diagnostics
import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

@testable import Rendering

/// The text and Markdown reports of every history the package ships, and of corpus histories that between them
/// show every finding kind, compared byte for byte with golden files: a change of wording or layout is a diff to
/// review. Text at 80 columns (a pipe) for all; at 120 columns and with colour for the samples.
@Suite("Execution reports: golden files")
struct ExecutionReportSnapshotTests {
    static func snapshotName(_ file: String, _ suffix: String) -> String {
        let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let prefix = file.hasPrefix("Samples/") ? "sample" : file.hasPrefix("/") ? "corpus" : "fixture"
        return "reports/\(prefix)-\(base)\(suffix)"
    }

    /// Corpus histories whose findings, with the package's own, cover every finding kind (a `state-failed`,
    /// an activity failure, a legacy Lambda failure, a caught Map error with retries, masked Parallel events…).
    static let corpusFiles = [
        "ls_states_variables_error_output__map_catch_error_MAP_CATCH_ERROR_OUTPUT_WITH_RETRY.json",
        "ls_base_base__state_fail_path.json",
        "ls_activities_activities__activity_task_failure.json",
        "ls_scenarios_base_scenarios__catch_states_runtime.json",
        "ls_error_handling_states_errors__start_large_input.json",
        "ls_scenarios_base_scenarios__retry_interval_features.json",
        "ls_scenarios_base_scenarios__parallel_state__MASKED_PARALLEL.json",
    ]

    static func text(_ file: String, style: TextStyle = .plain, width: Int = 80) throws -> String {
        let (tree, diagnosis) = try TestHistory.analysed(file: file)
        return ExecutionTextReport(tree: tree, diagnosis: diagnosis, style: style, width: width).render()
    }

    static func markdown(_ file: String) throws -> String {
        let (tree, diagnosis) = try TestHistory.analysed(file: file)
        return ExecutionMarkdownReport(tree: tree, diagnosis: diagnosis).render()
    }

    @Test(arguments: TestHistory.packageFiles)
    func packageHistoriesMatchTheirGoldenFiles(file: String) throws {
        let text = try Self.text(file)
        Snapshot.expectMatches(text, named: Self.snapshotName(file, ".txt"), filePath: TestHistory.snapshotAnchor)
        Snapshot.expectMatches(
            try Self.markdown(file), named: Self.snapshotName(file, ".md"), filePath: TestHistory.snapshotAnchor)
        for line in text.split(separator: "\n") {
            #expect(TerminalText.width(of: String(line)) <= 80 || line.contains("arn:"), "\(file): \(line)")
        }
    }

    @Test(arguments: TestHistory.packageFiles.filter { $0.hasPrefix("Samples/") })
    func samplesAtAWideTerminalAndInColour(file: String) throws {
        Snapshot.expectMatches(
            try Self.text(file, width: 120), named: Self.snapshotName(file, "-120.txt"),
            filePath: TestHistory.snapshotAnchor)
        let coloured = try Self.text(file, style: .ansi)
        Snapshot.expectMatches(
            coloured, named: Self.snapshotName(file, "-color.txt"), filePath: TestHistory.snapshotAnchor)
        // Colour is our own styling only: without its escapes no escape is left, and no line is wider than 80.
        let stripped = coloured.replacing(#/\u{1B}\[[0-9;]*m/#, with: "")
        #expect(!stripped.contains("\u{1B}"))
        #expect(stripped.split(separator: "\n").allSatisfy { TerminalText.width(of: String($0)) <= 80 })
    }

    @Test(
        .enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)), arguments: corpusFiles)
    func corpusHistoriesMatchTheirGoldenFiles(name: String) throws {
        let path = Corpus.directory.appendingPathComponent("stepfunctions/\(name)").path
        let (tree, diagnosis) = try Self.analysedCorpus(path, name: name)
        Snapshot.expectMatches(
            ExecutionTextReport(tree: tree, diagnosis: diagnosis, style: .plain).render(),
            named: Self.snapshotName("/" + name, ".txt"), filePath: TestHistory.snapshotAnchor)
        Snapshot.expectMatches(
            ExecutionMarkdownReport(tree: tree, diagnosis: diagnosis).render(),
            named: Self.snapshotName("/" + name, ".md"), filePath: TestHistory.snapshotAnchor)
    }

    /// A corpus history, named by its file name alone so that the golden file does not depend on where the corpus
    /// is.
    static func analysedCorpus(_ path: String, name: String) throws -> (ExecutionTree, Diagnosis) {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let tree = ExecutionTree(history: try HistoryDecoder().decode([InputBuffer(name: name, bytes: bytes)]))
        return (tree, ExecutionDiagnoser().diagnose(tree))
    }
}
