import Foundation
import RetraceCore

/// One `GetExecutionHistory` answer, read with simdjson: the token of the next page, each event's id, the Map Runs
/// it started, and, when the events are kept for a bundle, each event's JSON text. Events are not built into trees;
/// they are passed on as the text AWS sent.
struct HistoryPage {
    /// The page's events, in the page's order, when asked for (`keepingEvents`).
    var events: [ExecutionBundle.Event] = []
    /// The ids of the page's events, in the page's order.
    var ids: [Int64] = []
    /// The Map Runs its `MapRunStarted` events started, in order.
    var mapRunArns: [String] = []
    /// The next page's token, when there is one.
    var nextToken: String?

    /// Reads `body`, the answer to `action`; `keepingEvents` keeps each event's text too.
    init(_ body: Data, action: String, keepingEvents: Bool) throws {
        let input = InputBuffer(name: action, bytes: body)
        var page = HistoryPage()
        try JSONReader().forEachDocument(in: input, expecting: "a GetExecutionHistory answer") { document, _ in
            guard document.kind == .object else {
                throw AWSError.invalidResponse(
                    action: "states:\(action)", reason: "the answer is \(document.kind.described), not an object")
            }
            page.nextToken = document["nextToken"]?.string
            for event in document["events"]?.elements ?? .empty {
                let id = event["id"]?.integer
                let mapRun =
                    event["type"]?.string == "MapRunStarted"
                    ? event["mapRunStartedEventDetails"]?["mapRunArn"]?.string : nil
                if let id { page.ids.append(id) }
                if let mapRun { page.mapRunArns.append(mapRun) }
                if keepingEvents {
                    page.events.append(
                        ExecutionBundle.Event(id: id, text: Array(event.minifiedText.utf8), mapRunArn: mapRun))
                }
            }
        }
        self = page
    }

    private init() {}
}
