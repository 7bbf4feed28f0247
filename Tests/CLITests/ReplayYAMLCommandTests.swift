import Foundation
import RetraceTestSupport
import Testing

@Suite("retrace replay with YAML templates", .enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
struct ReplayYAMLCommandTests {
    static let pair = Corpus.directory.appendingPathComponent("stepfunctions/ls_base_base__state_fail_path").path

    @Test(arguments: ["sam_definition_body.yaml", "cfn_definition_string.yaml"])
    func templatesReplay(name: String) throws {
        let result = try RetraceCommand.run([
            "replay", ReplayYAMLCommandTests.pair + ".json", "--definition",
            "Tests/StepFunctionsTests/Fixtures/definitions/\(name)", "--input",
            ReplayYAMLCommandTests.pair + ".input.json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("✓ The definition agrees with the history"))
    }

    @Test func badYAMLExitsTwoWithItsPosition() throws {
        let path = try RetraceCommand.temporaryFile("Resources:\n  M:\n    Properties: [unclosed\n", name: "bad.yaml")
        let result = try RetraceCommand.run(["replay", ReplayYAMLCommandTests.pair + ".json", "--definition", path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("retrace: \(path):4:1: not valid YAML:"))
    }

    @Test func aliasBombsAreRefusedNotExpanded() throws {
        var lines = ["a: &a [\(Array(repeating: "\"lol\"", count: 9).joined(separator: ","))]"]
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            lines.append("\(name): &\(name) [\(Array(repeating: "*\(previous)", count: 9).joined(separator: ","))]")
        }
        lines += ["StartAt: A", "States: {A: {Type: Pass, End: true}}"]
        let bomb = try RetraceCommand.temporaryFile(lines.joined(separator: "\n"), name: "bomb.yaml")
        let result = try RetraceCommand.run([
            "replay", RetraceCommand.sample("order-success.json"), "--definition", bomb,
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("the document expands to more than 1000000 values"))
    }
}
