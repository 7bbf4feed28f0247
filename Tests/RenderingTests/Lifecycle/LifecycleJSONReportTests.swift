import Diagnostics
import Foundation
import Lifecycles
import RetraceCore
import Testing

@testable import Rendering

@Suite("Lifecycle JSON report: long paths bounded")
struct LifecycleJSONReportTests {
    /// A stack created with two functions, then updated `updates` times, each update moving only `Busy`:
    /// `Busy` and the stack go through hundreds of states, `Quiet` through two.
    private func stackEvents(updates: Int) -> String {
        let stackID = "arn:aws:cloudformation:eu-west-1:123456789012:stack/long/0f0e0d0c"
        var events: [String] = []
        func add(_ logical: String, _ type: String, _ status: String) {
            let second = events.count
            events.append(
                "{\"StackId\": \"\(stackID)\", \"EventId\": \"e\(second)\", \"StackName\": \"long\", "
                    + "\"LogicalResourceId\": \"\(logical)\", \"PhysicalResourceId\": \"p-\(logical)\", "
                    + "\"ResourceType\": \"\(type)\", \"Timestamp\": \(1_704_067_200 + second), "
                    + "\"ResourceStatus\": \"\(status)\"}")
        }
        add("long", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS")
        for name in ["Busy", "Quiet"] {
            add(name, "AWS::Lambda::Function", "CREATE_IN_PROGRESS")
            add(name, "AWS::Lambda::Function", "CREATE_COMPLETE")
        }
        add("long", "AWS::CloudFormation::Stack", "CREATE_COMPLETE")
        for _ in 0..<updates {
            add("long", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS")
            add("Busy", "AWS::Lambda::Function", "UPDATE_IN_PROGRESS")
            add("Busy", "AWS::Lambda::Function", "UPDATE_COMPLETE")
            add("long", "AWS::CloudFormation::Stack", "UPDATE_COMPLETE")
        }
        // Oldest first, as a user who sorted the listing would save it.
        return "{\"StackEvents\": [\n" + events.joined(separator: ",\n") + "\n]}"
    }

    private func report(updates: Int) throws -> (LifecycleRun, [String: Any]) {
        let input = InputBuffer(name: "long.json", text: stackEvents(updates: updates))
        let run = LifecycleRun(log: try LifecycleDecoder().decode([input]))
        let text = LifecycleJSONReport(run: run, diagnosis: LifecycleDiagnoser.diagnose(run)).render()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return (run, object)
    }

    private func instance(_ name: String, in object: [String: Any]) throws -> [String: Any] {
        let instances = try #require(object["instances"] as? [[String: Any]])
        return try #require(instances.first { $0["name"] as? String == name })
    }

    @Test("a resource moved hundreds of times lists its first and last moves and counts the rest")
    func longPathsAreBounded() throws {
        let (run, object) = try report(updates: 150)
        #expect(object["schemaVersion"] as? Int == LifecycleJSONReport.schemaVersion)
        #expect(LifecycleJSONReport.schemaVersion == 2)
        let busy = try #require(run.instances.first { $0.name == "Busy" })
        // Created (2 moves), then 150 updates of 2 moves each.
        #expect(busy.transitions.count == 302)
        #expect(busy.path.count == 303)
        let written = try instance("Busy", in: object)
        let each = LifecycleJSONReport.shownEachEnd
        let transitions = try #require(written["transitions"] as? [[String: Any]])
        #expect(transitions.count == 2 * each)
        #expect(written["transitionsOmitted"] as? Int == 302 - 2 * each)
        let expectedTransitions =
            busy.transitions.prefix(each).map(\.eventID) + busy.transitions.suffix(each).map(\.eventID)
        #expect(transitions.compactMap { $0["eventId"] as? String } == expectedTransitions)
        let path = try #require(written["path"] as? [[String: Any]])
        #expect(path.count == 2 * each)
        #expect(written["pathOmitted"] as? Int == 303 - 2 * each)
        #expect(path.first?["state"] as? String == "NOT_CREATED")
        #expect(path.last?["state"] as? String == busy.state)
        let expectedPath = busy.path.prefix(each).map(\.state) + busy.path.suffix(each).map(\.state)
        #expect(path.compactMap { $0["state"] as? String } == expectedPath)
        // A resource that moved twice is written whole.
        let quiet = try instance("Quiet", in: object)
        #expect((quiet["transitions"] as? [Any])?.count == 2)
        #expect(quiet["transitionsOmitted"] as? Int == 0)
        #expect((quiet["path"] as? [Any])?.count == 3)
        #expect(quiet["pathOmitted"] as? Int == 0)
    }

    @Test("a list of exactly twice the bound is whole; one more leaves one out")
    func boundaryOfTheBound() throws {
        let each = LifecycleJSONReport.shownEachEnd
        // Busy: 2 moves for its create and 2 per update.
        let whole = (2 * each - 2) / 2
        let (_, atBound) = try report(updates: whole)
        let busy = try instance("Busy", in: atBound)
        #expect((busy["transitions"] as? [Any])?.count == 2 * each)
        #expect(busy["transitionsOmitted"] as? Int == 0)
        // Its path has one visit more than its moves: one left out.
        #expect((busy["path"] as? [Any])?.count == 2 * each)
        #expect(busy["pathOmitted"] as? Int == 1)
    }
}
