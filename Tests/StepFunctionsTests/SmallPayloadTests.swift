import Foundation
import RetraceCore
import Testing

@testable import StepFunctions

/// Short payloads are copied (a string holds up to 15 bytes inline), so that a history of small payloads pins no
/// parser buffer as large as the file; longer ones stay borrowed. Either way they read, compare and hash the same.
struct SmallPayloadTests {
    static func inputs(_ payloads: [String]) throws -> [Payload] {
        let events = payloads.enumerated().map { index, payload in
            [
                "id": index + 1, "previousEventId": index, "type": "PassStateEntered", "timestamp": 1_700_000_000,
                "stateEnteredEventDetails": ["name": "P\(index)", "input": payload],
            ] as [String: Any]
        }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: ["events": events]), as: UTF8.self)
        let history = try HistoryDecoder().decode([InputBuffer(name: "small.json", text: text)])
        return history.events.compactMap(\.details.input)
    }

    @Test func shortPayloadsAreCopiedLongOnesBorrowed() throws {
        let short = "{\"a\":123456789}"  // 15 bytes
        let long = "{\"a\":1234567890}"  // 16 bytes
        let payloads = try Self.inputs(["{}", short, long, String(repeating: "x", count: 4096)])
        #expect(payloads.map(\.isBorrowed) == [false, false, true, true])
        #expect(payloads.map(\.text) == ["{}", short, long, String(repeating: "x", count: 4096)])
        // The same text reads as the same payload, copied or borrowed.
        let again = try Self.inputs([long])
        #expect(again[0] == payloads[2])
        #expect(Payload(text: long, form: .encoded) == payloads[2])
        #expect(Payload(text: long, form: .encoded).hashValue == payloads[2].hashValue)
    }
}
