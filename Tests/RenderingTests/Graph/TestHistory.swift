import Diagnostics
import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions

/// Writes Step Functions histories for tests, event by event, as the API records them: loops, large Maps,
/// hostile names. Times advance by a fixed step, or are the corpus's `"timestamp"` placeholder.
struct TestHistory {
    private(set) var events: [[String: Any]] = []
    private var clock: Int64 = 1_767_225_600_000
    var placeholderTimestamps = false
    var step: Int64 = 10

    /// Adds an event and returns its id.
    @discardableResult
    mutating func add(_ type: String, previous: Int, _ detailsKey: String? = nil, _ details: [String: Any] = [:])
        -> Int
    {
        clock += step
        let id = events.count + 1
        var event: [String: Any] = [
            "id": id, "previousEventId": previous, "type": type,
            "timestamp": placeholderTimestamps ? "timestamp" : Instant(millisecondsSinceEpoch: clock).iso8601,
        ]
        if let detailsKey { event[detailsKey] = details }
        events.append(event)
        return id
    }

    mutating func start() -> Int {
        add("ExecutionStarted", previous: 0, "executionStartedEventDetails", ["input": "{}"])
    }

    /// A Task state: `failures` failed attempts (each retried), then success, or a caught or uncaught end.
    mutating func task(
        _ name: String, after previous: Int, failures: [(error: String, cause: String)] = [], ends: TaskEnd = .succeeds
    ) -> Int {
        let resource: [String: Any] = ["resourceType": "lambda", "resource": "invoke"]
        let entered = add(
            "TaskStateEntered", previous: previous, "stateEnteredEventDetails", ["name": name, "input": "{}"])
        var last = entered
        for failure in failures {
            let scheduled = add(
                "TaskScheduled", previous: last, "taskScheduledEventDetails",
                resource.merging(["region": "eu-west-1", "parameters": "{}"]) { $1 })
            let started = add("TaskStarted", previous: scheduled, "taskStartedEventDetails", resource)
            last = add(
                "TaskFailed", previous: started, "taskFailedEventDetails",
                resource.merging(["error": failure.error, "cause": failure.cause]) { $1 })
        }
        switch ends {
        case .succeeds:
            let scheduled = add(
                "TaskScheduled", previous: last, "taskScheduledEventDetails",
                resource.merging(["region": "eu-west-1", "parameters": "{}"]) { $1 })
            let started = add("TaskStarted", previous: scheduled, "taskStartedEventDetails", resource)
            last = add(
                "TaskSucceeded", previous: started, "taskSucceededEventDetails",
                resource.merging(["output": "{}"]) { $1 })
            return add("TaskStateExited", previous: last, "stateExitedEventDetails", ["name": name, "output": "{}"])
        case .caught:
            let output =
                (try? JSONSerialization.data(withJSONObject: [
                    "Error": failures.last?.error ?? "", "Cause": failures.last?.cause ?? "",
                ]))
                .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return add("TaskStateExited", previous: last, "stateExitedEventDetails", ["name": name, "output": output])
        case .fails:
            return last
        }
    }

    enum TaskEnd {
        case succeeds, caught, fails
    }

    mutating func pass(_ name: String, type: String = "Pass", after previous: Int) -> Int {
        let entered = add(
            "\(type)StateEntered", previous: previous, "stateEnteredEventDetails", ["name": name, "input": "{}"])
        return add("\(type)StateExited", previous: entered, "stateExitedEventDetails", ["name": name, "output": "{}"])
    }

    mutating func succeed(after previous: Int) {
        add("ExecutionSucceeded", previous: previous, "executionSucceededEventDetails", ["output": "{}"])
    }

    mutating func fail(after previous: Int, error: String, cause: String) {
        add("ExecutionFailed", previous: previous, "executionFailedEventDetails", ["error": error, "cause": cause])
    }

    /// An inline Map whose iteration `i` runs `body(i, iterationStarted)`, returning the iteration's last event
    /// and whether it failed.
    mutating func map(
        _ name: String, after previous: Int, iterations: Int,
        body: (inout TestHistory, Int, Int) -> (last: Int, failed: Bool)
    ) -> (last: Int, failed: Bool) {
        let entered = add(
            "MapStateEntered", previous: previous, "stateEnteredEventDetails", ["name": name, "input": "[]"])
        let started = add("MapStateStarted", previous: entered, "mapStateStartedEventDetails", ["length": iterations])
        var last = started
        var anyFailed = false
        for index in 0..<iterations {
            let details: [String: Any] = ["name": name, "index": index]
            let iterationStarted = add(
                "MapIterationStarted", previous: started, "mapIterationStartedEventDetails", details)
            let result = body(&self, index, iterationStarted)
            if result.failed {
                last = add("MapIterationFailed", previous: result.last, "mapIterationFailedEventDetails", details)
                anyFailed = true
            } else {
                last = add("MapIterationSucceeded", previous: result.last, "mapIterationSucceededEventDetails", details)
            }
        }
        if anyFailed {
            return (add("MapStateFailed", previous: last), true)
        }
        let succeeded = add("MapStateSucceeded", previous: last)
        return (
            add("MapStateExited", previous: succeeded, "stateExitedEventDetails", ["name": name, "output": "[]"]), false
        )
    }

    /// The history as JSON text (`{"events": [...]}`).
    func text() -> String {
        let data = (try? JSONSerialization.data(withJSONObject: ["events": events], options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The reconstructed run and its diagnosis.
    func analysed() throws -> (tree: ExecutionTree, diagnosis: Diagnosis) {
        let history = try HistoryDecoder().decode([InputBuffer(name: "test.json", text: text())])
        let tree = ExecutionTree(history: history)
        return (tree, ExecutionDiagnoser().diagnose(tree))
    }

    /// A file of the package (a sample or a Step Functions fixture), reconstructed and diagnosed.
    static func analysed(file: String) throws -> (tree: ExecutionTree, diagnosis: Diagnosis) {
        let path = file.hasPrefix("/") ? file : PackagePaths.root.appendingPathComponent(file).path
        // Named by the path as given, so that outputs (and golden files) do not depend on where the checkout is.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let history = try HistoryDecoder().decode([InputBuffer(name: file, bytes: bytes)])
        let tree = ExecutionTree(history: history)
        return (tree, ExecutionDiagnoser().diagnose(tree))
    }

    /// A path beside `Snapshot.swift`, so that golden files of tests in subfolders live in the target's one
    /// `Snapshots/` folder.
    static var snapshotAnchor: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Snapshot.swift").path
    }

    /// The package's own histories: the Step Functions fixtures and the samples, as paths from the root.
    static var packageFiles: [String] {
        let root = PackagePaths.root
        var files: [String] = []
        for folder in ["Tests/StepFunctionsTests/Fixtures", "Samples"] {
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            files += names.filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
        }
        return files
    }

    /// A loop: a Choice sends the run back to a Task `rounds` times, then on to Done.
    static func loop(rounds: Int) -> TestHistory {
        var history = TestHistory()
        var last = history.start()
        for _ in 0..<rounds {
            last = history.pass("CheckStatus", type: "Choice", after: last)
            last = history.task("Poll", after: last)
        }
        last = history.pass("CheckStatus", type: "Choice", after: last)
        last = history.pass("Done", type: "Succeed", after: last)
        history.succeed(after: last)
        return history
    }

    /// A Map of `iterations` whose iterations listed in `failing` fail in their Task (uncaught), after
    /// `Prepare`; the others run `Prepare` then `Work`.
    static func largeMap(iterations: Int, failing: Set<Int>) -> TestHistory {
        var history = TestHistory()
        history.step = 1
        let started = history.start()
        let result = history.map("Items", after: started, iterations: iterations) { history, index, begin in
            let prepared = history.pass("Prepare", after: begin)
            if failing.contains(index) {
                let last = history.task(
                    "Work", after: prepared, failures: [("Boom.\(index)", "item \(index) broke")], ends: .fails)
                return (last, true)
            }
            return (history.task("Work", after: prepared), false)
        }
        if result.failed {
            history.fail(after: result.last, error: "Boom", cause: "an item broke")
        } else {
            history.succeed(after: result.last)
        }
        return history
    }
}
