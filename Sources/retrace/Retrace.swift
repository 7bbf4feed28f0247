import ArgumentParser
import Foundation
import RetraceCore

/// The `retrace` command: a thin layer that parses flags, calls the libraries and prints.
struct Retrace: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrace",
        abstract: "Answers what ran, what failed and why, from Step Functions histories and deployment event logs.",
        version: "0.1.0",
        subcommands: [Analyze.self, EventsCommand.self, GraphCommand.self, TimelineCommand.self, ReplayCommand.self]
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

/// Ends the command with a status and an optional message for standard error.
struct CommandFailure: Error {
    var status: Int32
    var message: String
}
