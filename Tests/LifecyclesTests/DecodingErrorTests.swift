import Lifecycles
import RetraceCore
import Testing

@Suite("Decoding errors name the file, line and column")
struct DecodingErrorTests {
    private func error(_ text: String, name: String = "log.json", source: LifecycleSource? = nil) -> InputError? {
        do {
            _ = try TestData.decode([(name, text)], source: source)
            return nil
        } catch {
            return error
        }
    }

    @Test("a number where the event code should be")
    func wrongType() throws {
        let text = """
            {"Events": [
              {"EventId": "a", "EventCode": "FLEET_CREATED", "EventTime": 1714557600},
              {"EventId": "b", "EventCode": 42, "EventTime": 1714557601}
            ]}
            """
        let failure = try #require(error(text))
        guard case .unexpectedValue(let position, let path, let expected, let found) = failure else {
            Issue.record("unexpected error \(failure)")
            return
        }
        #expect(position == SourcePosition(file: "log.json", line: 3, column: 33))
        #expect(path == "Events[1].EventCode")
        #expect(expected == "a string")
        #expect(found == "an integer")
        #expect(failure.description.hasPrefix("log.json:3:33: expected a string at Events[1].EventCode"))
    }

    @Test("an object where a timestamp should be")
    func timestampOfWrongType() throws {
        let text =
            #"{"StackEvents": [{"EventId": "e", "LogicalResourceId": "r", "ResourceStatus": "CREATE_COMPLETE", "Timestamp": {"at": 1}}]}"#
        let failure = try #require(error(text))
        guard case .unexpectedValue(let position, let path, _, let found) = failure else {
            Issue.record("unexpected error \(failure)")
            return
        }
        #expect(path == "StackEvents[0].Timestamp")
        #expect(found == "an object")
        #expect(position.line == 1 && position.column == 111)
    }

    @Test("a missing status points at the event")
    func missingMember() throws {
        let text = """
            {"events": [
              {"eventId": "x", "logicalResourceId": "HeadNode", "stackName": "c"}
            ]}
            """
        let failure = try #require(error(text))
        guard case .unexpectedValue(let position, let path, _, let found) = failure else {
            Issue.record("unexpected error \(failure)")
            return
        }
        #expect(path == "events[0].resourceStatus")
        #expect(found.contains("missing"))
        #expect(position == SourcePosition(file: "log.json", line: 2, column: 3))
    }

    @Test("an event that is not an object")
    func eventNotAnObject() throws {
        let failure = try #require(error(#"{"Events": [{"EventCode": "FLEET_CREATED"}, "oops"]}"#))
        guard case .unexpectedValue(let position, let path, let expected, let found) = failure else {
            Issue.record("unexpected error \(failure)")
            return
        }
        #expect(path == "Events[1]")
        #expect(expected == "an event object")
        #expect(found == "a string")
        #expect(position.column == 45)
    }

    @Test("a truncated file")
    func truncated() throws {
        let text = """
            {"Events": [
              {"EventId": "a", "EventCode": "FLEET_CREATED", "EventTime": 1714557600},
              {"EventId": "b", "EventCo
            """
        let failure = try #require(error(text))
        guard case .malformedJSON(let position, _) = failure else {
            Issue.record("unexpected error \(failure)")
            return
        }
        #expect(position.file == "log.json")
        #expect(position.line == 3)
    }

    @Test(
        "an empty event list is not a log",
        arguments: [
            #"{"Events": []}"#, #"{"StackEvents": []}"#, #"{"events": [], "nextToken": null, "service_id": "x"}"#,
        ])
    func emptyList(text: String) throws {
        let failure = try #require(error(text))
        guard case .unexpectedValue(_, _, let expected, let found) = failure else {
            Issue.record("unexpected error \(failure)")
            return
        }
        #expect(expected == "at least one event")
        #expect(found == "an empty list")
    }

    @Test("one empty page among full ones is fine")
    func emptyPageAmongOthers() throws {
        let log = try TestData.decode([
            ("p1.json", #"{"Events": [{"EventId": "a", "EventCode": "FLEET_CREATED", "EventTime": 1}]}"#),
            ("p2.json", #"{"Events": []}"#),
        ])
        #expect(log.events.count == 1)
    }

    @Test("an empty file")
    func emptyFile() throws {
        let failure = try #require(error("  \n"))
        guard case .empty(let file, _) = failure else {
            Issue.record("unexpected error \(failure)")
            return
        }
        #expect(file == "log.json")
    }

    @Test("a Step Functions history is named as such")
    func notALifecycleLog() throws {
        let failure = try #require(error(#"{"events": [{"id": 1, "type": "ExecutionStarted"}]}"#))
        guard case .unrecognised(_, _, let looksLike) = failure else {
            Issue.record("unexpected error \(failure)")
            return
        }
        #expect(looksLike == "a Step Functions execution history")
    }

    @Test("inputs from two services cannot be merged")
    func mixedFamilies() throws {
        do {
            _ = try TestData.decode([
                ("fleet.json", #"{"Events": [{"EventId": "a", "EventCode": "FLEET_CREATED"}]}"#),
                (
                    "stack.json",
                    #"{"StackEvents": [{"EventId": "b", "LogicalResourceId": "s", "ResourceStatus": "CREATE_COMPLETE"}]}"#
                ),
            ])
            Issue.record("mixing services was accepted")
        } catch {
            guard case .unrecognised(let file, let expected, let looksLike) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(file == "stack.json")
            #expect(expected.contains("fleet.json"))
            #expect(looksLike == "CloudFormation stack events")
        }
    }

    @Test("CloudFormation and ParallelCluster pages may be mixed")
    func stackShapesMix() throws {
        let log = try TestData.decode([
            (
                "a.json",
                #"{"StackEvents": [{"EventId": "b", "LogicalResourceId": "s", "StackName": "s", "ResourceStatus": "CREATE_IN_PROGRESS", "Timestamp": "2024-01-01T00:00:00Z"}]}"#
            ),
            (
                "b.json",
                #"{"events": [{"eventId": "c", "logicalResourceId": "s", "stackName": "s", "resourceStatus": "CREATE_COMPLETE", "timestamp": "2024-01-01T00:01:00Z"}]}"#
            ),
        ])
        #expect(log.sources == [.cloudFormation, .parallelCluster])
        #expect(log.events.map(\.code) == ["CREATE_IN_PROGRESS", "CREATE_COMPLETE"])
    }

    @Test("a source override that does not fit the document")
    func overrideMismatch() throws {
        let failure = try #require(error(#"{"StackEvents": []}"#, source: .gameLift))
        guard case .unrecognised(_, let expected, _) = failure else {
            Issue.record("unexpected error \(failure)")
            return
        }
        #expect(expected.contains("Events"))
    }

    @Test("a source override reads a bare array")
    func overrideBareArray() throws {
        let log = try TestData.decode(
            [("x.json", #"[{"EventCode": "FLEET_CREATED", "EventId": "e"}]"#)], source: .gameLift)
        #expect(log.source == .gameLift)
        #expect(log.events.first?.code == "FLEET_CREATED")
    }
}
