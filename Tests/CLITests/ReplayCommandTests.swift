import Foundation
import RetraceTestSupport
import Testing

@Suite("retrace replay, run as a user runs it")
struct ReplayCommandTests {
    @Test func pipedSteppingPrintsOneLinePerEventWithItsPlace() throws {
        let result = try RetraceCommand.run(["replay", RetraceCommand.sample("map-failure.json")])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("#1     ExecutionStarted") == true)
        #expect(
            lines.contains { $0.contains("TaskFailed") && $0.contains("TransformRecords › iteration 17 › Transform") })
    }

    @Test func atAnEventShowsRunningStatesAndProgress() throws {
        let result = try RetraceCommand.run(["replay", RetraceCommand.sample("map-failure.json"), "--at", "20"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("At event #20"))
        #expect(result.stdout.contains("Running ("))
        #expect(result.stdout.contains("Last events"))
    }

    @Test func atAnUnknownEventIsAUsageError() throws {
        let result = try RetraceCommand.run(["replay", RetraceCommand.sample("map-failure.json"), "--at", "99999"])
        #expect(result.status == 2)
        #expect(
            result.stderr == "retrace: --at 99999: there is no event #99999 in the history (its events: #1 to #173)\n")
    }

    @Test func invalidYAMLDefinitionsNameTheFileAndTheProblem() throws {
        let path = try RetraceCommand.temporaryFile("StartAt: A\n", name: "machine.yaml")
        let result = try RetraceCommand.run(["replay", RetraceCommand.sample("map-failure.json"), "--definition", path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("retrace: \(path): the top level: the required field States is missing\n"))
        #expect(result.stderr.contains("\(path): StartAt: the state \"A\" does not exist"))
    }

    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
    func eachExecutionThatRanTheDefinitionIsReplayed() throws {
        let base = Corpus.directory.appendingPathComponent(
            "stepfunctions/ls_scenarios_base_scenarios__lambda_invoke_with_retry_base"
        ).path
        let other = RetraceCommand.sample("order-success.json")
        let result = try RetraceCommand.run(["replay", other, base + ".json", "--definition", base + ".asl.json"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Execution ls_scenarios_base_scenarios__lambda_invoke_with_retry_base.json\n"))
        #expect(result.stdout.contains("✓ The definition agrees with the history"))
        #expect(
            result.stderr.contains(
                "warning: 1 execution entered states that \(base).asl.json does not define, so it ran another "
                    + "definition and was not replayed: ord-20931"))
        let none = try RetraceCommand.run(["replay", other, "--definition", base + ".asl.json"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no execution given ran the definition"))
    }

    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
    func agreeingDefinitionExitsZeroAndMutatedOneExitsOne() throws {
        let base = Corpus.directory.appendingPathComponent(
            "stepfunctions/ls_scenarios_base_scenarios__lambda_invoke_with_retry_base"
        ).path
        let agreed = try RetraceCommand.run([
            "replay", base + ".json", "--definition", base + ".asl.json", "--input", base + ".input.json",
        ])
        #expect(agreed.status == 0)
        #expect(agreed.stdout.hasPrefix("✓ The definition agrees with the history"))
        let text = try String(contentsOfFile: base + ".asl.json", encoding: .utf8)
        let mutated = try RetraceCommand.temporaryFile(
            text.replacingOccurrences(of: "\"MaxAttempts\": 3", with: "\"MaxAttempts\": 1"))
        let diverged = try RetraceCommand.run(["replay", base + ".json", "--definition", mutated])
        #expect(diverged.status == 1)
        #expect(
            diverged.stdout.contains(
                "First divergence\n  event       #9\n  where       InvokeLambdaWithRetry\n  check       retry decision\n"
            ))
        #expect(
            diverged.stdout.contains(
                "  definition  no retry (Retry[0] has used its 1 attempt)\n  history     attempt 3 scheduled"))
    }

    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
    func definitionInsideACloudFormationTemplateIsFound() throws {
        let base = Corpus.directory.appendingPathComponent("stepfunctions/ls_scenarios_base_scenarios__map_state_retry")
            .path
        let definition = try String(contentsOfFile: base + ".asl.json", encoding: .utf8)
        let template =
            "{\"Resources\": {\"Machine\": {\"Type\": \"AWS::StepFunctions::StateMachine\", \"Properties\": {\"Definition\": \(definition)}}}}"
        let result = try RetraceCommand.run([
            "replay", base + ".json", "--definition", try RetraceCommand.temporaryFile(template),
        ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
