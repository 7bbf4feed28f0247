import AWSClient
import ArgumentParser
import Foundation
import RetraceCore

/// `retrace fetch`: an execution's history, description, definition and distributed-Map children, straight from
/// the AWS APIs, kept as a bundle that every command reads offline.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch executions from AWS Step Functions into bundles that every command reads offline.",
        discussion: """
            ARN is a Standard execution's ARN. The bundle keeps every event as AWS sent it (its `events` is the \
            plain history: `jq .events` works as on get-execution-history output), the DescribeExecution answer, \
            the definition the execution ran with (so `retrace replay BUNDLE` needs no --definition), and for a \
            distributed Map its Map Runs and child executions (--children). Histories expire 90 days after an \
            execution closes; a bundle does not. Format: docs/bundle.md.
            """
    )

    @Argument(help: ArgumentHelp("Execution ARNs.", valueName: "arn"))
    var arns: [String]

    @Option(
        name: .shortAndLong, help: "Where to write: a file for one ARN ('-' for standard output), a folder for several."
    )
    var output: String

    @OptionGroup var aws: AWSOptions

    mutating func run() async throws {
        var taken: Set<String> = []
        let folder = arns.count > 1 ? try OutputTarget.folder(output, count: arns.count) : nil
        for arn in arns {
            let bundle = try await aws.fetch(arn)
            let bytes = Array((bundle.json(fetchedAt: Date()).serialized(pretty: true) + "\n").utf8)
            if let folder {
                let name = arn.split(separator: ":").last.map(String.init) ?? "execution"
                let file = folder.appendingPathComponent(
                    OutputTarget.fileName(for: name, extension: "json", taken: &taken))
                try OutputTarget.write(bytes, to: file.path, isBinary: false)
            } else {
                try OutputTarget.write(bytes, to: output, isBinary: false)
            }
        }
    }
}
