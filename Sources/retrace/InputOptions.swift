import AWSClient
import ArgumentParser
import Diagnostics
import Foundation
import RetraceCore

/// The inputs every command reads, and how: files, folders, `-` for standard input, execution ARNs (fetched live
/// first), and `--source`.
struct InputOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Event log files, bundles, folders (their .json and .jsonl files), '-' for standard input, or "
                + "Step Functions execution, CloudFormation stack or GameLift fleet ARNs (fetched from AWS).",
            valueName: "input"))
    var inputs: [String]

    @Option(help: "What the inputs are, when the content should not decide: \(LogSource.names).")
    var source: LogSource?

    @OptionGroup(title: "Fetching from AWS (for ARN inputs)") var aws: AWSOptions

    /// The inputs as paths: each execution, stack or fleet ARN that is not a file is fetched (a bundle, or the stack's
    /// events) into a private temporary folder, removed when the command ends, and given by that file's path. For
    /// commands that need a bundle's definition (`replay`, `diff`) or read inputs as files (`export`).
    func paths() async throws -> [String] {
        try await gathered(decodingExecutions: false).paths
    }

    /// The inputs as the loader reads them: each execution ARN fetched with its pages decoded as they arrive, held
    /// in memory (nothing written, nothing read again); the rest as `paths()` gives them.
    func gathered(decodingExecutions: Bool = true) async throws -> (paths: [String], decoded: [DecodedInput]) {
        var paths: [String] = []
        var decoded: [DecodedInput] = []
        for input in inputs {
            let document: [UInt8]
            let name: String
            if FileManager.default.fileExists(atPath: input) {
                paths.append(input)
                continue
            } else if RemoteReference.isStepFunctionsExecution(input), decodingExecutions {
                let stream = PageStream()
                _ = try await aws.fetch(input, pages: stream)
                decoded += try stream.inputs()
                continue
            } else if RemoteReference.isStepFunctionsExecution(input) {
                document = try await aws.fetch(input).serialized(fetchedAt: Date())
                name = input.split(separator: ":").last.map(String.init) ?? "execution"
            } else if RemoteReference.isCloudFormationStack(input) {
                document = Array(try await aws.fetchStack(input).serialized().utf8)
                name = RemoteReference.stackName(input)
            } else if RemoteReference.isGameLiftFleet(input) {
                document = Array(try await aws.fetchFleet(input).log.serialized().utf8)
                name = RemoteReference.fleetID(input)
            } else {
                paths.append(input)
                continue
            }
            let folder = try FetchedBundles.folder()
            var taken = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            let file = folder.appendingPathComponent(OutputTarget.fileName(for: name, extension: "json", taken: &taken))
            try Data(document).write(to: file)
            paths.append(file.path)
        }
        return (paths, decoded)
    }

    /// Reads the inputs and sorts them into executions and deployment logs. What was noticed about the inputs as
    /// a whole (files passed over, copies, children without a parent) is said on standard error, since the
    /// commands that draw or list write data on standard output; `analyze` puts it in its report instead.
    func load(sayingWarnings: Bool = true) async throws -> LogSet {
        let (paths, decoded) = try await gathered()
        let set = try LogSet.load(paths, decoded: decoded, source: source)
        if sayingWarnings {
            for warning in set.warnings { Console.error("warning: \(warning.message)") }
        }
        return set
    }
}

/// The private folder fetched bundles are kept in while a command runs.
enum FetchedBundles {
    nonisolated(unsafe) private static var created: URL?

    /// The folder, created on first use and removed when the process exits.
    static func folder() throws -> URL {
        if let created { return created }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "retrace-fetch-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        created = url
        atexit { if let url = FetchedBundles.created { try? FileManager.default.removeItem(at: url) } }
        return url
    }
}

extension LogSource: ExpressibleByArgument {}
