import Foundation
import RetraceCore

/// Writes a realistic Standard-workflow history of about 25,000 events: a Map over orders whose iterations
/// enrich, route and fulfil each order in a Parallel (charge with occasional retries, reserve stock), with JSON
/// payloads written as the API writes them (JSON-encoded strings), timestamps as AWS CLI v2 prints them.
/// Deterministic: the same seed gives the same bytes.
///
/// `.large` payloads are 0.5–5 KB order documents (about 45 MB for 25,000 events); `.small` ones are two fifths of
/// that (about 22 MB for 25,000 events), so that event structure (ids, types, timestamps, details objects) weighs
/// more against the bytes.
struct SyntheticHistory {
    enum Payloads {
        case large, small
    }

    var eventLimit = 24_990
    private var writer: EventWriter

    init(payloads: Payloads = .large, eventLimit: Int = 24_990) {
        writer = EventWriter(seed: 42, payloadDivisor: payloads == .small ? 2.5 : 1)
        self.eventLimit = eventLimit
    }

    mutating func generate() -> String {
        writer.text.reserveCapacity(24 << 20)
        writer.text += "{\"events\": [\n"
        _ = writer.event(
            "ExecutionStarted", previous: 0, details: "executionStartedEventDetails", writer.payload("input", 2_000))
        let prepare = writer.event(
            "PassStateEntered", previous: 0, details: "stateEnteredEventDetails",
            writer.name("Prepare") + writer.payload("input", 2_000))
        let prepared = writer.event(
            "PassStateExited", previous: prepare, details: "stateExitedEventDetails",
            writer.name("Prepare") + writer.payload("output", 1_500))
        let map = writer.event(
            "MapStateEntered", previous: prepared, details: "stateEnteredEventDetails",
            writer.name("ProcessOrders") + writer.payload("input", 3_000))
        // The item count is only known once the iterations are written: write them aside, then splice.
        let mapStarted = writer.nextID
        writer.nextID += 1
        let startClock = writer.clock
        let beforeIterations = writer.text
        writer.text = ""
        var lastIterationEnd = mapStarted
        var index = 0
        while writer.nextID + 40 < Int64(eventLimit) {
            lastIterationEnd = iteration(index, mapStarted: mapStarted)
            index += 1
        }
        let iterations = writer.text
        let afterIterations = writer.nextID
        writer.text = beforeIterations
        writer.nextID = mapStarted
        let endClock = writer.clock
        writer.clock = startClock
        writer.event("MapStateStarted", previous: map, details: "mapStateStartedEventDetails", "\"length\": \(index)")
        writer.clock = endClock
        writer.nextID = afterIterations
        writer.text += iterations
        let succeeded = writer.event("MapStateSucceeded", previous: lastIterationEnd, details: nil, "")
        let exited = writer.event(
            "MapStateExited", previous: succeeded, details: "stateExitedEventDetails",
            writer.name("ProcessOrders") + writer.payload("output", 2_500))
        _ = writer.event(
            "ExecutionSucceeded", previous: exited, details: "executionSucceededEventDetails",
            writer.payload("output", 2_500), last: true)
        writer.text += "]}\n"
        return writer.text
    }

    private mutating func iteration(_ index: Int, mapStarted: Int64) -> Int64 {
        let iterationDetails = "\"name\": \"ProcessOrders\", \"index\": \(index)"
        let started = writer.event(
            "MapIterationStarted", previous: mapStarted, details: "mapIterationStartedEventDetails", iterationDetails)
        let enriched = writer.task("Enrich", previous: started, retries: 0)
        let route = writer.event(
            "ChoiceStateEntered", previous: enriched, details: "stateEnteredEventDetails",
            writer.name("Route") + writer.payload("input", 1_200))
        let routed = writer.event(
            "ChoiceStateExited", previous: route, details: "stateExitedEventDetails",
            writer.name("Route") + writer.payload("output", 1_200))
        let parallel = writer.event(
            "ParallelStateEntered", previous: routed, details: "stateEnteredEventDetails",
            writer.name("Fulfil") + writer.payload("input", 1_200))
        let parallelStarted = writer.event("ParallelStateStarted", previous: parallel, details: nil, "")
        let charged = writer.task(
            "Charge", previous: parallelStarted,
            retries: writer.random.next() % 5 == 0 ? 1 + Int(writer.random.next() % 2) : 0)
        let reserved = writer.task("Reserve", previous: parallelStarted, retries: 0)
        _ = writer.event("ParallelStateSucceeded", previous: parallelStarted, details: nil, "")
        let fulfilled = writer.event(
            "ParallelStateExited", previous: max(charged, reserved), details: "stateExitedEventDetails",
            writer.name("Fulfil") + writer.payload("output", 2_000))
        return writer.event(
            "MapIterationSucceeded", previous: fulfilled, details: "mapIterationSucceededEventDetails",
            iterationDetails)
    }
}

/// Writes events one line each, as `get-execution-history` pages are printed by the AWS CLI: ids, links to the
/// previous event, a millisecond clock that moves forward, and order-like payloads. Shared by the generators.
struct EventWriter {
    var text = ""
    var nextID: Int64 = 1
    var clock: Int64 = 1_779_000_000_000
    var random: SplitMix64
    /// Payloads of a few dozen bytes instead of the sizes asked for.
    /// Divides the sizes asked for (the executions of the batch case carry lighter payloads than the long history).
    let payloadDivisor: Double

    init(seed: UInt64, clock: Int64 = 1_779_000_000_000, payloadDivisor: Double = 1) {
        random = SplitMix64(seed: seed)
        self.clock = clock
        self.payloadDivisor = payloadDivisor
    }

    /// A Task state: entered, then scheduled, started and failed (`retries` times, with backoff) or succeeded,
    /// then exited. Returns the id of its last event.
    mutating func task(_ state: String, previous: Int64, retries: Int) -> Int64 {
        let last = attempts(state, previous: previous, failures: retries, error: nil)
        return event(
            "TaskStateExited", previous: last, details: "stateExitedEventDetails",
            name(state) + payload("output", 500 + Int(random.next() % 4_500)))
    }

    /// A Task state's entry and attempts: `failures` attempts fail with a throttling error, then the last one
    /// succeeds, or, when `error` is given, fails with it (the state is then left without an exit event, as
    /// when the failure ends the execution). Returns the id of the last event written.
    mutating func attempts(_ state: String, previous: Int64, failures: Int, error: (name: String, cause: String)?)
        -> Int64
    {
        let entered = event(
            "TaskStateEntered", previous: previous, details: "stateEnteredEventDetails",
            name(state) + payload("input", 500 + Int(random.next() % 4_500)))
        var last = entered
        let resource = "\"resourceType\": \"lambda\", \"resource\": \"invoke\""
        for attempt in 0...failures {
            let scheduled = event(
                "TaskScheduled", previous: last, details: "taskScheduledEventDetails",
                resource + ", \"region\": \"eu-west-1\", \"timeoutInSeconds\": 30, "
                    + payload("parameters", 500 + Int(random.next() % 4_500)))
            let started = event("TaskStarted", previous: scheduled, details: "taskStartedEventDetails", resource)
            if attempt < failures {
                last = event(
                    "TaskFailed", previous: started, details: "taskFailedEventDetails",
                    resource
                        + ", \"error\": \"Lambda.TooManyRequestsException\", \"cause\": \"Rate Exceeded. (Service: Lambda, Status Code: 429, Request ID: 5e0c)\""
                )
                clock += 1_000 << attempt
            } else if let error {
                last = event(
                    "TaskFailed", previous: started, details: "taskFailedEventDetails",
                    resource + ", \"error\": \(quoted(error.name)), \"cause\": \(quoted(error.cause))")
            } else {
                last = event(
                    "TaskSucceeded", previous: started, details: "taskSucceededEventDetails",
                    resource + ", " + payload("output", 500 + Int(random.next() % 4_500)))
            }
        }
        return last
    }

    func name(_ state: String) -> String { "\"name\": \"\(state)\", " }

    /// `text` as a JSON string literal.
    func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A JSON-encoded string holding an order-like object of roughly `size / payloadDivisor` bytes.
    mutating func payload(_ field: String, _ size: Int) -> String {
        var object =
            "{\\\"orderId\\\": \\\"ord-\(random.next() % 1_000_000)\\\", \\\"customer\\\": {\\\"id\\\": \\\"c-\(random.next() % 10_000)\\\", \\\"tier\\\": \\\"gold\\\"}, \\\"lines\\\": ["
        var first = true
        while Double(object.utf8.count) < Double(size) / payloadDivisor {
            if !first { object += ", " }
            first = false
            object +=
                "{\\\"sku\\\": \\\"SKU-\(random.next() % 100_000)\\\", \\\"qty\\\": \(random.next() % 9 + 1), \\\"price\\\": \(random.next() % 10_000).99, \\\"note\\\": \\\"gift wrap, deliver after 18:00\\\"}"
        }
        object += "]}"
        return
            "\"\(field)\": \"\(object)\", \"\(field == "parameters" ? "inputDetails" : field + "Details")\": {\"truncated\": false}"
    }

    @discardableResult
    mutating func event(_ type: String, previous: Int64, details: String?, _ body: String, last: Bool = false)
        -> Int64
    {
        let id = nextID
        nextID += 1
        clock += Int64(random.next() % 40)
        let time = Instant(millisecondsSinceEpoch: clock).iso8601.replacingOccurrences(of: "Z", with: "000+00:00")
        var line =
            "  {\"id\": \(id), \"previousEventId\": \(previous), \"timestamp\": \"\(time)\", \"type\": \"\(type)\""
        if let details { line += ", \"\(details)\": {\(body.hasSuffix(", ") ? String(body.dropLast(2)) : body)}" }
        line += last ? "}\n" : "},\n"
        text += line
        return id
    }
}
