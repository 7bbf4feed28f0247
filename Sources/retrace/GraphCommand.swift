import ArgumentParser
import Diagnostics
import Foundation
import Rendering
import RetraceCore
import StepFunctions

/// `retrace graph`: the execution as a picture of the states it visited.
struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw the execution graph: states as visited, transitions taken, the root cause marked.",
        discussion: """
            FILE is a Step Functions execution history or a deployment log (GameLift, CloudFormation, \
            ParallelCluster, ModelArts), read as by 'retrace analyze'; a deployment is drawn as its lifecycle \
            machines with the path taken and the move into failure highlighted. The format comes from \
            --format, else from the extension of the -o file (.dot, .gv, .svg, .png, .pdf), else SVG. DOT \
            needs no Graphviz; the pictures are drawn by the Graphviz library in process. Map iterations are \
            merged into one aggregate with the failed ones drawn apart, and repeated visits fold into one node, \
            so that every graph stays readable and quick to lay out; the graph says what was merged.
            """
    )

    @Argument(help: "History file(s), or '-' for standard input.")
    var files: [String]

    @Option(name: .shortAndLong, help: "Output file, or '-' for standard output.")
    var output = "-"

    @Option(
        name: .shortAndLong, help: "Output format: dot, svg, png or pdf (default: from the -o extension, else svg).")
    var format: GraphFormat?

    @Option(help: "Which way the graph flows: TB (top to bottom) or LR (left to right).")
    var direction: GraphDirection = .topToBottom

    @Option(help: "The state machine definition (.asl.json): states never entered are drawn too, greyed.")
    var definition: String?

    @Flag(help: "Draw every Map iteration apart (up to the node budget), not only the failed ones.")
    var expandMaps = false

    mutating func run() async throws {
        let format = try OutputTarget.format(
            explicit: format, output: output, fromExtension: GraphFormat.init(fileExtension:), default: .svg,
            names: "dot, svg, png or pdf")
        let machine = try definition.map { path in
            do {
                return try StateMachineDefinition.load(path: path)
            } catch {
                throw CommandFailure(status: 2, message: "\(path): \(error)")
            }
        }
        let inputs = try files.map { try InputBuffer.read(path: $0) }
        let dot: String
        switch try AnalyzedLog.load(inputs) {
        case .execution(let tree, let diagnosis):
            let graph = ExecutionGraph(
                tree: tree, diagnosis: diagnosis, definition: machine,
                options: ExecutionGraphOptions(expandMaps: expandMaps))
            dot = graph.dot(direction: direction)
        case .lifecycle(let run, let diagnosis):
            dot = LifecycleGraph(run: run, diagnosis: diagnosis, direction: direction).dot()
        }
        let rendered: RenderedGraph
        do {
            rendered = try GraphvizRenderer.renderCollectingWarnings(dot: dot, format: format)
        } catch {
            throw CommandFailure(status: 2, message: error.description)
        }
        for warning in rendered.warnings { Console.error("warning: Graphviz: \(warning)") }
        try OutputTarget.write(rendered.bytes, to: output, isBinary: format.isBinary)
    }
}

extension GraphFormat: ExpressibleByArgument {}

extension GraphDirection: ExpressibleByArgument {
    /// Reads `TB` or `LR` in any case, as people type them.
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }
}
