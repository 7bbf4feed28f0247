import RetraceCore
import StepFunctions

/// Builds the context object (`$$`) from what the history tells: the execution's input, role and start time, the
/// state's name, entry time and retry count, the Map item. What the history does not tell (the state machine's
/// ARN, a task token, masked times) is an `UnknownValue`, so that values computed from it are compared around it.
enum ContextObject {
    /// The `Execution`, `StateMachine` and `Task` parts, shared by every state.
    static func execution(tree: ExecutionTree, started: HistoryEvent?, input: JSONValue) -> JSONValue {
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
        var machine = JSONObject()
        machine["Id"] = UnknownValue.marker("$$.StateMachine.Id")
        machine["Name"] = UnknownValue.marker("$$.StateMachine.Name")
        var context = JSONObject()
        context["Execution"] = .object(execution)
        context["StateMachine"] = .object(machine)
        return .object(context)
    }

    /// The context object of a `.waitForTaskToken` task, with its token (not known to replay).
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
