import Foundation
import RetraceCore
import StepFunctions

/// The definition-replay case: a Map of 2,000 items over a Choice and a Task that fails once and is retried
/// (about 26,000 events), with the definition that agrees with it. `retrace replay --definition` is timed end to
/// end (read, reconstruct, replay); the benchmark target does not link `Replay`, so the replay share is the end
/// to end time less decoding and reconstruction, printed beside it.
struct DefinitionReplayBenchmark {
    static let items = 2000

    static let definition = """
        {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.results",
          "ItemProcessor": {"StartAt": "Route", "States": {
            "Route": {"Type": "Choice", "Choices": [{"Variable": "$.kind", "StringEquals": "big", "Next": "Big"}],
                      "Default": "Work"},
            "Big": {"Type": "Pass", "Parameters": {"id.$": "$.id", "kind.$": "$.kind", "size": "L"}, "Next": "Work"},
            "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Parameters": {"FunctionName": "work", "Payload.$": "$"},
                     "ResultSelector": {"value.$": "$.Payload"},
                     "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 2, "IntervalSeconds": 1}],
                     "End": true}}},
          "End": true}}}
        """

    /// The history, as `get-execution-history` writes it (payloads as JSON-encoded strings).
    static func history() -> String {
        var events: [String] = []
        var id: Int64 = 0
        // Seconds added to the clock: a retry is scheduled after its interval, as the service does.
        var waited = 0.0
        func add(_ type: String, previous: Int64, _ details: String) -> Int64 {
            id += 1
            let time = String(format: "%.3f", 1_700_000_000.0 + Double(id) * 0.01 + waited)
            events.append(
                "{\"id\": \(id), \"previousEventId\": \(previous), \"type\": \"\(type)\", \"timestamp\": \(time)\(details)}"
            )
            return id
        }
        func encoded(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let itemList = (0..<items).map { "{\"id\": \($0), \"kind\": \"\($0 % 3 == 0 ? "big" : "small")\"}" }
        let input = "{\"items\": [\(itemList.joined(separator: ", "))]}"
        _ = add("ExecutionStarted", previous: 0, ", \"executionStartedEventDetails\": {\"input\": \(encoded(input))}")
        let entered = add(
            "MapStateEntered", previous: 0,
            ", \"stateEnteredEventDetails\": {\"name\": \"Fan\", \"input\": \(encoded(input))}")
        let started = add(
            "MapStateStarted", previous: entered, ", \"mapStateStartedEventDetails\": {\"length\": \(items)}")
        var results: [String] = []
        var last = started
        for index in 0..<items {
            let item = itemList[index]
            let iteration = add(
                "MapIterationStarted", previous: started,
                ", \"mapIterationStartedEventDetails\": {\"name\": \"Fan\", \"index\": \(index)}")
            let state = "\"name\": \"Route\", "
            var previous = add(
                "ChoiceStateEntered", previous: iteration,
                ", \"stateEnteredEventDetails\": {\(state)\"input\": \(encoded(item))}")
            previous = add(
                "ChoiceStateExited", previous: previous,
                ", \"stateExitedEventDetails\": {\(state)\"output\": \(encoded(item))}")
            var workInput = item
            if index % 3 == 0 {
                workInput = "{\"id\": \(index), \"kind\": \"big\", \"size\": \"L\"}"
                previous = add(
                    "PassStateEntered", previous: previous,
                    ", \"stateEnteredEventDetails\": {\"name\": \"Big\", \"input\": \(encoded(item))}")
                previous = add(
                    "PassStateExited", previous: previous,
                    ", \"stateExitedEventDetails\": {\"name\": \"Big\", \"output\": \(encoded(workInput))}")
            }
            previous = add(
                "TaskStateEntered", previous: previous,
                ", \"stateEnteredEventDetails\": {\"name\": \"Work\", \"input\": \(encoded(workInput))}")
            let parameters = encoded("{\"FunctionName\": \"work\", \"Payload\": \(workInput)}")
            let task = "\"resourceType\": \"lambda\", \"resource\": \"invoke\""
            for attempt in 0..<2 {
                previous = add(
                    "TaskScheduled", previous: previous,
                    ", \"taskScheduledEventDetails\": {\(task), \"region\": \"eu-west-1\", \"parameters\": \(parameters)}"
                )
                previous = add("TaskStarted", previous: previous, ", \"taskStartedEventDetails\": {\(task)}")
                if attempt == 0 {
                    previous = add(
                        "TaskFailed", previous: previous,
                        ", \"taskFailedEventDetails\": {\(task), \"error\": \"Flaky\", \"cause\": \"try again\"}")
                    waited += 1.5
                } else {
                    let output = "{\"Payload\": {\"id\": \(index), \"score\": \(index * 7 % 100)}, \"StatusCode\": 200}"
                    previous = add(
                        "TaskSucceeded", previous: previous,
                        ", \"taskSucceededEventDetails\": {\(task), \"output\": \(encoded(output))}")
                }
            }
            let result = "{\"value\": {\"id\": \(index), \"score\": \(index * 7 % 100)}}"
            results.append(result)
            previous = add(
                "TaskStateExited", previous: previous,
                ", \"stateExitedEventDetails\": {\"name\": \"Work\", \"output\": \(encoded(result))}")
            last = add(
                "MapIterationSucceeded", previous: previous,
                ", \"mapIterationSucceededEventDetails\": {\"name\": \"Fan\", \"index\": \(index)}")
        }
        let output =
            "{\"items\": [\(itemList.joined(separator: ", "))], \"results\": [\(results.joined(separator: ", "))]}"
        last = add("MapStateSucceeded", previous: last, "")
        last = add(
            "MapStateExited", previous: last,
            ", \"stateExitedEventDetails\": {\"name\": \"Fan\", \"output\": \(encoded(output))}")
        _ = add(
            "ExecutionSucceeded", previous: last,
            ", \"executionSucceededEventDetails\": {\"output\": \(encoded(output))}")
        return "{\"events\": [\n" + events.joined(separator: ",\n") + "\n]}\n"
    }

    /// Writes the pair, times the command, and prints the figures.
    static func run(binary: String, folder: URL) throws {
        let historyFile = folder.appendingPathComponent("replay-map-2000.json").path
        let definitionFile = folder.appendingPathComponent("replay-map-2000.asl.json").path
        let text = history()
        try text.write(toFile: historyFile, atomically: true, encoding: .utf8)
        try definition.write(toFile: definitionFile, atomically: true, encoding: .utf8)
        let input = try InputBuffer.read(path: historyFile)
        let history = try HistoryDecoder().decode([input])
        let prepare = Measure.best(of: 3) {
            _ = ExecutionTree(history: (try? HistoryDecoder().decode([input])) ?? history)
        }
        let result = Measure.command([binary, "replay", historyFile, "--definition", definitionFile], runs: 3)
        print("")
        print(
            "Definition replay — Map of \(items) items over a Choice and a retried Task, \(history.events.count) events"
        )
        print(Benchmark.row("decode + reconstruct (in process)", prepare))
        print(Benchmark.row("retrace replay --definition", result, extra: ", end to end, median of 3"))
        guard case .success(let endToEnd) = result else { return }
        print(Benchmark.row("replay (end to end − the above)", max(endToEnd.seconds - prepare, 0)))
        print(
            Benchmark.verdict(
                "definition replay ≤ 1 s", String(format: "%.3f s", endToEnd.seconds), endToEnd.seconds <= 1))
    }
}
