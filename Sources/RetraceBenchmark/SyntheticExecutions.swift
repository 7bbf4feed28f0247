import Foundation
import RetraceCore

/// Writes many distinct executions of one order-processing state machine, about 200 events each, as
/// `{"executionArn": …, "events": [...]}` files (what a script that saves `get-execution-history` per execution
/// writes). Each has its own ARN, name, start time and outcome: about a third fail (in different states, with
/// different errors), a few time out or are aborted, the rest succeed. Every one loops over pages of work
/// (Choice, then fetch, transform and store Tasks, with throttling retries), now and then through a small Map or
/// Parallel. Deterministic: execution `n` is the same on every machine.
struct SyntheticExecutions {
    static let machine = "arn:aws:states:eu-west-1:123456789012:stateMachine:OrderPipeline"
    static let role = "arn:aws:iam::123456789012:role/OrderPipelineRole"

    /// How execution `index` ends.
    enum Outcome {
        case succeeded
        case failed(state: String, error: String, cause: String)
        case timedOut
        case aborted
    }

    static let failures: [(state: String, error: String, cause: String)] = [
        ("Charge", "PaymentDeclined", "{\"errorMessage\": \"card declined: insufficient funds\"}"),
        ("Store", "DynamoDB.ConditionalCheckFailedException", "The conditional request failed"),
        ("Fetch", "Lambda.ServiceException", "Lambda was unable to process the request (Status Code: 500)"),
        ("Transform", "States.Timeout", "Task timed out after 30.00 seconds"),
        (
            "Transform", "ValidationError",
            "{\"errorMessage\": \"missing field customer.id\", \"errorType\": \"ValidationError\"}"
        ),
        ("Store", "States.TaskFailed", "{\"errorMessage\": \"connection reset by peer\"}"),
    ]

    static func outcome(of index: Int) -> Outcome {
        if index % 3 == 1 {
            let failure = failures[(index / 3) % failures.count]
            return .failed(state: failure.state, error: failure.error, cause: failure.cause)
        }
        if index % 29 == 5 { return .timedOut }
        if index % 31 == 7 { return .aborted }
        return .succeeded
    }

    static func name(of index: Int) -> String {
        "order-batch-\(String(format: "%04d", index))-\(String(UInt32(truncatingIfNeeded: index &* 2_654_435_761), radix: 16))"
    }

    static func arn(of index: Int) -> String {
        "arn:aws:states:eu-west-1:123456789012:execution:OrderPipeline:\(name(of: index))"
    }

    /// The history of execution `index`, about 200 events.
    static func history(_ index: Int) -> String {
        // Started about every seven minutes over five days.
        var writer = EventWriter(
            seed: 1_000 + UInt64(index), clock: 1_779_000_000_000 + Int64(index) * 431_000, payloadDivisor: 4)
        let outcome = outcome(of: index)
        writer.text.reserveCapacity(256 << 10)
        writer.text += "{\"executionArn\": \"\(arn(of: index))\", \"events\": [\n"
        let started = writer.event(
            "ExecutionStarted", previous: 0, details: "executionStartedEventDetails",
            writer.payload("input", 800) + ", \"roleArn\": \"\(role)\", \"stateMachineArn\": \"\(machine)\"")
        let prepare = writer.event(
            "PassStateEntered", previous: started, details: "stateEnteredEventDetails",
            writer.name("Prepare") + writer.payload("input", 800))
        var last = writer.event(
            "PassStateExited", previous: prepare, details: "stateExitedEventDetails",
            writer.name("Prepare") + writer.payload("output", 600))
        let pages = 10 + Int(writer.random.next() % 3)
        // Where a failure, a timeout or an abort strikes: a page late in the run.
        let fatalPage = pages / 2 + Int(writer.random.next() % UInt64(pages / 2))
        for page in 0..<pages {
            let choice = writer.event(
                "ChoiceStateEntered", previous: last, details: "stateEnteredEventDetails",
                writer.name("MorePages") + writer.payload("input", 300))
            last = writer.event(
                "ChoiceStateExited", previous: choice, details: "stateExitedEventDetails",
                writer.name("MorePages") + writer.payload("output", 300))
            for state in ["Fetch", "Transform", "Store"] {
                let retries = writer.random.next() % 6 == 0 ? 1 + Int(writer.random.next() % 2) : 0
                if page == fatalPage, state == "Transform" {
                    switch outcome {
                    case .timedOut:
                        let entered = writer.event(
                            "TaskStateEntered", previous: last, details: "stateEnteredEventDetails",
                            writer.name(state) + writer.payload("input", 400))
                        writer.clock += 3_600_000
                        _ = writer.event(
                            "ExecutionTimedOut", previous: entered, details: "executionTimedOutEventDetails",
                            "\"error\": \"States.Timeout\", \"cause\": \"The execution timed out after 3600 seconds\"",
                            last: true)
                        return writer.text + "]}\n"
                    case .aborted:
                        let entered = writer.event(
                            "TaskStateEntered", previous: last, details: "stateEnteredEventDetails",
                            writer.name(state) + writer.payload("input", 400))
                        writer.clock += 120_000
                        _ = writer.event(
                            "ExecutionAborted", previous: entered, details: "executionAbortedEventDetails",
                            "\"error\": \"Operator\", \"cause\": \"stopped by on-call: duplicate batch\"", last: true)
                        return writer.text + "]}\n"
                    default: break
                    }
                }
                if page == fatalPage, case .failed(let failing, let error, let cause) = outcome, failing == state {
                    let failed = writer.attempts(
                        state, previous: last, failures: retries, error: (error, cause))
                    _ = writer.event(
                        "ExecutionFailed", previous: failed, details: "executionFailedEventDetails",
                        "\"error\": \(writer.quoted(error)), \"cause\": \(writer.quoted(cause))", last: true)
                    return writer.text + "]}\n"
                }
                last = writer.task(state, previous: last, retries: retries)
            }
            if page == fatalPage, case .failed(let failing, let error, let cause) = outcome, failing == "Charge" {
                let entered = writer.event(
                    "ParallelStateEntered", previous: last, details: "stateEnteredEventDetails",
                    writer.name("Checkout") + writer.payload("input", 400))
                let parallelStarted = writer.event("ParallelStateStarted", previous: entered, details: nil, "")
                let failed = writer.attempts("Charge", previous: parallelStarted, failures: 0, error: (error, cause))
                let stopped = writer.event(
                    "ParallelStateFailed", previous: failed, details: "parallelStateFailedEventDetails",
                    "\"error\": \(writer.quoted(error)), \"cause\": \(writer.quoted(cause))")
                _ = writer.event(
                    "ExecutionFailed", previous: stopped, details: "executionFailedEventDetails",
                    "\"error\": \(writer.quoted(error)), \"cause\": \(writer.quoted(cause))", last: true)
                return writer.text + "]}\n"
            }
            if page == 3, index % 7 == 0 {
                last = map(&writer, previous: last, items: 3 + index % 3)
            } else if page == 5, index % 5 == 0 {
                last = parallel(&writer, previous: last)
            }
        }
        let exited = writer.event(
            "SucceedStateEntered", previous: last, details: "stateEnteredEventDetails",
            writer.name("Done") + writer.payload("input", 400))
        _ = writer.event(
            "ExecutionSucceeded", previous: exited, details: "executionSucceededEventDetails",
            writer.payload("output", 600), last: true)
        return writer.text + "]}\n"
    }

    /// A small inline Map: one Task per item.
    private static func map(_ writer: inout EventWriter, previous: Int64, items: Int) -> Int64 {
        let entered = writer.event(
            "MapStateEntered", previous: previous, details: "stateEnteredEventDetails",
            writer.name("Notify") + writer.payload("input", 600))
        let started = writer.event(
            "MapStateStarted", previous: entered, details: "mapStateStartedEventDetails", "\"length\": \(items)")
        var last = started
        for item in 0..<items {
            let iteration = "\"name\": \"Notify\", \"index\": \(item)"
            let begun = writer.event(
                "MapIterationStarted", previous: started, details: "mapIterationStartedEventDetails", iteration)
            let sent = writer.task("SendEmail", previous: begun, retries: 0)
            last = writer.event(
                "MapIterationSucceeded", previous: sent, details: "mapIterationSucceededEventDetails", iteration)
        }
        let succeeded = writer.event("MapStateSucceeded", previous: last, details: nil, "")
        return writer.event(
            "MapStateExited", previous: succeeded, details: "stateExitedEventDetails",
            writer.name("Notify") + writer.payload("output", 600))
    }

    /// A Parallel of two branches, one Task each.
    private static func parallel(_ writer: inout EventWriter, previous: Int64) -> Int64 {
        let entered = writer.event(
            "ParallelStateEntered", previous: previous, details: "stateEnteredEventDetails",
            writer.name("Audit") + writer.payload("input", 400))
        let started = writer.event("ParallelStateStarted", previous: entered, details: nil, "")
        let logged = writer.task("WriteAuditLog", previous: started, retries: 0)
        let indexed = writer.task("IndexSearch", previous: started, retries: writer.random.next() % 4 == 0 ? 1 : 0)
        let succeeded = writer.event("ParallelStateSucceeded", previous: max(logged, indexed), details: nil, "")
        return writer.event(
            "ParallelStateExited", previous: succeeded, details: "stateExitedEventDetails",
            writer.name("Audit") + writer.payload("output", 400))
    }

    /// Writes executions `0..<count` into `folder`, one file each; the size of the largest.
    static func write(count: Int, into folder: URL) throws -> Int {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var largest = 0
        for index in 0..<count {
            let text = history(index)
            largest = max(largest, text.utf8.count)
            try text.write(
                to: folder.appendingPathComponent("execution-\(String(format: "%04d", index)).json"), atomically: false,
                encoding: .utf8)
        }
        return largest
    }
}
