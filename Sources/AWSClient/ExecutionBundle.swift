import Foundation
import RetraceCore

/// A fetched execution kept offline: its events as AWS sent them, its description, the definition it ran with, and
/// for a distributed Map the Map Runs and child executions. Written as one JSON file whose `events` is the plain
/// history (`jq '.events'` works as on `get-execution-history` output); format in `docs/bundle.md`.
public struct ExecutionBundle: Sendable {
    /// The bundle format's version.
    public static let formatVersion: Int64 = 1

    /// The execution.
    public var executionArn: String
    /// `DescribeExecution`'s answer.
    public var execution: JSONValue
    /// `DescribeStateMachineForExecution`'s answer (its `definition` is the ASL the execution ran with); `nil` for
    /// child executions, whose definition is the parent's Map's.
    public var stateMachine: JSONValue?
    /// Every event, oldest first.
    public var events: [JSONValue]
    /// `DescribeMapRun`'s answers.
    public var mapRuns: [JSONValue] = []
    /// Child executions of the Map Runs.
    public var children: [ExecutionBundle] = []

    /// Creates a bundle.
    public init(executionArn: String, execution: JSONValue, stateMachine: JSONValue?, events: [JSONValue]) {
        self.executionArn = executionArn
        self.execution = execution
        self.stateMachine = stateMachine
        self.events = events
    }

    /// The Map Runs the history started, by ARN, in order.
    public var mapRunArns: [String] {
        var seen: Set<String> = []
        return events.compactMap { event in
            guard event["type"]?.stringValue == "MapRunStarted",
                let arn = event["mapRunStartedEventDetails"]?["mapRunArn"]?.stringValue, seen.insert(arn).inserted
            else { return nil }
            return arn
        }
    }

    /// The bundle as JSON.
    public func json(fetchedAt: Date? = nil) -> JSONValue {
        var object: [(String, JSONValue)] = []
        if let fetchedAt {
            object.append(("retraceBundle", .integer(Self.formatVersion)))
            object.append(("fetchedAt", .string(ISO8601DateFormatter().string(from: fetchedAt))))
        }
        object.append(("executionArn", .string(executionArn)))
        if let mapRunArn = execution["mapRunArn"]?.stringValue { object.append(("mapRunArn", .string(mapRunArn))) }
        object.append(("execution", execution))
        if let stateMachine { object.append(("stateMachine", stateMachine)) }
        object.append(("events", .array(events)))
        if fetchedAt != nil || !mapRuns.isEmpty { object.append(("mapRuns", .array(mapRuns))) }
        if fetchedAt != nil || !children.isEmpty { object.append(("children", .array(children.map { $0.json() }))) }
        return .object(JSONObject(object))
    }
}
