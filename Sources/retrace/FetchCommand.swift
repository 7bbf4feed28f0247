import AWSClient
import ArgumentParser
import Foundation
import RetraceCore

/// `retrace fetch`: an execution's history, description, definition and distributed-Map children, straight from
/// the AWS APIs, kept as a bundle that every command reads offline.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch executions and stack events from AWS into files that every command reads offline.",
        discussion: """
            ARN is a Standard execution's ARN. The bundle keeps every event as AWS sent it (its `events` is the \
            plain history: `jq .events` works as on get-execution-history output), the DescribeExecution answer, \
            the definition the execution ran with (so `retrace replay BUNDLE` needs no --definition), and for a \
            distributed Map its Map Runs and child executions (--children). Histories expire 90 days after an \
            execution closes; a bundle does not. Format: docs/bundle.md.

            --stack NAME writes the stack's events, and those of every stack nested in it, as one \
            `describe-stack-events` document. --fleet ID writes a GameLift fleet's events and attributes, and \
            saves the logs its events link to (each link lasts 15 minutes) in a folder beside the file. \
            --image ID writes a ParallelCluster image's build stack events with its Image Builder log, whose \
            failing step the analysis then shows. --modelarts-service ID --project ID writes a ModelArts service's event log (token in MODELARTS_TOKEN).
            """
    )

    @Argument(help: ArgumentHelp("Execution ARNs.", valueName: "arn"))
    var arns: [String] = []

    @Option(
        name: .customLong("stack"),
        help: ArgumentHelp(
            "A CloudFormation stack (name, or ARN for a deleted one): its events and its nested stacks' (repeatable).",
            valueName: "name"))
    var stacks: [String] = []

    @Option(
        name: .customLong("fleet"),
        help: ArgumentHelp(
            "A GameLift fleet (id or ARN): its events and attributes, and the logs its events link to (repeatable).",
            valueName: "id"))
    var fleets: [String] = []

    @Option(
        name: .customLong("image"),
        help: ArgumentHelp(
            "A ParallelCluster image id: its build stack's events and its Image Builder log (repeatable).",
            valueName: "id"))
    var images: [String] = []

    @Option(
        name: .customLong("modelarts-service"),
        help: ArgumentHelp("A ModelArts service's id: its event log (with --project).", valueName: "id"))
    var modelArtsService: String?

    @Option(help: ArgumentHelp("The ModelArts project id of --modelarts-service.", valueName: "id"))
    var project: String?

    @Option(
        name: .shortAndLong, help: "Where to write: a file for one ARN ('-' for standard output), a folder for several."
    )
    var output: String

    @OptionGroup var aws: AWSOptions

    func validate() throws {
        guard !arns.isEmpty || !stacks.isEmpty || !fleets.isEmpty || !images.isEmpty || modelArtsService != nil
        else {
            throw ValidationError(
                "give an execution ARN, --stack NAME, --fleet ID, --image ID or --modelarts-service ID --project ID "
                    + "to fetch")
        }
        if (modelArtsService == nil) != (project == nil) {
            throw ValidationError("--modelarts-service and --project go together: give both or neither")
        }
    }

    mutating func run() async throws {
        var taken: Set<String> = []
        let count = arns.count + stacks.count + fleets.count + images.count + (modelArtsService == nil ? 0 : 1)
        let folder = count > 1 ? try OutputTarget.folder(output, count: count) : nil
        /// Where the document of `name` goes: a file in the folder, the file given, or `nil` for standard output.
        func destination(_ name: String) -> URL? {
            if let folder {
                return folder.appendingPathComponent(OutputTarget.fileName(for: name, extension: "json", taken: &taken))
            }
            return output == "-" ? nil : URL(fileURLWithPath: output)
        }
        func write(_ bytes: [UInt8], to target: URL?) throws {
            try OutputTarget.write(bytes, to: target?.path ?? "-", isBinary: false)
        }
        func write(_ document: JSONValue, to target: URL?) throws {
            try write(Array((document.serialized(pretty: true) + "\n").utf8), to: target)
        }
        for arn in arns {
            let bundle = try await aws.fetch(arn)
            try write(
                bundle.serialized(fetchedAt: Date(), pretty: true),
                to: destination(arn.split(separator: ":").last.map(String.init) ?? "execution"))
        }
        for stack in stacks {
            let events = try await aws.fetchStack(stack)
            try write(events, to: destination(RemoteReference.stackName(stack)))
        }
        for fleet in fleets {
            var (log, sessions) = try await aws.fetchFleet(fleet, gameSessionLogs: true)
            let target = destination(RemoteReference.fleetID(fleet))
            let kept = try await EventLogDownloads.download(
                GameLiftFetcher.logLinks(in: log) + sessions, beside: target, transport: try aws.transport())
            if var document = log.objectValue {
                if !kept.eventLogs.isEmpty { document["EventLogs"] = .array(kept.eventLogs) }
                if !kept.gameSessionLogs.isEmpty { document["GameSessionLogs"] = .array(kept.gameSessionLogs) }
                log = .object(document)
            }
            try write(log, to: target)
        }
        for image in images {
            let build = try await aws.fetchImage(image)
            try write(build, to: destination(image))
        }
        if let modelArtsService, let project {
            let log = try await aws.fetchModelArts(service: modelArtsService, project: project)
            try write(log, to: destination(modelArtsService))
        }
    }
}
