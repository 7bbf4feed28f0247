import Foundation
import RetraceTestSupport
import Testing

/// `retrace diff` run as a user runs it, on two checkouts of one state machine: a small order shipped, a large one
/// routed to a review that rejected it.
@Suite("retrace diff")
struct DiffCommandTests {
    private static let small = "Tests/CLITests/Fixtures/diff/checkout-small.json"
    private static let large = "Tests/CLITests/Fixtures/diff/checkout-large.json"

    @Test(arguments: [("text", "diff.txt"), ("json", "diff.json"), ("markdown", "diff.md")])
    func matchesTheGoldenFiles(format: String, snapshot: String) throws {
        let result = try RetraceCommand.run(["diff", "--format", format, Self.small, Self.large])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        Snapshot.expectMatches(result.stdout, named: snapshot)
    }

    @Test func exitCodeWhenOutcomesDiffer() throws {
        #expect(try RetraceCommand.run(["diff", "--exit-code", Self.small, Self.large]).status == 1)
        #expect(try RetraceCommand.run(["diff", "--exit-code", Self.small, Self.small]).status == 0)
        #expect(try RetraceCommand.run(["diff", Self.small, Self.large]).status == 0)
    }

    @Test func eachIsComparedWithTheFirst() throws {
        let result = try RetraceCommand.run(["diff", "--format", "json", Self.small, Self.large, Self.small])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let comparisons = try #require(object["comparisons"] as? [[String: Any]])
        #expect(comparisons.count == 2)
        let baselines = comparisons.compactMap { ($0["baseline"] as? [String: Any])?["name"] as? String }
        #expect(baselines == ["checkout-small", "checkout-small"])
        #expect(comparisons.map { $0["outcomesDiffer"] as? Bool } == [true, false])
    }

    @Test func oneExecutionPerInput() throws {
        let result = try RetraceCommand.run(["diff", "Samples", Self.small])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Samples holds 4 Step Functions executions"))
        let alone = try RetraceCommand.run(["diff", Self.small])
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("at least two"))
    }

    @Test func aBadInputExitsTwoNamingFileAndPosition() throws {
        let input = try RetraceCommand.temporaryFile(
            "{\"events\": [\n  {\"id\": \"one\", \"type\": \"ExecutionStarted\"}\n]}\n")
        let result = try RetraceCommand.run(["diff", Self.small, input])
        #expect(result.status == 2)
        #expect(result.stderr.contains("input.json:2:"), "\(result.stderr)")
    }

    @Test func stateNamesFromTheLogAreEscapedForEachMedium() throws {
        var paths: [String] = []
        for input in [Self.small, Self.large] {
            let text = try String(contentsOf: PackagePaths.root.appendingPathComponent(input), encoding: .utf8)
                .replacingOccurrences(of: "\"Route\"", with: "\"Ro|ute <b>\\u001b[31m\"")
            paths.append(try RetraceCommand.temporaryFile(text, name: URL(fileURLWithPath: input).lastPathComponent))
        }
        let markdown = try RetraceCommand.run(["diff", "--format", "markdown"] + paths)
        #expect(markdown.stdout.contains("Ro\\|ute &lt;b&gt;"))
        #expect(!markdown.stdout.contains("\u{1B}"))
        let text = try RetraceCommand.run(["diff"] + paths)
        #expect(text.stdout.contains("Ro|ute <b>"))
        #expect(!text.stdout.contains("\u{1B}"))
        let json = try RetraceCommand.run(["diff", "--format", "json"] + paths)
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
    }

    @Test func everyJSONKeyIsDocumented() throws {
        let schema = try String(
            contentsOf: PackagePaths.root.appendingPathComponent("docs/json-schema.md"), encoding: .utf8)
        let section = try #require(schema.components(separatedBy: "## `retrace diff --format json`").last)
        let result = try RetraceCommand.run(["diff", "--format", "json", Self.small, Self.large])
        var keys = Set<String>()
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, member) in object {
                    keys.insert(key)
                    collect(member)
                }
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)))
        #expect(keys.count > 25)
        for key in keys.sorted() {
            #expect(
                section.contains("`\(key)`") || section.contains("{\(key),") || section.contains(" \(key)}"), "\(key)")
        }
    }
}
