import Foundation
import RetraceTestSupport
import Testing

/// `retrace fetch` and ARN inputs against a real AWS API on loopback: moto's server, started for this suite and
/// stopped after. Executions really run there; what Retrace fetches is compared with what boto3 reads.
@Suite("Live fetch against moto's server", .serialized, .enabled(if: MotoServer.isAvailable, "moto is not installed"))
struct FetchCommandTests {
    static let credentials = ["AWS_ACCESS_KEY_ID": "AKIDMOTOTEST", "AWS_SECRET_ACCESS_KEY": "moto-secret"]

    static let definition = """
        {"StartAt": "Prepare", "States": {
          "Prepare": {"Type": "Pass", "Result": {"order": 42}, "ResultPath": "$.prepared", "Next": "Both"},
          "Both": {"Type": "Parallel", "Next": "Decide", "Branches": [
            {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
            {"StartAt": "Right", "States": {"Right": {"Type": "Wait", "Seconds": 0, "End": true}}}]},
          "Decide": {"Type": "Choice", "Choices": [{"Variable": "$[0].prepared.order", "NumericEquals": 42,
            "Next": "Reject"}], "Default": "Done"},
          "Done": {"Type": "Succeed"},
          "Reject": {"Type": "Fail", "Error": "OrderRejected", "Cause": "order 42 is on hold"}}}
        """

    /// Runs the definition on the server and returns what boto3 read: the ARN and the events.
    static func execute(_ server: PythonProcess.Server, name: String) throws -> (arn: String, events: [[String: Any]]) {
        let definition = try RetraceCommand.temporaryFile(Self.definition, name: "machine.asl.json")
        let script = PythonProcess.stub("moto_sfn.py")
        let output = try MotoServer.python([script, server.endpoint, definition, "{}", name])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        return (try #require(object["executionArn"] as? String), try #require(object["events"] as? [[String: Any]]))
    }

    @Test func aFetchedBundleHoldsWhatBoto3Reads() throws {
        let server = try MotoServer.shared()
        let (arn, events) = try Self.execute(server, name: "order-42")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-fetch-test-\(UUID())")
        let bundlePath = folder.appendingPathComponent("order-42.json").path
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try RetraceCommand.run(
            ["fetch", arn, "--endpoint-url", server.endpoint, "-o", bundlePath], environment: Self.credentials)
        #expect(result.status == 0, "\(result.stderr)")
        let bundle = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundlePath))) as? [String: Any]
        )
        #expect(bundle["retraceBundle"] as? Int == 1)
        #expect(bundle["executionArn"] as? String == arn)
        #expect((bundle["execution"] as? [String: Any])?["status"] as? String == "FAILED")
        let definition = ((bundle["stateMachine"] as? [String: Any])?["definition"] as? String) ?? ""
        #expect(definition.contains("\"OrderRejected\""))
        let fetched = try #require(bundle["events"] as? [[String: Any]])
        #expect(fetched.count == events.count)
        for (ours, theirs) in zip(fetched, events) {
            #expect(ours["id"] as? Int == theirs["id"] as? Int)
            #expect(ours["type"] as? String == theirs["type"] as? String)
            #expect(ours["previousEventId"] as? Int == theirs["previousEventId"] as? Int)
            #expect(Set(ours.keys) == Set(theirs.keys), "every member kept, none added")
            let a = (ours["timestamp"] as? Double) ?? 0
            let b = (theirs["timestamp"] as? Double) ?? 1
            #expect(abs(a - b) < 0.001)
        }
        // The bundle is read offline like any history, and replays against the definition it carries.
        let analysed = try RetraceCommand.run(["analyze", "--format", "json", bundlePath])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(analysed.stdout.utf8)) as? [String: Any])
        let root = ((report["diagnosis"] as? [String: Any])?["rootCause"] as? [String: Any])
        #expect(root?["error"] as? String == "OrderRejected")
        let replayed = try RetraceCommand.run(["replay", bundlePath])
        #expect(replayed.status == 0, "\(replayed.stdout)\(replayed.stderr)")
        #expect(replayed.stdout.contains("agrees"))
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func anARNIsAnalysedAsAFileWouldBe() throws {
        let server = try MotoServer.shared()
        let (arn, _) = try Self.execute(server, name: "order-43")
        let result = try RetraceCommand.run(
            ["analyze", "--exit-code", arn, "--endpoint-url", server.endpoint, "--width", "200"],
            environment: Self.credentials)
        #expect(result.status == 1, "the execution failed: \(result.stderr)")
        #expect(result.stdout.hasPrefix("✗ FAILED  \(arn)"))
        #expect(result.stdout.contains("OrderRejected"))
        #expect(result.stdout.contains("order 42 is on hold"))
    }

    @Test func anUnknownExecutionIsNamedWithItsRegion() throws {
        let server = try MotoServer.shared()
        let arn = "arn:aws:states:eu-west-1:123456789012:execution:retrace-test:no-such-run"
        let result = try RetraceCommand.run(
            ["fetch", arn, "--endpoint-url", server.endpoint, "-o", "-"], environment: Self.credentials)
        #expect(result.status == 2)
        #expect(result.stderr.contains(arn))
        #expect(result.stderr.contains("eu-west-1"))
        #expect(result.stdout.isEmpty)
    }

    @Test func noCredentialsSaysWhereItLooked() throws {
        let server = try MotoServer.shared()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-empty-home-\(UUID())")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let arn = "arn:aws:states:eu-west-1:123456789012:execution:retrace-test:x"
        let result = try RetraceCommand.run(
            ["fetch", arn, "--endpoint-url", server.endpoint, "-o", "-"],
            environment: RetraceCommand.withoutAWSCredentials(home: home.path))
        #expect(result.status == 2)
        #expect(result.stderr.contains("no AWS credentials found"))
        #expect(result.stderr.contains("the environment"))
        #expect(result.stderr.contains(home.path + "/.aws/credentials"))
    }
}

/// moto's server on a free loopback port, started once for the test process; it stops when the process ends.
enum MotoServer {
    static var isAvailable: Bool { PythonProcess.canImport("moto.server", "boto3") }

    nonisolated(unsafe) private static var instance: PythonProcess.Server?
    private static let lock = NSLock()

    static func shared() throws -> PythonProcess.Server {
        try lock.withLock {
            if let instance { return instance }
            let server = try PythonProcess.Server([
                "-c",
                "import sys; from moto.server import ThreadedMotoServer; "
                    + "server = ThreadedMotoServer(ip_address='127.0.0.1', port=0, verbose=False); server.start(); "
                    + "print(server.get_host_and_port()[1], flush=True); sys.stdin.read(); server.stop()",
            ])
            instance = server
            return server
        }
    }

    /// Runs python3 with `arguments`; its standard output, or an error when it fails.
    @discardableResult
    static func python(_ arguments: [String]) throws -> String {
        let output = try PythonProcess.run(arguments)
        guard output.status == 0 else {
            throw NSError(
                domain: "python", code: Int(output.status),
                userInfo: [NSLocalizedDescriptionKey: String(decoding: output.stderr, as: UTF8.self)])
        }
        return String(decoding: output.stdout, as: UTF8.self)
    }
}
