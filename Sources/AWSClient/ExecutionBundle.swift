import Foundation
import RetraceCore

/// A fetched execution kept offline: its events as AWS sent them, its description, the definition it ran with, and
/// for a distributed Map the Map Runs and child executions. Written as one JSON file whose `events` is the plain
/// history (`jq '.events'` works as on `get-execution-history` output); format in `docs/bundle.md`.
///
/// Events are kept as the JSON text of each one, never as a tree: a 25,000-event history is tens of megabytes,
/// and the bundle only passes it on, so building and re-serialising a tree of it would be most of a fetch's work.
public struct ExecutionBundle: Sendable {
    /// The bundle format's version.
    public static let formatVersion: Int64 = 1

    /// One event as fetched: its id and its JSON text (compact, every member as AWS sent it).
    public struct Event: Sendable, Hashable {
        /// The event's `id`, when it has an integer one.
        public var id: Int64?
        /// The event as JSON text.
        public var text: [UInt8]
        /// The Map Run it started, for a `MapRunStarted` event.
        public var mapRunArn: String?

        /// Creates an event.
        public init(id: Int64?, text: [UInt8], mapRunArn: String? = nil) {
            self.id = id
            self.text = text
            self.mapRunArn = mapRunArn
        }
    }

    /// The execution.
    public var executionArn: String
    /// `DescribeExecution`'s answer.
    public var execution: JSONValue
    /// `DescribeStateMachineForExecution`'s answer (its `definition` is the ASL the execution ran with); `nil` for
    /// child executions, whose definition is the parent's Map's.
    public var stateMachine: JSONValue?
    /// Every event, oldest first.
    public var events: [Event]
    /// `DescribeMapRun`'s answers.
    public var mapRuns: [JSONValue] = []
    /// Child executions of the Map Runs.
    public var children: [ExecutionBundle] = []

    /// Creates a bundle.
    public init(executionArn: String, execution: JSONValue, stateMachine: JSONValue?, events: [Event]) {
        self.executionArn = executionArn
        self.execution = execution
        self.stateMachine = stateMachine
        self.events = events
    }

    /// The Map Runs the history started, by ARN, in order.
    public var mapRunArns: [String] {
        var seen: Set<String> = []
        return events.compactMap { event in
            guard let arn = event.mapRunArn, seen.insert(arn).inserted else { return nil }
            return arn
        }
    }

    /// The bundle as a JSON document; `fetchedAt` (the top-level bundle only) adds the format's version and the
    /// time. `pretty` puts each member, event and child on a line of its own, indented.
    public func serialized(fetchedAt: Date? = nil, pretty: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(events.reduce(4096) { $0 + $1.text.count + 8 })
        write(to: &output, fetchedAt: fetchedAt, pretty: pretty, indent: 0)
        if pretty { output.append(UInt8(ascii: "\n")) }
        return output
    }

    private func write(to output: inout [UInt8], fetchedAt: Date?, pretty: Bool, indent: Int) {
        var first = true
        func newline(_ depth: Int) {
            guard pretty else { return }
            output.append(UInt8(ascii: "\n"))
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
        func key(_ name: String) {
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            newline(indent + 1)
            output.append(contentsOf: JSONValue.string(name).serialized().utf8)
            output.append(contentsOf: pretty ? Array(": ".utf8) : [UInt8(ascii: ":")])
        }
        func member(_ name: String, _ value: JSONValue) {
            key(name)
            output.append(contentsOf: value.serialized(pretty: pretty, indent: indent + 1).utf8)
        }
        func list<Element>(_ name: String, _ elements: [Element], _ writeOne: (Element) -> Void) {
            key(name)
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 2)
                writeOne(element)
            }
            if !elements.isEmpty { newline(indent + 1) }
            output.append(UInt8(ascii: "]"))
        }
        output.append(UInt8(ascii: "{"))
        if let fetchedAt {
            member("retraceBundle", .integer(Self.formatVersion))
            member("fetchedAt", .string(ISO8601DateFormatter().string(from: fetchedAt)))
        }
        member("executionArn", .string(executionArn))
        if let mapRunArn = execution["mapRunArn"]?.stringValue { member("mapRunArn", .string(mapRunArn)) }
        member("execution", execution)
        if let stateMachine { member("stateMachine", stateMachine) }
        list("events", events) { output.append(contentsOf: $0.text) }
        if fetchedAt != nil || !mapRuns.isEmpty {
            list("mapRuns", mapRuns) {
                output.append(contentsOf: $0.serialized(pretty: pretty, indent: indent + 2).utf8)
            }
        }
        if fetchedAt != nil || !children.isEmpty {
            list("children", children) {
                $0.write(to: &output, fetchedAt: nil, pretty: pretty, indent: indent + 2)
            }
        }
        newline(indent)
        output.append(UInt8(ascii: "}"))
    }
}
