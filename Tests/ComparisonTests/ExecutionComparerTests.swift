import Comparison
import Diagnostics
import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// Pairs of executions of one state machine: synthetic ones that differ in one known way, and corpus pairs
/// recorded against AWS (one succeeded, one failed).
@Suite("Comparing two executions")
struct ExecutionComparerTests {
    /// A history from (type, details key, details JSON) triples, one second apart, each following the last.
    static func history(_ events: [(String, String?, String)]) -> String {
        var lines: [String] = []
        for (offset, event) in events.enumerated() {
            let id = offset + 1
            let details = event.1.map { ", \"\($0)\": \(event.2)" } ?? ""
            lines.append(
                "{\"id\": \(id), \"previousEventId\": \(id - 1), \"timestamp\": \"2026-12-05T10:00:\(String(format: "%02d", id)).000Z\", "
                    + "\"type\": \"\(event.0)\"\(details)}")
        }
        return "{\"events\": [\n" + lines.joined(separator: ",\n") + "\n]}\n"
    }

    static func analysed(_ text: String) throws -> AnalyzedExecution {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("history.json")
        try Data(text.utf8).write(to: file)
        return try analysed(path: file.path)
    }

    static func analysed(path: String) throws -> AnalyzedExecution {
        let set = try LogSet.load([path])
        return try set.analyze(try #require(set.executions.first))
    }

    static func string(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONEscaping.appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Route (a Choice) sends small orders to Ship and large ones to Review, which fails.
    static func choiceRun(amount: Int) -> String {
        let input = string("{\"order\":{\"amount\":\(amount),\"id\":\"o-1\"}}")
        var events: [(String, String?, String)] = [
            ("ExecutionStarted", "executionStartedEventDetails", "{\"input\": \(input), \"roleArn\": \"r\"}"),
            ("PassStateEntered", "stateEnteredEventDetails", "{\"name\": \"Start\", \"input\": \(input)}"),
            ("PassStateExited", "stateExitedEventDetails", "{\"name\": \"Start\", \"output\": \(input)}"),
            ("ChoiceStateEntered", "stateEnteredEventDetails", "{\"name\": \"Route\", \"input\": \(input)}"),
            ("ChoiceStateExited", "stateExitedEventDetails", "{\"name\": \"Route\", \"output\": \(input)}"),
        ]
        if amount < 1000 {
            events += [
                ("PassStateEntered", "stateEnteredEventDetails", "{\"name\": \"Ship\", \"input\": \(input)}"),
                ("PassStateExited", "stateExitedEventDetails", "{\"name\": \"Ship\", \"output\": \(input)}"),
                ("ExecutionSucceeded", "executionSucceededEventDetails", "{\"output\": \(input)}"),
            ]
        } else {
            events += [
                ("FailStateEntered", "stateEnteredEventDetails", "{\"name\": \"Review\", \"input\": \(input)}"),
                (
                    "ExecutionFailed", "executionFailedEventDetails",
                    "{\"error\": \"TooLarge\", \"cause\": \"needs review\"}"
                ),
            ]
        }
        return history(events)
    }

    @Test func aChoiceThatChoseDifferentlyIsTheSplitWithTheInputThatMadeIt() throws {
        let small = try Self.analysed(Self.choiceRun(amount: 10))
        let large = try Self.analysed(Self.choiceRun(amount: 5000))
        let difference = ExecutionComparer().compare(small, large)
        let split = try #require(difference.split)
        #expect(split.after == "Route")
        #expect(split.baselineNext == "Ship")
        #expect(split.otherNext == "Review")
        #expect(split.reason.contains("Choice Route chose Ship in the baseline and Review in the other"))
        #expect(
            split.inputDifferences == [
                JSONDifference(path: "$.order.amount", kind: .changed, before: .integer(10), after: .integer(5000))
            ])
        #expect(difference.outcomesDiffer)
        #expect(difference.verdict.hasPrefix("\(large.entry.name) failed where \(small.entry.name) succeeded"))
        #expect(difference.states.map(\.name).sorted() == ["Review", "Ship"])
    }

    @Test func withTheDefinitionTheChoiceRuleThatHeldIsNamed() throws {
        let definition = try StateMachineDefinition(
            parsing: """
                {"StartAt": "Start", "States": {
                  "Start": {"Type": "Pass", "Next": "Route"},
                  "Route": {"Type": "Choice", "Default": "Review", "Choices": [
                    {"Variable": "$.order.amount", "NumericGreaterThanEquals": 100000, "Next": "Review"},
                    {"Variable": "$.order.amount", "NumericLessThan": 1000, "Next": "Ship"}]},
                  "Ship": {"Type": "Pass", "End": true},
                  "Review": {"Type": "Fail", "Error": "TooLarge", "Cause": "needs review"}}}
                """)
        let small = ExecutionComparer.Compared(
            execution: try Self.analysed(Self.choiceRun(amount: 10)), definition: definition)
        let large = ExecutionComparer.Compared(
            execution: try Self.analysed(Self.choiceRun(amount: 5000)), definition: definition)
        let split = try #require(ExecutionComparer().compare(small, large).split)
        #expect(
            split.reason.hasSuffix(
                "in the baseline rule 2 of Choices held (to Ship), in the other no rule held (Default, to Review)"),
            "\(split.reason)")
        // Without a definition the split says what the history holds, and no more.
        let plain = try #require(ExecutionComparer().compare(small.execution, large.execution).split)
        #expect(!plain.reason.contains("rule"))
    }

    @Test func theSameRunTwiceDiffersInNothing() throws {
        let one = try Self.analysed(Self.choiceRun(amount: 10))
        let difference = ExecutionComparer().compare(one, one)
        #expect(difference.split == nil)
        #expect(difference.states.isEmpty)
        #expect(difference.parts.isEmpty)
        #expect(difference.baselineOnlyErrors.isEmpty && difference.otherOnlyErrors.isEmpty)
        #expect(!difference.outcomesDiffer)
        #expect(difference.verdict == "same path, same outcome")
    }

    /// A sequential Map of three items, each one Task `Work`; `failing` makes that item's task fail.
    static func mapRun(failing: Int?) -> String {
        let task = "\"resource\": \"invoke\", \"resourceType\": \"lambda\""
        var events: [(String, String?, String)] = [
            ("ExecutionStarted", "executionStartedEventDetails", "{\"input\": \"[1,2,3]\", \"roleArn\": \"r\"}"),
            ("MapStateEntered", "stateEnteredEventDetails", "{\"name\": \"Items\", \"input\": \"[1,2,3]\"}"),
            ("MapStateStarted", "mapStateStartedEventDetails", "{\"length\": 3}"),
        ]
        for index in 0..<3 {
            let item = "{\"name\": \"Items\", \"index\": \(index)}"
            events += [
                ("MapIterationStarted", "mapIterationStartedEventDetails", item),
                ("TaskStateEntered", "stateEnteredEventDetails", "{\"name\": \"Work\", \"input\": \"\(index + 1)\"}"),
                (
                    "TaskScheduled", "taskScheduledEventDetails",
                    "{\(task), \"region\": \"eu-west-1\", \"parameters\": \"{}\"}"
                ),
                ("TaskStarted", "taskStartedEventDetails", "{\(task)}"),
            ]
            if index == failing {
                events += [
                    (
                        "TaskFailed", "taskFailedEventDetails",
                        "{\(task), \"error\": \"Boom\", \"cause\": \"item \(index)\"}"
                    ),
                    ("MapIterationFailed", "mapIterationFailedEventDetails", item),
                    ("MapStateFailed", nil, ""),
                    (
                        "ExecutionFailed", "executionFailedEventDetails",
                        "{\"error\": \"Boom\", \"cause\": \"item \(index)\"}"
                    ),
                ]
                return history(events)
            }
            events += [
                ("TaskSucceeded", "taskSucceededEventDetails", "{\(task), \"output\": \"\(index)\"}"),
                ("TaskStateExited", "stateExitedEventDetails", "{\"name\": \"Work\", \"output\": \"\(index)\"}"),
                ("MapIterationSucceeded", "mapIterationSucceededEventDetails", item),
            ]
        }
        events += [
            ("MapStateSucceeded", nil, ""),
            ("MapStateExited", "stateExitedEventDetails", "{\"name\": \"Items\", \"output\": \"[0,1,2]\"}"),
            ("ExecutionSucceeded", "executionSucceededEventDetails", "{\"output\": \"[0,1,2]\"}"),
        ]
        return history(events)
    }

    @Test func mapIterationsAreComparedByIndex() throws {
        let good = try Self.analysed(Self.mapRun(failing: nil))
        let bad = try Self.analysed(Self.mapRun(failing: 1))
        let difference = ExecutionComparer().compare(good, bad)
        let split = try #require(difference.split)
        #expect(split.scope == [.state("Items"), .iteration(1)])
        #expect(split.after == "Work")
        #expect(split.reason.hasPrefix("Work met Boom in the other"))
        #expect(split.inputDifferences.isEmpty, "the same item reached the split")
        #expect(
            difference.parts.contains(
                .init(location: [.state("Items"), .iteration(1)], baseline: .succeeded, other: .failed)))
        #expect(difference.parts.contains { $0.location == [.state("Items"), .iteration(2)] && $0.other == nil })
        #expect(
            difference.otherOnlyErrors == [
                .init(state: "(execution)", error: "Boom"), .init(state: "Work", error: "Boom"),
            ])
        let work = try #require(difference.states.first { $0.name == "Work" })
        #expect(work.visits == (3, 2))
    }

    static let corpusPairs = [
        ("ls_activities_activities__activity_task.json", "ls_activities_activities__activity_task_failure.json"),
        (
            "ls_scenarios_base_scenarios__wait_timestamp_path.json",
            "ls_scenarios_base_scenarios__wait_timestamp_path_NO_T.json"
        ),
        (
            "ls_scenarios_sfn_scenarios__wait_for_callback__success__execution_history.json",
            "ls_scenarios_sfn_scenarios__wait_for_callback__failure__execution_history.json"
        ),
    ]

    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)), arguments: corpusPairs)
    func corpusPairsSplitWhereTheFailureHappened(succeeded: String, failed: String) throws {
        let folder = Corpus.directory.appendingPathComponent("stepfunctions")
        let a = try Self.analysed(path: folder.appendingPathComponent(succeeded).path)
        let b = try Self.analysed(path: folder.appendingPathComponent(failed).path)
        let difference = ExecutionComparer().compare(a, b)
        #expect(difference.outcomesDiffer)
        let split = try #require(difference.split)
        // The split is the state the root cause names.
        let rootState = b.diagnosis.rootCause?.location.compactMap { step -> String? in
            if case .state(let name) = step { return name }
            return nil
        }.last
        #expect(split.after == rootState, "\(split)")
        #expect(!difference.otherOnlyErrors.isEmpty)
        // Reversed, the same split seen from the other side.
        let back = ExecutionComparer().compare(b, a)
        #expect(back.split?.after == split.after)
        #expect(back.baselineOnlyErrors == difference.otherOnlyErrors)
        #expect(back.verdict.contains("succeeded where"))
    }

    @Test func jsonDifferencesNameAddedRemovedAndChangedMembers() throws {
        let before = try JSONValue.parse(#"{"a": 1, "b": [1, 2], "c": {"d": "x"}, "odd key": true}"#)
        let after = try JSONValue.parse(#"{"a": 1, "b": [1, 3, 4], "c": {}, "e": null}"#)
        let found = JSONDifference.between(before, after)
        #expect(found.map(\.path) == ["$.b[1]", "$.b[2]", "$.c.d", "$['odd key']", "$.e"])
        #expect(found.map(\.kind) == [.changed, .added, .removed, .removed, .added])
        #expect(JSONDifference.between(before, before).isEmpty)
        #expect(JSONDifference.between(before, after, limit: 2).count == 2)
    }
}

/// Distributed-Map children are compared by the item each was given, whatever their names: the same items with the
/// same outcomes are no difference, even when the names sort differently; an item that ended otherwise is named.
@Suite("Children compared by item")
struct ChildrenByItemTests {
    /// The rows fixture (a parent whose Map gave items 1, 2 and 3 to three children, the second failing) in a
    /// folder, with each child renamed as `names` says (old name → new name) and `failing` the item that fails.
    static func run(renaming names: [String: String], failing: Int = 2) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rows-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in ["rows-parent", "rows-child-1", "rows-child-2", "rows-child-3"] {
            let fixture = PackagePaths.fixture("\(file).json", target: "ReplayTests")
            var text = try String(contentsOf: fixture, encoding: .utf8)
            for (old, new) in names { text = text.replacingOccurrences(of: ":\(old)\"", with: ":\(new)\"") }
            try text.write(to: folder.appendingPathComponent("\(file).json"), atomically: true, encoding: .utf8)
        }
        if failing != 2 {
            // Swap the outcomes of item 2 and item `failing` by swapping their histories' inputs.
            for (file, item) in [("rows-child-2", failing), ("rows-child-\(failing)", 2)] {
                let url = folder.appendingPathComponent("\(file).json")
                let text = try String(contentsOf: url, encoding: .utf8)
                let original = file == "rows-child-2" ? 2 : failing
                try text.replacingOccurrences(of: #""input": "\#(original)""#, with: #""input": "\#(item)""#)
                    .write(to: url, atomically: true, encoding: .utf8)
            }
        }
        return folder.path
    }

    static func children(_ a: String, _ b: String) throws -> [(name: String, baseline: RunOutcome?, other: RunOutcome?)]
    {
        let compared = try ExecutionComparer.analyze([a, b], names: ["A", "B"])
        return ExecutionComparer().compare(compared[0], compared[1]).children
    }

    @Test func theSameItemsWithTheSameOutcomesDifferInNothing() throws {
        let a = try Self.run(renaming: [:])
        // Renamed so that the failed child (item 2) sorts first: by name order it would pair with item 1.
        let b = try Self.run(renaming: ["child-2": "child-0", "child-1": "child-5"])
        let differences = try Self.children(a, b)
        #expect(differences.isEmpty, "\(differences)")
    }

    @Test func anItemThatEndedOtherwiseIsNamed() throws {
        let a = try Self.run(renaming: [:])
        let b = try Self.run(renaming: ["child-2": "child-0", "child-1": "child-5"], failing: 3)
        let differences = try Self.children(a, b)
        #expect(differences.count == 2, "\(differences)")
        // In B the failed history (child-0) was given item 3, and child-3's successful one item 2: item 2 now
        // succeeded (in child-3), item 3 now failed (in child-0).
        #expect(
            differences.contains { $0.name == "child-3" && $0.baseline == .failed && $0.other == .succeeded },
            "\(differences)")
        #expect(differences.contains { $0.name == "child-0" && $0.baseline == .succeeded && $0.other == .failed })
    }
}
