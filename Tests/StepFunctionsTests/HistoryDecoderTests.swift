import RetraceCore
import StepFunctions
import Testing

@Suite("History ingest accepts every shape a user may hold")
struct HistoryDecoderTests {
    @Test func readsPagesArraysAndJSONLines() throws {
        let events = try Load.rawEvents("retry_then_success.json")
        let whole = try Load.history("retry_then_success.json")
        let shapes = [
            "{\"events\": [\(events.joined(separator: ","))], \"nextToken\": \"AAAA\"}",
            "[\(events.joined(separator: ","))]",
            events.joined(separator: "\n") + "\n",
            "{\"events\": [\(events[..<5].joined(separator: ","))], \"nextToken\": \"t\"}\n"
                + "{\"events\": [\(events[5...].joined(separator: ","))]}",
            "{\"events\": [\(events.joined(separator: ","))], \"ResponseMetadata\": {\"HTTPStatusCode\": 200}}",
        ]
        for shape in shapes {
            let history = try Load.history(text: shape)
            #expect(history.events == whole.events, "shape: \(shape.prefix(60))")
        }
    }

    @Test func mergesOverlappingPagesAcrossFiles() throws {
        let events = try Load.rawEvents("retry_then_success.json")
        let first = "{\"events\": [\(events[..<9].joined(separator: ","))]}"
        let second = "{\"events\": [\(events[6...].joined(separator: ","))]}"
        let history = try HistoryDecoder().decode([
            InputBuffer(name: "a.json", text: first), InputBuffer(name: "b.json", text: second),
        ])
        #expect(history.events == (try Load.history("retry_then_success.json")).events)
        #expect(history.duplicatesDropped == 3)
        #expect(history.warnings.isEmpty)
        #expect(history.pageCount == 2)
        #expect(history.sources == ["a.json", "b.json"])
    }

    @Test func reportsConflictingDuplicates() throws {
        var events = try Load.rawEvents("retry_then_success.json")
        let changed = events[2].replacingOccurrences(of: "\"invoke\"", with: "\"invoke-other\"")
        events.append(changed)
        let history = try Load.history(text: "[\(events.joined(separator: ","))]")
        let warning = try #require(history.warnings.first { $0.code.rawValue == "conflicting-duplicate" })
        #expect(warning.eventIDs == [3])
        #expect(history.events.count == events.count - 1)
        #expect(history.events[2].details.resource == "invoke")
    }

    @Test func readsNewestFirst() throws {
        let events = try Load.rawEvents("parallel_map_parallel.json")
        let history = try Load.history(text: "{\"events\": [\(events.reversed().joined(separator: ","))]}")
        #expect(history.wasReverseOrder)
        #expect(history.events == (try Load.history("parallel_map_parallel.json")).events)
    }

    @Test func acceptsEncodedAndDecodedPayloads() throws {
        let text = """
            [{"id": 1, "previousEventId": 0, "timestamp": 1714557600.5, "type": "ExecutionStarted",
              "executionStartedEventDetails": {"input": "{\\"a\\": [1, 2]}"}},
             {"id": 2, "previousEventId": 0, "timestamp": "2024-05-01 10:00:01.000000+00:00", "type": "PassStateEntered",
              "stateEnteredEventDetails": {"name": "P", "input": {"a": [1, 2]}}},
             {"id": 3, "previousEventId": 2, "timestamp": "2024-05-01T10:00:02Z", "type": "PassStateExited",
              "stateExitedEventDetails": {"name": "P", "output": "plain text", "assignedVariables": {"x": "42", "y": {"k": true}}}}]
            """
        let history = try Load.history(text: text)
        let started = try #require(history.events[0].details.input)
        let entered = try #require(history.events[1].details.input)
        #expect(started.form == .encoded)
        #expect(entered.form == .decoded)
        #expect(started.value == entered.value)
        #expect(history.events[2].details.output?.value == .string("plain text"))
        #expect(history.events[2].details.assignedVariables?["x"]?.value == .integer(42))
        #expect(history.events[2].details.assignedVariables?["y"]?.value["k"] == .bool(true))
        #expect(history.events[0].timestamp?.millisecondsSinceEpoch == 1_714_557_600_500)
        #expect(history.events[1].timestamp?.millisecondsSinceEpoch == 1_714_557_601_000)
        #expect(history.warnings.isEmpty)
    }

    @Test func keepsUnknownEventTypesWithTheirDetails() throws {
        let history = try Load.history("anomalies.json")
        let unknown = try #require(
            history.events.first { if case .unknown = $0.type { return true } else { return false } })
        #expect(unknown.type.name == "FutureThingHappened")
        #expect(unknown.details.error == "Future.Error")
        #expect(unknown.details.unrecognised?["widget"] == .string("w-1"))
        #expect(
            history.warnings.contains {
                $0.code.rawValue == "unknown-event-type" && $0.message.contains("FutureThingHappened")
            })
    }

    @Test func warnsOnceAboutUnreadableTimestamps() throws {
        let text = """
            {"events": [{"id": 1, "previousEventId": 0, "timestamp": "timestamp", "type": "ExecutionStarted"},
                        {"id": 2, "previousEventId": 1, "timestamp": "timestamp", "type": "ExecutionSucceeded"}]}
            """
        let history = try Load.history(text: text)
        #expect(history.warnings.map(\.code.rawValue) == ["timestamp-unreadable"])
        #expect(history.events.allSatisfy { $0.timestamp == nil })
        #expect(ExecutionTree(history: history).durationMilliseconds == nil)
    }

    @Test func keepsEventsWithMaskedIDs() throws {
        let text = """
            {"events": [{"id": 1, "previousEventId": 0, "timestamp": "t", "type": "ExecutionStarted"},
                        {"id": [0], "previousEventId": 0, "timestamp": "t", "type": "TaskStateEntered",
                         "stateEnteredEventDetails": {"name": "B"}},
                        {"id": 3, "previousEventId": 1, "timestamp": "t", "type": "ExecutionSucceeded"}]}
            """
        let history = try Load.history(text: text)
        #expect(history.events.map(\.id) == [1, 0, 3])
        #expect(history.warnings.contains { $0.code.rawValue == "event-without-id" })
    }
}

@Suite("Bad history input is reported with file, line, column and what was expected")
struct HistoryDecoderErrorTests {
    /// A long history (decoded on two threads) with bad events at `badIndexes`.
    private func longHistory(badIndexes: Set<Int>) -> String {
        let events = (0..<6_000).map { index in
            let id = badIndexes.contains(index) ? "\"x\"" : String(index + 1)
            return
                #"{"id": \#(id), "previousEventId": \#(index), "timestamp": 0, "type": "PassStateEntered", "stateEnteredEventDetails": {"name": "S", "input": "{}"}}"#
        }
        return "{\"events\": [\n" + events.joined(separator: ",\n") + "\n]}"
    }

    @Test func longHistoriesDecodeInOrderAndReportTheFirstError() throws {
        let history = try Load.history(text: longHistory(badIndexes: []))
        #expect(history.events.map(\.id) == Array(1...6_000))
        #expect(history.events.allSatisfy { $0.details.input?.text == "{}" })
        let both = try #require(Load.error([longHistory(badIndexes: [100, 4_000])]))
        #expect(both.description.hasPrefix("page1.json:102:8: expected an integer event id at events[100].id"))
        let second = try #require(Load.error([longHistory(badIndexes: [4_000])]))
        #expect(second.description.hasPrefix("page1.json:4002:8: expected an integer event id at events[4000].id"))
    }

    @Test func wrongTypeNamesThePosition() throws {
        let text =
            "{\"events\": [\n  {\"id\": 1, \"type\": \"ExecutionStarted\", \"timestamp\": 0},\n  {\"id\": \"2\", \"type\": \"PassStateEntered\"}\n]}"
        let error = try #require(Load.error([text]))
        #expect(error.description == "page1.json:3:10: expected an integer event id at events[1].id, found a string")
    }

    @Test(arguments: [
        (#"{"events": [{"id": 1}]}"#, "expected an event type name at events[0].type, found nothing"),
        (#"{"events": {"id": 1}}"#, "expected an array of events at events, found an object"),
        (#"{"events": [42]}"#, "expected an event object at events[0], found an integer"),
        (
            #"[{"id": 1, "type": "TaskScheduled", "taskScheduledEventDetails": {"timeoutInSeconds": "60"}}]"#,
            "expected an integer at [0].taskScheduledEventDetails.timeoutInSeconds, found a string"
        ),
        (#"[{"id": 1, "type": 7}]"#, "expected an event type name at [0].type, found an integer"),
    ])
    func wrongShapes(text: String, message: String) throws {
        let error = try #require(Load.error([text]))
        #expect(error.description.hasSuffix(message), "\(error)")
        #expect(error.description.hasPrefix("page1.json:1:"))
    }

    @Test(arguments: [
        (#"{"StackEvents": [{"ResourceStatus": "CREATE_FAILED"}]}"#, "CloudFormation stack events"),
        (#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#, "a state machine definition (ASL)"),
        (#"{"Events": [{"EventCode": "FLEET_CREATED"}]}"#, "GameLift fleet events"),
        (#"{"hello": "world"}"#, "a JSON object with keys hello"),
        ("[1, 2, 3]", "a JSON array of 3 elements, the first being an integer"),
    ])
    func saysWhatItLooksLikeInstead(text: String, looksLike: String) throws {
        let error = try #require(Load.error([text]))
        #expect(
            error.description
                == "page1.json: expected a Step Functions execution history, but this looks like \(looksLike)")
    }

    @Test func truncatedAndEmptyFiles() throws {
        let truncated = try #require(Load.error(["{\"events\": [{\"id\": 1, \"type\": \"Execution"]))
        #expect(truncated.description.hasPrefix("page1.json:1:"))
        #expect(truncated.description.contains("not terminated"))
        let empty = try #require(Load.error([""]))
        #expect(empty.description == "page1.json: the file is empty; expected a Step Functions execution history")
        let second = try #require(Load.error(["[]", "[oops]"]))
        #expect(second.description.hasPrefix("page2.json:1:2:"))
    }

    @Test func missingFile() {
        #expect(throws: InputError.unreadable(file: "/nonexistent/h.json", reason: "No such file or directory")) {
            _ = try InputBuffer.read(path: "/nonexistent/h.json")
        }
    }
}
