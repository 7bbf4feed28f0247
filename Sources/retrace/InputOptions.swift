import ArgumentParser
import Diagnostics

/// The inputs every command reads, and how: files, folders, `-` for standard input, and `--source`.
struct InputOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Event log files, folders (their .json and .jsonl files), or '-' for standard input.",
            valueName: "input"))
    var inputs: [String]

    @Option(help: "What the inputs are, when the content should not decide: \(LogSource.names).")
    var source: LogSource?

    /// Reads the inputs and sorts them into executions and deployment logs.
    func load() throws -> LogSet {
        try LogSet.load(inputs, source: source)
    }
}

extension LogSource: ExpressibleByArgument {}
