import RetraceCore
import Testing

@Suite("Event logs are recognised by their shape")
struct EventLogKindTests {
    private func kind(_ text: String) throws -> EventLogKind {
        var result = EventLogKind.other("none")
        try JSONReader().forEachDocument(in: InputBuffer(name: "k.json", text: text), expecting: "JSON") { element, _ in
            result = EventLogKind.detect(element)
        }
        return result
    }

    @Test(arguments: [
        (#"{"events": [{"id": 1, "type": "ExecutionStarted"}], "nextToken": "x"}"#, EventLogKind.stepFunctionsHistory),
        (#"[{"id": 1, "type": "ExecutionStarted"}]"#, .stepFunctionsHistory),
        (#"{"id": 1, "type": "ExecutionStarted", "previousEventId": 0}"#, .stepFunctionsHistory),
        (#"{"StackEvents": []}"#, .cloudFormationStackEvents),
        (#"{"events": [{"logicalResourceId": "x", "resourceStatus": "CREATE_FAILED"}]}"#, .parallelClusterStackEvents),
        (#"{"Events": [{"EventCode": "FLEET_CREATED"}]}"#, .gameLiftFleetEvents),
        (#"{"service_id": "s", "events": [{"event_type": "normal", "event_info": "x"}]}"#, .modelArtsServiceEvents),
        (#"{"StartAt": "A", "States": {}}"#, .stateMachineDefinition),
    ])
    func detects(text: String, expected: EventLogKind) throws {
        #expect(try kind(text) == expected)
    }

    @Test func describesOtherDocuments() throws {
        #expect(try kind(#"{"name": "x", "size": 2}"#).description == "a JSON object with keys name, size")
        #expect(try kind("42").description == "a single JSON integer")
        #expect(try kind(#"{"executionArn": "a", "status": "FAILED"}"#).description.contains("DescribeExecution"))
    }
}
