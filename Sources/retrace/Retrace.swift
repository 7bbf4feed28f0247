import ArgumentParser
import Foundation
import RetraceCore

/// The `retrace` command: a thin layer that parses flags, calls the libraries and prints.
struct Retrace: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrace",
        abstract: "Answers what ran, what failed and why, from Step Functions histories and deployment event logs.",
        version: "0.1.0",
        subcommands: [
            Analyze.self, EventsCommand.self, GraphCommand.self, TimelineCommand.self, ReplayCommand.self,
            FetchCommand.self, ReportCommand.self, ExportCommand.self, DiffCommand.self,
        ]
    )
}

/// Runs the command and maps every outcome to the documented exit status: 0 done, 1 a failed run with
/// `--exit-code`, 2 unusable input or usage. Errors go to standard error without stack traces.
@main
enum Main {
    static func main() async {
        InternalErrorHandler.install()
        InternalErrorHandler.trapIfAsked()
        do {
            try Retrace.checkSubcommand(Array(CommandLine.arguments.dropFirst()))
            var command = try Retrace.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as InputError {
            Console.error(error.description)
            exit(2)
        } catch let error as CommandFailure {
            if !error.message.isEmpty { Console.error(error.message) }
            exit(error.status)
        } catch {
            let code = Retrace.exitCode(for: error)
            if code == .success {
                print(Retrace.fullMessage(for: error))
                exit(0)
            }
            // Usage errors get ArgumentParser's message with help; our own typed errors speak for themselves.
            let message = code == .validationFailure ? Retrace.fullMessage(for: error) : String(describing: error)
            Console.error(message)
            exit(2)
        }
    }
}

extension Retrace {
    /// Refuses a first word that names no command, with the closest one: ArgumentParser would only say
    /// "2 unexpected arguments". The root takes no arguments of its own, so any first word that is not an
    /// option must be a command (or `help`).
    static func checkSubcommand(_ arguments: [String]) throws {
        guard let word = arguments.first, !word.hasPrefix("-") else { return }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(word) else { return }
        let shown = configuration.subcommands.map { $0._commandName }.joined(separator: ", ")
        let suggestion = ClosestMatch.best(for: word, among: names).map { "; did you mean '\($0)'?" } ?? ""
        throw CommandFailure(
            status: 2,
            message: "'\(word)' is not a retrace command\(suggestion)\nThe commands: \(shown). "
                + "See 'retrace --help'.")
    }
}

/// Ends the command with a status and an optional message for standard error.
struct CommandFailure: Error {
    var status: Int32
    var message: String
}
