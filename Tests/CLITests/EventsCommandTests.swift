import Foundation
import RetraceTestSupport
import Testing

@Suite("retrace events")
struct EventsCommandTests {
    @Test func unknownTypesAreShownWithTheirRawDetails() throws {
        let result = try RetraceCommand.run([
            "events", "--type", "FutureThingHappened", RetraceCommand.fixture("anomalies.json"),
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("FutureThingHappened (unknown)"))
        #expect(result.stdout.contains("error=Future.Error raw={\"widget\":\"w-1\"}"))
        #expect(result.stdout.contains("1 of 8 events"))
    }

    /// An unknown type's name is text from the log: in the table and in re-enactment it is shown with its
    /// control characters made visible (the fuzzer found a DEL in the Type column; an ESC would have reached the
    /// terminal the same way).
    @Test func unknownTypeNamesReachNoTerminal() throws {
        let history = """
            {"events": [{"id": 1, "previousEventId": 0, "timestamp": 0, "type": "ExecutionStarted"},
            {"id": 2, "previousEventId": 1, "timestamp": 1, "type": "Odd\\u001b]0;owned\\u0007\\u007fType"}]}
            """
        let path = try RetraceCommand.temporaryFile(history)
        for arguments in [["events", path], ["replay", "--at", "2", path], ["replay", path]] {
            let result = try RetraceCommand.run(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.stdout.contains("Odd␛]0;owned␇"), "\(arguments): \(result.stdout)")
            #expect(!result.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\u{7F}" })
        }
    }

    @Test func failuresInTheirPlace() throws {
        let result = try RetraceCommand.run(["events", "--failed", RetraceCommand.sample("map-failure.json")])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(
            lines.contains {
                $0.contains("#134") && $0.contains("TransformRecords › iteration 17 › Transform › attempt 1 of 1")
            })
        #expect(!lines.contains { $0.contains("TaskSucceeded") })
    }

    @Test func jsonCarriesPayloadsAndFlagsUnknownTypes() throws {
        let result = try RetraceCommand.run([
            "events", "-f", "json", "--state", "A", RetraceCommand.fixture("anomalies.json"),
        ])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(events.map { $0["id"] as? Int } == [2, 4, 5, 6, 7])
        let unknown = try #require(events.first { $0["type"] as? String == "FutureThingHappened" })
        #expect(unknown["known"] as? Bool == false)
        let details = try #require(unknown["details"] as? [String: Any])
        #expect((details["unrecognised"] as? [String: Any])?["widget"] as? String == "w-1")
    }

    @Test func badInputExitsTwo() throws {
        let result = try RetraceCommand.run(["events", "/no/such.json"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("retrace: /no/such.json: cannot read the file"))
    }
}
