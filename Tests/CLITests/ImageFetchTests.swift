import Foundation
import RetraceTestSupport
import Testing

/// `retrace fetch --image`: a ParallelCluster image's build stack from the CloudFormation stub (moto records no
/// resource events) and its Image Builder log from CloudWatch Logs on a moto server of this suite's own (the shared
/// one is reset by other suites).
@Suite(
    "Live fetch: ParallelCluster images and their Image Builder log", .serialized,
    .enabled(if: MotoServer.isAvailable, "moto is not installed"))
struct ImageFetchTests {
    static let secret = "stub-secret-\(UUID().uuidString)"
    static let image = "rocky8-hpc"

    /// The fixture's image stack as DescribeStackEvents gives it (PascalCase), for the CloudFormation stub.
    static func stackFile() throws -> String {
        let fixture = PackagePaths.fixture("pcluster_image_build_failed.json", target: "LifecyclesTests")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any])
        let events = try #require(document["events"] as? [[String: Any]]).map { event in
            Dictionary(
                uniqueKeysWithValues: event.map { key, value in
                    (key.prefix(1).uppercased() + key.dropFirst(), "\(value)")
                })
        }
        let data = try JSONSerialization.data(withJSONObject: ["image": ["StackEvents": events]])
        return try RetraceCommand.temporaryFile(String(decoding: data, as: UTF8.self), name: "stacks.json")
    }

    /// A build log: one component that passes, then one whose step fails after `noise` lines of output.
    static func buildLog(noise: Int) -> [String] {
        var lines = [
            "Document arn:aws:imagebuilder:us-east-1:123456789012:component/parallelclusterimage-update-os/3.1.2/1",
            "Phase build", "Step UpdateOS", "ExecuteBash: STARTED EXECUTION", "ExecuteBash: FINISHED EXECUTION",
            "Document arn:aws:imagebuilder:us-east-1:123456789012:component/parallelclusterimage-cookbook/3.1.2/1",
            "Phase build", "Step InstallCookbook", "ExecuteBash: STARTED EXECUTION",
        ]
        lines += (1...noise).map { "Stdout: converging recipe step \($0)" }
        lines += [
            "Stderr: Chef::Exceptions::Package: yum_package[slurm] had an error: No match for argument: slurm",
            "ExecuteBash: FINISHED EXECUTION", "Step InstallCookbook: Failed",
        ]
        return lines
    }

    struct Servers {
        var environment: [String: String]
        var stop: () -> Void
    }

    /// The stack stub and a moto server holding `lines` (or no log group at all).
    static func servers(lines: [String]?) throws -> Servers {
        let stub = try PythonProcess.Server(
            [PythonProcess.stub("cloudformation_stub.py"), try stackFile(), "3", secret])
        let moto = try PythonProcess.Server([
            "-c",
            "import sys; from moto.server import ThreadedMotoServer; "
                + "server = ThreadedMotoServer(ip_address='127.0.0.1', port=0, verbose=False); server.start(); "
                + "print(server.get_host_and_port()[1], flush=True); sys.stdin.read(); server.stop()",
        ])
        if let lines {
            let file = try RetraceCommand.temporaryFile(lines.joined(separator: "\n"), name: "build.log")
            try MotoServer.python([
                PythonProcess.stub("moto_logs.py"), moto.endpoint, "/aws/imagebuilder/ParallelClusterImage-\(image)",
                "3.1.2/1", file,
            ])
        }
        return Servers(
            environment: [
                "AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": secret, "AWS_REGION": "us-east-1",
                "AWS_ENDPOINT_URL_CLOUDFORMATION": stub.endpoint, "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": moto.endpoint,
            ],
            stop: {
                stub.stop()
                moto.stop()
            })
    }

    @Test func theBuildStackIsFetchedAndTheFailingComponentsLastLinesShown() throws {
        let lines = Self.buildLog(noise: 150)
        let servers = try Self.servers(lines: lines)
        defer { servers.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("image-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("image.json")
        let fetched = try RetraceCommand.run(
            ["fetch", "--image", Self.image, "-o", file.path], environment: servers.environment)
        #expect(fetched.status == 0, "\(fetched.stderr)")

        // The stack's events, read as the deployment log they are: the image build is the root cause.
        let analysed = try RetraceCommand.run(["analyze", file.path])
        #expect(analysed.stdout.contains("ParallelClusterImage"), "\(analysed.stdout)")

        // The whole log kept beside the file, every page of it.
        let saved = try String(
            contentsOf: folder.appendingPathComponent("image.logs/imagebuilder-3.1.2-1.log"), encoding: .utf8)
        #expect(saved.split(separator: "\n").count == lines.count)

        // The failing component named, and its last 100 lines up to the failure shown.
        let stderr = fetched.stderr.split(separator: "\n").map(String.init)
        let heading = try #require(stderr.firstIndex { $0.contains("Image Builder log, stream 3.1.2/1") })
        #expect(stderr[heading].contains("the last 100 lines of component parallelclusterimage-cookbook"))
        let shown = stderr[(heading + 1)...].filter { $0.hasPrefix("  ") }
        #expect(shown.count == 100)
        #expect(shown.last == "  Step InstallCookbook: Failed")
        #expect(shown.contains { $0.contains("No match for argument: slurm") })
    }

    @Test func anImageWithoutALogIsSaidAndItsStackStillWritten() throws {
        let servers = try Self.servers(lines: nil)
        defer { servers.stop() }
        let result = try RetraceCommand.run(
            ["fetch", "--image", Self.image, "-o", "-"], environment: servers.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"StackEvents\""))
        #expect(result.stderr.contains("no Image Builder log for rocky8-hpc"), "\(result.stderr)")
    }
}
