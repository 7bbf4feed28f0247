import Foundation
import RetraceCore

/// Writes a realistic Standard-workflow history of about 25,000 events: a Map over orders whose iterations
/// enrich, route and fulfil each order in a Parallel (charge with occasional retries, reserve stock), with
/// 0.5–5 KB JSON payloads written as the API writes them (JSON-encoded strings), timestamps as AWS CLI v2
/// prints them. Deterministic: the same seed gives the same bytes.
struct SyntheticHistory {
    var eventLimit = 24_990
    private var text = ""
    private var nextID: Int64 = 1
    private var clock: Int64 = 1_779_000_000_000
    private var random = SplitMix(seed: 42)

    mutating func generate() -> String {
        text.reserveCapacity(24 << 20)
        text += "{\"events\": [\n"
        let start = event(
            "ExecutionStarted", previous: 0, details: "executionStartedEventDetails", payload("input", 2_000))
        let prepare = event(
            "PassStateEntered", previous: 0, details: "stateEnteredEventDetails",
            name("Prepare") + payload("input", 2_000))
        _ = start
        let prepared = event(
            "PassStateExited", previous: prepare, details: "stateExitedEventDetails",
            name("Prepare") + payload("output", 1_500))
        let map = event(
            "MapStateEntered", previous: prepared, details: "stateEnteredEventDetails",
            name("ProcessOrders") + payload("input", 3_000))
        // The item count is only known once the iterations are written: write them aside, then splice.
        let mapStarted = nextID
        nextID += 1
        let startClock = clock
        let beforeIterations = text
        text = ""
        var lastIterationEnd = mapStarted
        var index = 0
        while nextID + 40 < Int64(eventLimit) {
            lastIterationEnd = iteration(index, mapStarted: mapStarted)
            index += 1
        }
        let iterations = text
        let afterIterations = nextID
        text = beforeIterations
        nextID = mapStarted
        let endClock = clock
        clock = startClock
        event("MapStateStarted", previous: map, details: "mapStateStartedEventDetails", "\"length\": \(index)")
        clock = endClock
        nextID = afterIterations
        text += iterations
        let succeeded = event("MapStateSucceeded", previous: lastIterationEnd, details: nil, "")
        let exited = event(
            "MapStateExited", previous: succeeded, details: "stateExitedEventDetails",
            name("ProcessOrders") + payload("output", 2_500))
        _ = event(
            "ExecutionSucceeded", previous: exited, details: "executionSucceededEventDetails", payload("output", 2_500),
            last: true)
        text += "]}\n"
        return text
    }

    private mutating func iteration(_ index: Int, mapStarted: Int64) -> Int64 {
        let iterationDetails = "\"name\": \"ProcessOrders\", \"index\": \(index)"
        let started = event(
            "MapIterationStarted", previous: mapStarted, details: "mapIterationStartedEventDetails", iterationDetails)
        let enriched = task("Enrich", previous: started, retries: 0)
        let route = event(
            "ChoiceStateEntered", previous: enriched, details: "stateEnteredEventDetails",
            name("Route") + payload("input", 1_200))
        let routed = event(
            "ChoiceStateExited", previous: route, details: "stateExitedEventDetails",
            name("Route") + payload("output", 1_200))
        let parallel = event(
            "ParallelStateEntered", previous: routed, details: "stateEnteredEventDetails",
            name("Fulfil") + payload("input", 1_200))
        let parallelStarted = event("ParallelStateStarted", previous: parallel, details: nil, "")
        let charged = task(
            "Charge", previous: parallelStarted, retries: random.next() % 5 == 0 ? 1 + Int(random.next() % 2) : 0)
        let reserved = task("Reserve", previous: parallelStarted, retries: 0)
        _ = event("ParallelStateSucceeded", previous: parallelStarted, details: nil, "")
        let fulfilled = event(
            "ParallelStateExited", previous: max(charged, reserved), details: "stateExitedEventDetails",
            name("Fulfil") + payload("output", 2_000))
        return event(
            "MapIterationSucceeded", previous: fulfilled, details: "mapIterationSucceededEventDetails", iterationDetails
        )
    }

    private mutating func task(_ state: String, previous: Int64, retries: Int) -> Int64 {
        let entered = event(
            "TaskStateEntered", previous: previous, details: "stateEnteredEventDetails",
            name(state) + payload("input", 500 + Int(random.next() % 4_500)))
        var last = entered
        let resource = "\"resourceType\": \"lambda\", \"resource\": \"invoke\""
        for attempt in 0...retries {
            let scheduled = event(
                "TaskScheduled", previous: last, details: "taskScheduledEventDetails",
                resource + ", \"region\": \"eu-west-1\", \"timeoutInSeconds\": 30, "
                    + payload("parameters", 500 + Int(random.next() % 4_500)))
            let started = event("TaskStarted", previous: scheduled, details: "taskStartedEventDetails", resource)
            if attempt < retries {
                last = event(
                    "TaskFailed", previous: started, details: "taskFailedEventDetails",
                    resource
                        + ", \"error\": \"Lambda.TooManyRequestsException\", \"cause\": \"Rate Exceeded. (Service: Lambda, Status Code: 429, Request ID: 5e0c)\""
                )
                clock += 1_000 << attempt
            } else {
                last = event(
                    "TaskSucceeded", previous: started, details: "taskSucceededEventDetails",
                    resource + ", " + payload("output", 500 + Int(random.next() % 4_500)))
            }
        }
        return event(
            "TaskStateExited", previous: last, details: "stateExitedEventDetails",
            name(state) + payload("output", 500 + Int(random.next() % 4_500)))
    }

    private func name(_ state: String) -> String { "\"name\": \"\(state)\", " }

    /// A JSON-encoded string holding an order-like object of roughly `size` bytes.
    private mutating func payload(_ field: String, _ size: Int) -> String {
        var object =
            "{\\\"orderId\\\": \\\"ord-\(random.next() % 1_000_000)\\\", \\\"customer\\\": {\\\"id\\\": \\\"c-\(random.next() % 10_000)\\\", \\\"tier\\\": \\\"gold\\\"}, \\\"lines\\\": ["
        var first = true
        while object.utf8.count < size {
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
    private mutating func event(_ type: String, previous: Int64, details: String?, _ body: String, last: Bool = false)
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

/// A small deterministic generator (SplitMix64), so benchmark inputs are the same on every machine.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
