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

    @OptionGroup var input: InputOptions

    @Option(
        name: .shortAndLong,
        help: "Output file, '-' for standard output, or a folder for several executions (a file each).")
    var output = "-"

    @Option(
        name: .shortAndLong, help: "Output format: dot, svg, png or pdf (default: from the -o extension, else svg).")
    var format: GraphFormat?

    @Option(help: "Which way the graph flows: TB (top to bottom) or LR (left to right).")
    var direction: GraphDirection = .topToBottom

    @Option(
        help: ArgumentHelp(
            "The state machine definition (ASL in JSON or YAML, or a CloudFormation / SAM template holding one): "
                + "states never entered are drawn too, greyed."))
    var definition: String?

    @Flag(help: "Draw every Map iteration apart (up to the node budget, in rows when many), not only the failed ones.")
    var expandMaps = false

    mutating func run() async throws {
        let format = try OutputTarget.format(
            explicit: format, output: output, fromExtension: GraphFormat.init(fileExtension:), default: .svg,
            names: "dot, svg, png or pdf")
        let machine = try definition.map(DefinitionDocument.load(path:))
        let set = try await input.load()
        let options = ExecutionGraphOptions(expandMaps: expandMaps)
        let direction = direction
        let draw: @Sendable (AnalyzedLog) throws -> (name: String, bytes: [UInt8], warnings: [String]) = { log in
            let dot: String
            let name: String
            switch log {
            case .execution(let execution):
                name = execution.entry.name
                dot = ExecutionGraph(
                    tree: execution.tree, diagnosis: execution.diagnosis, definition: machine, options: options
                ).dot(direction: direction)
            case .deployment(let deployment):
                name = deployment.run.log.name
                dot = LifecycleGraph(run: deployment.run, diagnosis: deployment.diagnosis, direction: direction).dot()
            }
            do {
                let rendered = try GraphvizRenderer.renderCollectingWarnings(dot: dot, format: format)
                return (name, rendered.bytes, rendered.warnings)
            } catch {
                throw CommandFailure(status: 2, message: String(describing: error))
            }
        }
        if set.count == 1 {
            let picture = try set.analyzeEach(draw)[0]
            for warning in picture.warnings { Console.error("warning: Graphviz: \(warning)") }
            try OutputTarget.write(picture.bytes, to: output, isBinary: format.isBinary)
            return
        }
        let folder = try OutputTarget.folder(output, count: set.count)
        var taken: Set<String> = []
        for picture in try set.analyzeEach(draw) {
            for warning in picture.warnings { Console.error("warning: Graphviz: \(picture.name): \(warning)") }
            let file = OutputTarget.fileName(for: picture.name, extension: format.rawValue, taken: &taken)
            try OutputTarget.write(picture.bytes, to: folder.appendingPathComponent(file).path, isBinary: true)
        }
    }
}

extension GraphFormat: ExpressibleByArgument {}

extension GraphDirection: ExpressibleByArgument {
    /// Reads `TB` or `LR` in any case, as people type them.
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }
}
