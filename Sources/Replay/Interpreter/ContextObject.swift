import RetraceCore
import StepFunctions

/// Builds the context object (`$$`) from what the history tells: the execution's input, role and start time, the
/// state's name, entry time and retry count, the Map item. What the history does not tell (the state machine's
/// ARN, a task token, masked times) is an `UnknownValue`, so that values computed from it are compared around it.
enum ContextObject {
    /// When AWS added redrives (and `$$.Execution.RedriveCount`, 0 on a first run): 15 November 2023.
    static let redriveLaunch = Instant(millisecondsSinceEpoch: 1_700_006_400_000)

    /// The `Execution`, `StateMachine` and `Task` parts, shared by every state.
    /// `redriveCount` is the run's number (0 for the first run, as AWS gives it), `redriveTime` the run's
    /// `ExecutionRedriven` time, present only on a redrive.
    static func execution(
        tree: ExecutionTree, started: HistoryEvent?, input: JSONValue, redriveCount: Int = 0,
        redriveTime: Instant? = nil
    ) -> JSONValue {
        var execution = JSONObject()
        let arn = tree.history.executionArn
        execution["Id"] = arn.map(JSONValue.string) ?? UnknownValue.marker("$$.Execution.Id")
        execution["Input"] = input
        let name = arn.flatMap { $0.split(separator: ":").last.map(String.init) }
        execution["Name"] = name.map(JSONValue.string) ?? UnknownValue.marker("$$.Execution.Name")
        execution["RoleArn"] =
            started?.details.roleArn.map(JSONValue.string) ?? UnknownValue.marker("$$.Execution.RoleArn")
        execution["StartTime"] =
            started?.timestamp.map { .string($0.iso8601) } ?? UnknownValue.marker("$$.Execution.StartTime")
        if redriveCount > 0 || started?.timestamp.map({ $0 >= redriveLaunch }) == true {
            execution["RedriveCount"] = .integer(Int64(redriveCount))
        } else if started?.timestamp == nil {
            // Executions that started before redrives existed have no RedriveCount; without a readable start
            // time, which one this is cannot be told.
            execution["RedriveCount"] = UnknownValue.marker("$$.Execution.RedriveCount")
        }
        if redriveCount > 0 {
            execution["RedriveTime"] =
                redriveTime.map { .string($0.iso8601) } ?? UnknownValue.marker("$$.Execution.RedriveTime")
        }
        var machine = JSONObject()
        machine["Id"] = UnknownValue.marker("$$.StateMachine.Id")
        machine["Name"] = UnknownValue.marker("$$.StateMachine.Name")
        var context = JSONObject()
        context["Execution"] = .object(execution)
        context["StateMachine"] = .object(machine)
        return .object(context)
    }

    /// Whether a task's context object holds `Task.Token`: the callback pattern (`.waitForTaskToken`) and the
    /// run-a-job patterns (`.sync`, `.sync:2`), for which AWS also passes a token.
    static func passesTaskToken(_ resource: String) -> Bool {
        resource.hasSuffix(".waitForTaskToken") || resource.hasSuffix(".sync") || resource.contains(".sync:")
    }

    /// The context object of a task that is given a token, with its token (not known to replay).
    static func withTaskToken(_ base: JSONValue) -> JSONValue {
        guard case .object(var context) = base else { return base }
        var task = JSONObject()
        task["Token"] = UnknownValue.marker("$$.Task.Token")
        context["Task"] = .object(task)
        return .object(context)
    }

    /// The whole context object for a state being run.
    static func state(
        _ base: JSONValue, name: String, entered: Instant?, retryCount: Int, mapItem: (index: Int, value: JSONValue)?
    ) -> JSONValue {
        guard case .object(var context) = base else { return base }
        var state = JSONObject()
        state["EnteredTime"] = entered.map { .string($0.iso8601) } ?? UnknownValue.marker("$$.State.EnteredTime")
        state["Name"] = .string(name)
        state["RetryCount"] = .integer(Int64(retryCount))
        context["State"] = .object(state)
        if let mapItem {
            var item = JSONObject()
            item["Index"] = .integer(Int64(mapItem.index))
            item["Value"] = mapItem.value
            var map = JSONObject()
            map["Item"] = .object(item)
            context["Map"] = .object(map)
        }
        return .object(context)
    }
}
