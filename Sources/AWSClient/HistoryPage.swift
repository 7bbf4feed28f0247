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

    /// Reads `input`, a `GetExecutionHistory` answer, with `reader` (one reader for all the pages of a reading: its
    /// parser's buffers, several times a page's size, are made and faulted in once, not for every page);
    /// `keepingEvents` keeps each event's text too.
    init(_ input: InputBuffer, keepingEvents: Bool, reader: JSONReader) throws {
        var page = HistoryPage()
        try reader.forEachDocument(in: input, expecting: "a GetExecutionHistory answer") { document, _ in
            guard document.kind == .object else {
                throw AWSError.invalidResponse(
                    action: "states:GetExecutionHistory",
                    reason: "the answer is \(document.kind.described), not an object")
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

    /// The next page's token when `body` ends with it, read from its last bytes: `…, "nextToken": "TOKEN"}` closing
    /// the answer, as AWS writes it; `nil` when it does not end so, or when the token holds an escape or a control
    /// character. A guess to send the next request early, before the page is read: the page's own reading has the
    /// last word.
    static func trailingNextToken(in body: Data) -> String? {
        body.withUnsafeBytes { raw -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = bytes.count - 1
            func skipSpace() {
                while index >= 0,
                    bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D
                        || bytes[index] == 0x09
                {
                    index -= 1
                }
            }
            func expect(_ byte: UInt8) -> Bool {
                skipSpace()
                guard index >= 0, bytes[index] == byte else { return false }
                index -= 1
                return true
            }
            guard expect(UInt8(ascii: "}")), expect(UInt8(ascii: "\"")) else { return nil }
            let end = index + 1
            while index >= 0, bytes[index] != UInt8(ascii: "\"") {
                guard bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 else { return nil }
                index -= 1
            }
            let start = index + 1
            index -= 1
            let key = Array("\"nextToken\"".utf8)
            guard start < end, expect(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            guard index + 1 >= key.count, bytes[(index + 1 - key.count)...index].elementsEqual(key) else { return nil }
            index -= key.count
            skipSpace()
            guard index >= 0, bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: "{") else {
                return nil
            }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }
}
