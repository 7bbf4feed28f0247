import Foundation
import RetraceCore

/// One `GetExecutionHistory` answer, read with simdjson: each event's id and JSON text, and the token of the next
/// page. Events are not built into trees; they are passed on to the bundle as the text AWS sent.
struct HistoryPage {
    /// The page's events, in the page's order.
    var events: [ExecutionBundle.Event] = []
    /// The next page's token, when there is one.
    var nextToken: String?

    /// Reads `body`, the answer to `action`.
    init(_ body: Data, action: String) throws {
        let input = InputBuffer(name: action, bytes: body)
        var events: [ExecutionBundle.Event] = []
        var nextToken: String?
        try JSONReader().forEachDocument(in: input, expecting: "a GetExecutionHistory answer") { document, _ in
            guard document.kind == .object else {
                throw AWSError.invalidResponse(
                    action: "states:\(action)", reason: "the answer is \(document.kind.described), not an object")
            }
            nextToken = document["nextToken"]?.string
            for event in document["events"]?.elements ?? .empty {
                let mapRun =
                    event["type"]?.string == "MapRunStarted"
                    ? event["mapRunStartedEventDetails"]?["mapRunArn"]?.string : nil
                events.append(
                    ExecutionBundle.Event(
                        id: event["id"]?.integer, text: Array(event.minifiedText.utf8), mapRunArn: mapRun))
            }
        }
        self.events = events
        self.nextToken = nextToken
    }
}
