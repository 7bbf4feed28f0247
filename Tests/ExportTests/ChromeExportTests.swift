import Export
import Foundation
import RetraceTestSupport
import Testing

/// The Chrome Trace Event file, checked for what the Perfetto UI needs.
@Suite("Export: Chrome trace")
struct ChromeExportTests {
    private func events(_ url: URL) throws -> [[String: Any]] {
        let object = try #require(
            try JSONSerialization.jsonObject(with: try Data(contentsOf: url)) as? [String: Any])
        return try #require(object["traceEvents"] as? [[String: Any]])
    }

    @Test(arguments: ["map-failure.json", "retry-then-catch.json", "heartbeat-timeout.json"])
    func oneTrackPerBranchIterationAndChild(sample: String) throws {
        let input = ExportFixture.sample(sample)
        let events = try events(try ExportFixture.export([input], format: .chrome))
        guard case .execution(let exported) = try #require(try ExportFixture.analysed([input]).first) else {
            Issue.record("not an execution")
            return
        }
        let visits = exported.execution.tree.placedVisits.map(\.visit)
        let tracks = 1 + visits.reduce(0) { $0 + $1.branches.count + $1.iterations.count } + exported.children.count
        let complete = events.filter { $0["ph"] as? String == "X" }
        for event in complete {
            #expect(event["name"] is String)
            #expect(event["ts"] is NSNumber)
            #expect((event["dur"] as? NSNumber).map { $0.int64Value >= 0 } == true)
            #expect(event["pid"] as? Int == ChromeTraceEncoder.pid(of: TraceIdentity(key: exported.key)))
            #expect(event["tid"] is Int)
        }
        #expect(Set(complete.compactMap { $0["tid"] as? Int }).count == tracks)
        let named = events.filter { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" }
        #expect(named.count == tracks)
        #expect(complete.count { $0["cat"] as? String == "visit" } == visits.count)
    }

    @Test func severalExecutionsAreSeveralProcesses() throws {
        let events = try events(
            try ExportFixture.export(
                [PackagePaths.root.appendingPathComponent("Samples").path],
                format: .chrome))
        let processes = events.filter { $0["name"] as? String == "process_name" }.compactMap { $0["pid"] as? Int }
        #expect(Set(processes).count == 4, "one process per execution")
        #expect(processes.allSatisfy { $0 > 0 })
    }

    @Test func matchesTheGoldenFile() throws {
        let url = try ExportFixture.export([ExportFixture.sample("map-failure.json")], format: .chrome)
        Snapshot.expectMatches(try ExportFixture.text(url), named: "map-failure.chrome.json")
    }
}
