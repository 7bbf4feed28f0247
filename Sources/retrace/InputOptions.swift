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

    /// Reads the inputs and sorts them into executions and deployment logs. What was noticed about the inputs as
    /// a whole (files passed over, copies, children without a parent) is said on standard error, since the
    /// commands that draw or list write data on standard output; `analyze` puts it in its report instead.
    func load(sayingWarnings: Bool = true) throws -> LogSet {
        let set = try LogSet.load(inputs, source: source)
        if sayingWarnings {
            for warning in set.warnings { Console.error("warning: \(warning.message)") }
        }
        return set
    }
}

extension LogSource: ExpressibleByArgument {}
