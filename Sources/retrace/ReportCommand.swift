import ArgumentParser
import Diagnostics
import Foundation
import Rendering
import RetraceCore

/// `retrace report`: one self-contained HTML page about the inputs, to open offline or attach to a ticket.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page: verdict, root cause, graph, timeline, states and events.",
        discussion: """
            INPUT is read as by 'retrace analyze'. One execution gets its page: the verdict and root cause, the \
            graph (click a state for its visits, inputs and outputs), the timeline, the folded state tree, the \
            findings and a filterable event table. A deployment log gets its verdict, root cause chain, \
            lifecycle graph, swimlanes and events. Several logs get an index (failures grouped by root cause, \
            durations, failure share per state) with each log's page one click away, in the same file. The \
            file needs nothing else and fetches nothing when opened; see docs/report.md.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "The HTML file to write, or '-' for standard output.")
    var output = "-"

    mutating func run() async throws {
        let set = try await input.load(sayingWarnings: false)
        guard set.count > 0 else { throw CommandFailure(status: 2, message: "no input was given") }
        let pictures = set.count <= HTMLReport.pictureBudget
        let results = try set.analyzeEach { log -> (row: BatchDiagnosis.Row, part: HTMLReportPart) in
            do {
                return (BatchDiagnosis.Row(log), try HTMLReportPart(log, pictures: pictures))
            } catch {
                throw CommandFailure(status: 2, message: String(describing: error))
            }
        }
        let report: HTMLReport
        if results.count == 1 {
            report = HTMLReport(parts: [results[0].part], warnings: set.warnings)
        } else {
            report = HTMLReport(
                parts: results.map(\.part), batch: BatchDiagnosis(rows: results.map(\.row), warnings: set.warnings))
            if !pictures {
                Console.error(
                    "note: \(set.count) logs: graphs and timelines are drawn only for at most "
                        + "\(HTMLReport.pictureBudget); run 'retrace report' on one log for its pictures")
            }
        }
        // Streamed: the page's largest pieces (each log's events) go to the file as they are, never copied whole.
        try OutputTarget.stream(to: output, isBinary: false) { write in try report.write(to: write) }
    }
}
