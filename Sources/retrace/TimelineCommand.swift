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
        abstract: "Draw the run's timeline: state visits and task attempts, retries and backoff.",
        discussion: """
            FILE is a Step Functions execution history, read as by 'retrace analyze'. Rows are state visits \
            (task attempts and the backoff between them as bars), Parallel branches and Map iterations as \
            grouped rows; large Maps and long loops merge into one row per state. Drawn by Retrace itself as \
            SVG (no Graphviz needed); PNG and PDF are that SVG converted by rsvg-convert (Debian's \
            librsvg2-bin). The format comes from --format, else from the extension of the -o file (.svg, \
            .png, .pdf), else SVG. When the history's timestamps are unreadable the chart says so and lists \
            the states without bars.
            """
    )

    /// The formats a timeline can be written in: our own SVG, and PNG or PDF converted from it.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case svg, png, pdf

        init?(fileExtension: String) {
            self.init(rawValue: fileExtension.lowercased())
        }
    }

    @OptionGroup var input: InputOptions

    @Option(
        name: .shortAndLong,
        help: "Output file, '-' for standard output, or a folder for several executions (a file each).")
    var output = "-"

    @Option(name: .shortAndLong, help: "Output format: svg, png or pdf (default: from the -o extension, else svg).")
    var format: Format?

    mutating func run() async throws {
        let format = try OutputTarget.format(
            explicit: format, output: output, fromExtension: Format.init(fileExtension:), default: .svg,
            names: "svg, png or pdf")
        let set = try await input.load()
        let drawings = try set.analyzeEach { log -> (name: String, svg: String, timesKnown: Bool) in
            switch log {
            case .execution(let execution):
                let timeline = Timeline(tree: execution.tree, diagnosis: execution.diagnosis)
                return (execution.entry.name, timeline.svg(), timeline.timesKnown)
            case .deployment(let deployment):
                return (
                    deployment.run.log.name,
                    LifecycleTimeline(run: deployment.run, diagnosis: deployment.diagnosis).svg(), true
                )
            }
        }
        for drawing in drawings where !drawing.timesKnown {
            Console.error(
                "warning: \(drawings.count > 1 ? drawing.name + ": " : "")the history's timestamps are unreadable; "
                    + "the timeline lists the states without bars")
        }
        if drawings.count == 1, let only = drawings.first {
            try OutputTarget.write(try Self.encode(only.svg, as: format), to: output, isBinary: format != .svg)
            return
        }
        let folder = try OutputTarget.folder(output, count: drawings.count)
        var taken: Set<String> = []
        for drawing in drawings {
            let file = OutputTarget.fileName(for: drawing.name, extension: format.rawValue, taken: &taken)
            try OutputTarget.write(
                try Self.encode(drawing.svg, as: format), to: folder.appendingPathComponent(file).path,
                isBinary: format != .svg)
        }
    }

    /// The file's bytes: the SVG as it is, or converted to PNG or PDF.
    private static func encode(_ svg: String, as format: Format) throws -> [UInt8] {
        let target: SVGConverter.Format
        switch format {
        case .svg: return Array(svg.utf8)
        case .png: target = .png
        case .pdf: target = .pdf
        }
        do {
            return try SVGConverter.convert(svg: svg, to: target)
        } catch {
            throw CommandFailure(status: 2, message: error.description)
        }
    }
}
