import Foundation
import RetraceTestSupport
import Testing

/// `retrace fetch --modelarts-service ID --project ID` against a ModelArts stub (nothing local implements its API)
/// that checks the token, pages by five events and throttles every third call.
@Suite("Live fetch: ModelArts service events")
struct ModelArtsFetchTests {
    static let token = "token-\(UUID().uuidString)"
    static let project = "0a1b2c3d4e5f"
    static let fixture = PackagePaths.fixture("modelarts_fail_startup.json", target: "LifecyclesTests")

    static func stub() throws -> (endpoint: String, stop: () -> Void) {
        let server = try PythonProcess.Server(
            [PythonProcess.stub("modelarts_stub.py"), fixture.path, project, token, "5", "3"])
        return (server.endpoint, server.stop)
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func everyPageIsFetchedOldestFirstAndReadsAsTheLogItCameFrom() throws {
        let (endpoint, stop) = try Self.stub()
        defer { stop() }
        let original = try Self.object(try Data(contentsOf: Self.fixture))
        let service = try #require(original["service_id"] as? String)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("modelarts-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fetched = try RetraceCommand.run(
            [
                "fetch", "--modelarts-service", service, "--project", Self.project, "--endpoint-url", endpoint, "-o",
                path,
            ],
            environment: ["MODELARTS_TOKEN": Self.token])
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let log = try Self.object(try Data(contentsOf: URL(fileURLWithPath: path)))
        let events = try #require(log["events"] as? [[String: Any]])
        let originalEvents = try #require(original["events"] as? [[String: Any]])
        #expect(events.count == originalEvents.count, "16 events in pages of 5, through a throttled call")
        let times = events.compactMap { $0["occur_time"] as? Int }
        #expect(times == times.sorted())
        #expect(log["service_name"] as? String == original["service_name"] as? String)

        let fromFetch = try RetraceCommand.run(["analyze", "--format", "json", path])
        let fromFile = try RetraceCommand.run(["analyze", "--format", "json", Self.fixture.path])
        func root(_ text: String) throws -> String? {
            let diagnosis = try Self.object(Data(text.utf8))["diagnosis"] as? [String: Any]
            return (diagnosis?["rootCause"] as? [String: Any])?["title"] as? String
        }
        #expect(try root(fromFetch.stdout) != nil)
        #expect(try root(fromFetch.stdout) == root(fromFile.stdout))
    }

    @Test func aRefusedTokenIsSaidWithoutTheToken() throws {
        let (endpoint, stop) = try Self.stub()
        defer { stop() }
        let result = try RetraceCommand.run(
            ["fetch", "--modelarts-service", "s", "--project", Self.project, "--endpoint-url", endpoint, "-o", "-"],
            environment: ["MODELARTS_TOKEN": "stale-token-123"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("ModelArts refused the token (HTTP 401"), "\(result.stderr)")
        #expect(!result.stderr.contains("stale-token-123"))
    }

    @Test func noTokenAndHalfTheFlagsAreUsageErrors() throws {
        let missing = try RetraceCommand.run(
            ["fetch", "--modelarts-service", "s", "--project", "p", "--region", "eu-west-101", "-o", "-"],
            environment: ["MODELARTS_TOKEN": "", "OS_TOKEN": ""])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no ModelArts token: set MODELARTS_TOKEN"), "\(missing.stderr)")
        let half = try RetraceCommand.run(["fetch", "--modelarts-service", "s", "-o", "-"])
        #expect(half.status == 64 || half.status == 2)
        #expect(half.stderr.contains("--modelarts-service and --project go together"), "\(half.stderr)")
    }
}
