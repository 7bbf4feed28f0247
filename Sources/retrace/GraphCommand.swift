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
            FILE is a Step Functions execution history, read as by 'retrace analyze'. The format comes from \
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
        var executions = try ExecutionGrouping().executions(inputs)
        let main = executions.removeFirst()
        let tree = ExecutionTree(history: main.history)
        let diagnosis = ExecutionDiagnoser().diagnose(tree, children: executions)
        let graph = ExecutionGraph(
            tree: tree, diagnosis: diagnosis, definition: machine,
            options: ExecutionGraphOptions(expandMaps: expandMaps))
        let rendered: RenderedGraph
        do {
            rendered = try GraphvizRenderer.renderCollectingWarnings(
                dot: graph.dot(direction: direction), format: format)
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

/// Where `graph` and `timeline` write: a file, or standard output for `-`, in a format chosen by flag or
/// by the file's extension.
enum OutputTarget {
    /// The format asked for with `--format`, else the one the extension of `output` names, else `fallback`.
    /// An extension that names no known format is an error (exit 2) unless `--format` was given.
    static func format<Format>(
        explicit: Format?, output: String, fromExtension: (String) -> Format?, default fallback: Format,
        names: String
    ) throws -> Format {
        if let explicit { return explicit }
        guard output != "-" else { return fallback }
        let pathExtension = URL(fileURLWithPath: output).pathExtension
        guard !pathExtension.isEmpty else { return fallback }
        guard let format = fromExtension(pathExtension) else {
            throw CommandFailure(
                status: 2,
                message: "cannot tell the output format from '\(output)'; use --format \(names), "
                    + "or a file ending in one of them")
        }
        return format
    }

    /// Writes `bytes` to the file `output` (replaced whole, never left half written) or to standard output
    /// for `-`. Binary output is not written to a terminal, where it would only garble the screen.
    static func write(_ bytes: [UInt8], to output: String, isBinary: Bool) throws {
        if output == "-" {
            if isBinary, Console.outputIsTerminal {
                throw CommandFailure(
                    status: 2, message: "not writing a binary picture to the terminal; use -o FILE or a pipe")
            }
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CommandFailure(status: 2, message: "cannot write \(output): \(error.localizedDescription)")
        }
    }
}
