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
            "Document arn:aws:imagebuilder:us-east-1:123456789012:component/parallelclusterimage-c7374890-c574-11ec-9f03-12507a6b4b03/3.9.1/1",
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

    @Test func theBuildStackIsFetchedWithItsLogAndTheFailingStepIsTheRootCause() throws {
        let lines = Self.buildLog(noise: 150)
        let servers = try Self.servers(lines: lines)
        defer { servers.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("image-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let fetched = try RetraceCommand.run(
            ["fetch", "--image", Self.image, "-o", file.path], environment: servers.environment)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(fetched.stderr.contains("kept the Image Builder log (162 lines, stream 3.1.2/1)"), "\(fetched.stderr)")

        // Every line of the log is kept with the stack's events.
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let log = try #require(document["ImageBuilderLog"] as? [String: Any])
        #expect((log["events"] as? [[String: Any]])?.compactMap { $0["message"] as? String } == lines)

        // The root cause continues from the image resource into the failing component and its last lines.
        let analysed = try RetraceCommand.run(["analyze", "--format", "json", file.path])
        let diagnosis =
            try #require(
                try JSONSerialization.jsonObject(with: Data(analysed.stdout.utf8)) as? [String: Any])["diagnosis"]
            as? [String: Any]
        let root = try #require(diagnosis?["rootCause"] as? [String: Any])
        #expect(
            (root["title"] as? String)?.contains("component parallelclusterimage-c7374890-c574-11ec-9f03-12507a6b4b03")
                == true, "\(root)")
        let detail = try #require(root["causeDetail"] as? [String: Any])
        // The step's own output says why, not the runner's "Step …: Failed" after it.
        let failing = "Stderr: Chef::Exceptions::Package: yum_package[slurm] had an error: No match for argument: slurm"
        #expect(detail["summary"] as? String == failing)
        let excerpt = try #require((detail["log"] as? [String: Any])?["lines"] as? [String])
        #expect(excerpt.count == 100)
        #expect(excerpt.last == failing)

        // The text report shows the log's last lines under the root cause.
        let text = try RetraceCommand.run(["analyze", file.path]).stdout
        #expect(text.contains("Image Builder log, stream 3.1.2/1 (last 10 lines; --verbose shows 100)"), "\(text)")
        #expect(text.contains("No match for argument: slurm"))
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
