import Foundation
import RetraceTestSupport
import Testing

/// The documents promise things about the output; these tests hold the output to them.
@Suite("Documentation matches the code")
struct DocumentationTests {
    private func document(_ name: String) throws -> String {
        try String(contentsOf: PackagePaths.root.appendingPathComponent("docs/\(name)"), encoding: .utf8)
    }

    private func collectKeys(of value: Any, into keys: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (key, member) in object {
                keys.insert(key)
                collectKeys(of: member, into: &keys)
            }
        } else if let array = value as? [Any] {
            for element in array { collectKeys(of: element, into: &keys) }
        }
    }

    @Test func everyJSONKeyIsDocumented() throws {
        let schema = try document("json-schema.md")
        var keys = Set<String>()
        let inputs = [
            "Samples/map-failure.json", "Samples/order-success.json", "Samples/retry-then-catch.json",
            "Tests/StepFunctionsTests/Fixtures/distributed_map_failed.json",
            "Tests/StepFunctionsTests/Fixtures/anomalies.json",
            "Tests/LifecyclesTests/Fixtures/gamelift_fail_activating.json",
            "Tests/LifecyclesTests/Fixtures/cfn_update_rollback_failed.json",
            "Tests/LifecyclesTests/Fixtures/modelarts_fail_startup.json",
        ]
        for input in inputs {
            let result = try RetraceCommand.run(["analyze", "--format", "json", input])
            #expect(result.status == 0)
            collectKeys(of: try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)), into: &keys)
        }
        // Definition replay reports, with divergences and with entries not compared.
        let fixtures = "Tests/ReplayTests/Fixtures/"
        for (history, definition) in [
            ("redriven.json", "redriven-changed.asl.json"), ("timed-out.json", "timed-out.asl.json"),
        ] {
            let result = try RetraceCommand.run([
                "replay", fixtures + history, "--definition", fixtures + definition, "--format", "json",
            ])
            collectKeys(of: try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)), into: &keys)
        }
        #expect(keys.isSuperset(of: ["divergences", "notComparedCounts", "category", "detail", "recorded"]))
        #expect(keys.count > 40)
        for key in keys.sorted() {
            #expect(schema.contains("`\(key)`"), "docs/json-schema.md does not mention `\(key)`")
        }
    }
}
