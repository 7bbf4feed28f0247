import Foundation
import Lifecycles
import RetraceCore
import RetraceTestSupport
import Testing

@Suite("Source detection")
struct SourceDetectionTests {
    static let documents: [(String, LifecycleSource?)] = [
        (#"{"Events": [{"EventId": "a", "EventCode": "FLEET_CREATED"}], "NextToken": "x"}"#, .gameLift),
        (#"{"Events": []}"#, .gameLift),
        (#"{"StackEvents": [{"EventId": "a", "ResourceStatus": "CREATE_COMPLETE"}]}"#, .cloudFormation),
        (
            #"{"events": [{"eventId": "a", "resourceStatus": "CREATE_COMPLETE", "logicalResourceId": "s"}]}"#,
            .parallelCluster
        ),
        (#"{"events": [], "nextToken": "t"}"#, .parallelCluster),
        (#"{"service_name": "s", "service_id": "i", "total_count": 0, "count": 0, "events": []}"#, .modelArts),
        (#"{"events": [{"event_type": "normal", "event_info": "x", "occur_time": 1}]}"#, .modelArts),
        (#"[{"EventCode": "FLEET_STATE_ACTIVE", "EventId": "x"}]"#, .gameLift),
        (#"[{"LogicalResourceId": "a", "ResourceStatus": "CREATE_COMPLETE"}]"#, .cloudFormation),
        // A Step Functions history is for the CLI to recognise, not us.
        (#"{"events": [{"id": 1, "type": "ExecutionStarted", "timestamp": "2024-01-01T00:00:00Z"}]}"#, nil),
        (#"{"events": []}"#, nil),
        (#"{"Foo": []}"#, nil),
        (#"[1, 2, 3]"#, nil),
        (#""just a string""#, nil),
    ]

    @Test("detects each shape, from an owned value and from a borrowed element alike", arguments: documents)
    func detects(text: String, expected: LifecycleSource?) throws {
        #expect(LifecycleSource.detect(try JSONValue.parse(text)) == expected)
        var fromElement: LifecycleSource?? = .none
        try JSONReader().forEachDocument(in: InputBuffer(name: "t.json", text: text), expecting: "JSON") { element, _ in
            fromElement = .some(LifecycleSource.detect(element))
        }
        #expect(fromElement == .some(expected))
    }

    static let corpusExpectations: [(String, String, LifecycleSource)] = [
        ("gamelift", "awscli_example_describe_fleet_events.json", .gameLift),
        ("cloudformation", "awscli_example_describe_stack_events_update_complete.json", .cloudFormation),
        ("cloudformation", "ls_cfn_blocked_stack_deletion.json", .cloudFormation),
        ("cloudformation", "pcluster_docs_get_image_stack_events_events0.json", .parallelCluster),
        ("cloudformation", "pcluster_docs_cluster_create_failed_headnode_filtered.json", .parallelCluster),
        ("modelarts", "otc_docs_service_event_logs_example.json", .modelArts),
    ]

    @Test(
        "detects the corpus files", .enabled(if: TestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)),
        arguments: corpusExpectations)
    func corpus(folder: String, name: String, expected: LifecycleSource) throws {
        let log = try LifecycleDecoder().decode(paths: [TestData.corpusPath(folder, name)])
        #expect(log.source == expected)
    }

    @Test(
        "every Step Functions history of the corpus is left for the CLI",
        .enabled(if: TestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)))
    func stepFunctionsHistoriesAreNotLifecycleLogs() throws {
        let names = TestData.corpusFiles("stepfunctions").filter {
            !$0.hasSuffix(".asl.json") && !$0.hasSuffix(".input.json")
        }
        #expect(names.count > 50)
        for name in names {
            let text = try String(contentsOfFile: TestData.corpusPath("stepfunctions", name), encoding: .utf8)
            #expect(LifecycleSource.detect(try JSONValue.parse(text)) == nil, "\(name)")
        }
    }
}
