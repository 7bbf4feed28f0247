import Foundation
import RetraceTestSupport
import Testing

/// `retrace fetch --fleet` and fleet ARNs as inputs, against a GameLift stub (moto has no GameLift) that checks each
/// request's SigV4 signature with botocore, pages by two events, throttles every third call, and serves the logs
/// that events link to.
@Suite(
    "Live fetch: GameLift fleets and their event logs",
    .enabled(if: PythonProcess.canImport("botocore"), "botocore is not installed"))
struct FleetFetchTests {
    static let secret = "stub-secret-\(UUID().uuidString)"
    static let fleet = "fleet-2f3a1b0c-1111-4a5b-9c8d-0123456789ab"
    static let fixture = PackagePaths.fixture("gamelift_fail_validating.json", target: "LifecyclesTests")
    static let environment = [
        "AWS_ACCESS_KEY_ID": "AKIDSTUB", "AWS_SECRET_ACCESS_KEY": secret, "AWS_REGION": "us-west-2",
    ]

    /// The stub serving `events` (a describe-fleet-events file), and a function that stops it.
    static func stub(_ events: URL = fixture) throws -> (endpoint: String, stop: () -> Void) {
        let server = try PythonProcess.Server([PythonProcess.stub("gamelift_stub.py"), events.path, secret, "2", "3"])
        return (server.endpoint, server.stop)
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func rootCause(of path: String) throws -> [String: Any] {
        let analysed = try RetraceCommand.run(["analyze", "--format", "json", path])
        #expect(analysed.status == 0 || analysed.status == 1, "\(analysed.stderr)")
        let diagnosis = try object(Data(analysed.stdout.utf8))["diagnosis"] as? [String: Any]
        return try #require(diagnosis?["rootCause"] as? [String: Any])
    }

    @Test func aFleetIsFetchedWithItsAttributesAndItsEventLogSaved() throws {
        let (endpoint, stop) = try Self.stub()
        defer { stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("events.json")
        let fetched = try RetraceCommand.run(
            ["fetch", "--fleet", Self.fleet, "--endpoint-url", endpoint, "-o", file.path],
            environment: Self.environment)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let log = try Self.object(try Data(contentsOf: file))
        let events = try #require(log["Events"] as? [[String: Any]])
        let original = try #require(try Self.object(try Data(contentsOf: Self.fixture))["Events"] as? [[String: Any]])
        // Every event of every page, in order, each as the API gave it.
        #expect(events.map { $0["EventId"] as? String } == original.map { $0["EventId"] as? String })
        #expect(events.map { $0["EventCode"] as? String } == original.map { $0["EventCode"] as? String })
        let attributes = try #require((log["FleetAttributes"] as? [[String: Any]])?.first)
        #expect(attributes["FleetId"] as? String == Self.fleet)
        #expect(attributes["Status"] as? String == "ERROR")

        // The linked log is kept beside the file, and said; the link's secrets are not.
        let saved = folder.appendingPathComponent("events.logs/e-105-FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND.txt")
        let text = try String(contentsOf: saved, encoding: .utf8)
        #expect(text.contains("ERROR e-105: /local/game/bin/MyServer was not found"))
        #expect(fetched.stderr.contains("kept the log of FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND (event e-105)"))
        #expect(!fetched.stderr.contains("VALIDATESIG"))
        // The logs of the game sessions that ended badly are kept too, as the archives they are, and their text
        // files are read into the file; a hostile archive is kept, said, and not read.
        let folderContents = try FileManager.default.contentsOfDirectory(
            atPath: folder.appendingPathComponent("events.logs").path)
        let archives = folderContents.filter { $0.hasSuffix(".zip") }.sorted()
        #expect(archives.count == 2, "\(folderContents)")
        #expect(archives.allSatisfy { $0.contains("gs-error") || $0.contains("gs-crashed") }, "\(archives)")
        #expect(fetched.stderr.contains("kept the log of game session ERROR"), "\(fetched.stderr)")
        #expect(fetched.stderr.contains("1 text log read from the archive"), "\(fetched.stderr)")
        #expect(
            fetched.stderr.contains("its archive could not be read: ")
                && fetched.stderr.contains("entry name \"../../outside/escape.log\" leaves the archive's folder"),
            "\(fetched.stderr)")
        #expect(!fetched.stderr.contains("GAMESESSIONSIG"))
        #expect((log["EventLogs"] as? [[String: Any]])?.count == 1, "only the event's text log is an event log")
        let sessions = try #require(log["GameSessionLogs"] as? [[String: Any]])
        #expect(sessions.count == 1, "the hostile archive is not read")
        let session = try #require(sessions.first)
        #expect((session["GameSessionId"] as? String)?.hasSuffix("/gs-error") == true)
        #expect(session["Status"] as? String == "ERROR")
        let archived = try #require(session["logs"] as? [[String: Any]])
        #expect(archived.map { $0["name"] as? String } == ["logs/server.log"], "the binary core file is passed over")
        #expect((archived.first?["lines"] as? [String])?.count == 44)
        let kept = try #require((log["EventLogs"] as? [[String: Any]])?.first)
        #expect(kept["EventId"] as? String == "e-105")
        #expect(kept["file"] as? String == "events.logs/e-105-FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND.txt")

        // The file reads as the log it came from, and the root cause goes on into the downloaded log's lines.
        let fromFetch = try Self.rootCause(of: file.path)
        let fromFixture = try Self.rootCause(of: Self.fixture.path)
        #expect(fromFetch["code"] as? String == fromFixture["code"] as? String)
        #expect(fromFetch["title"] as? String == fromFixture["title"] as? String)
        let detail = try #require(fromFetch["causeDetail"] as? [String: Any])
        #expect(
            detail["summary"] as? String == "2024-05-01 10:15:30 ERROR e-105: /local/game/bin/MyServer was not found")
        let logLines = (detail["log"] as? [String: Any])?["lines"] as? [String]
        #expect(logLines?.count == 2)
        #expect(fromFixture["causeDetail"] is NSNull, "without the log there is nothing to add")

        // The game session that ended in ERROR is explained by its server log: the failing line and those before.
        let analysed = try RetraceCommand.run(["analyze", "--format", "json", file.path])
        let findings = try #require(
            (try Self.object(Data(analysed.stdout.utf8))["diagnosis"] as? [String: Any])?["findings"]
                as? [[String: Any]])
        let ended = try #require(findings.first { $0["code"] as? String == "gamelift-game-session" })
        #expect(ended["severity"] as? String == "error")
        #expect(ended["title"] as? String == "Game session gs-error ended ERROR")
        let sessionDetail = try #require(ended["causeDetail"] as? [String: Any])
        #expect(
            sessionDetail["summary"] as? String
                == "2024-05-01 11:04:12 ERROR snapshot apply failed: player slot 3 is empty")
        let sessionLog = try #require(sessionDetail["log"] as? [String: Any])
        #expect(sessionLog["name"] as? String == "logs/server.log of game session gs-error")
        #expect((sessionLog["lines"] as? [String])?.count == 43, "every line up to the failure")
        let report = try RetraceCommand.run(["analyze", file.path])
        #expect(report.stdout.contains("snapshot apply failed: player slot 3 is empty"), "\(report.stdout)")
    }

    @Test func aFleetARNIsAnInputLikeAFile() throws {
        let (endpoint, stop) = try Self.stub()
        defer { stop() }
        let arn = "arn:aws:gamelift:us-west-2:123456789012:fleet/\(Self.fleet)"
        let live = try RetraceCommand.run(["analyze", "--endpoint-url", endpoint, arn], environment: Self.environment)
        #expect(live.status == 0, "\(live.stderr)")
        #expect(live.stdout.contains("FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND"))
    }

    @Test func anExpiredLinkIsSaidAndTheEventsAreStillWritten() throws {
        var document = try Self.object(try Data(contentsOf: Self.fixture))
        var events = try #require(document["Events"] as? [[String: Any]])
        for index in events.indices {
            if let link = events[index]["PreSignedLogUrl"] as? String {
                events[index]["PreSignedLogUrl"] = link.replacingOccurrences(of: "/events/", with: "/expired/")
            }
        }
        document["Events"] = events
        let path = try RetraceCommand.temporaryFile(
            String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self))
        let (endpoint, stop) = try Self.stub(URL(fileURLWithPath: path))
        defer { stop() }
        let output = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("out.json")
        let fetched = try RetraceCommand.run(
            ["fetch", "--fleet", Self.fleet, "--endpoint-url", endpoint, "-o", output.path],
            environment: Self.environment)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(
            fetched.stderr.contains("could not be downloaded: HTTP 403 (the link may have expired)"),
            "\(fetched.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.path))
    }

    @Test func anUnknownFleetIsNamedWithItsRegion() throws {
        let (endpoint, stop) = try Self.stub()
        defer { stop() }
        let result = try RetraceCommand.run(
            ["fetch", "--fleet", "fleet-0000", "--endpoint-url", endpoint, "-o", "-"], environment: Self.environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("fleet-0000 does not exist in us-west-2"), "\(result.stderr)")
        #expect(result.stderr.contains("gamelift:"))
    }
}
