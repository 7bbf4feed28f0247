import ArgumentParser
import Diagnostics
import Foundation
import Rendering
import RetraceCore
import StepFunctions

/// `retrace timeline`: when each state ran, as a Gantt chart.
struct TimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Draw the run's timeline: state visits and task attempts, retries and backoff, as SVG.",
        discussion: """
            FILE is a Step Functions execution history, read as by 'retrace analyze'. Rows are state visits \
            (task attempts and the backoff between them as bars), Parallel branches and Map iterations as \
            grouped rows; large Maps and long loops merge into one row per state. Drawn by Retrace itself: \
            no Graphviz needed. When the history's timestamps are unreadable the chart says so and lists \
            the states without bars.
            """
    )

    /// The formats a timeline can be written in (HTML will follow).
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case svg

        init?(fileExtension: String) {
            self.init(rawValue: fileExtension.lowercased())
        }
    }

    @Argument(help: "History file(s), or '-' for standard input.")
    var files: [String]

    @Option(name: .shortAndLong, help: "Output file, or '-' for standard output.")
    var output = "-"

    @Option(name: .shortAndLong, help: "Output format: svg (default: from the -o extension).")
    var format: Format?

    mutating func run() async throws {
        _ = try OutputTarget.format(
            explicit: format, output: output, fromExtension: Format.init(fileExtension:), default: .svg,
            names: "svg")
        let inputs = try files.map { try InputBuffer.read(path: $0) }
        let svg: String
        switch try AnalyzedLog.load(inputs) {
        case .execution(let tree, let diagnosis):
            let timeline = Timeline(tree: tree, diagnosis: diagnosis)
            if !timeline.timesKnown {
                Console.error(
                    "warning: the history's timestamps are unreadable; the timeline lists the states without bars")
            }
            svg = timeline.svg()
        case .lifecycle(let run, let diagnosis):
            svg = LifecycleTimeline(run: run, diagnosis: diagnosis).svg()
        }
        try OutputTarget.write(Array(svg.utf8), to: output, isBinary: false)
    }
}
