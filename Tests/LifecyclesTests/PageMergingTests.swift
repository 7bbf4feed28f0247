import Foundation
import Lifecycles
import RetraceCore
import RetraceTestSupport
import Testing

@Suite("Merging pages and ordering events")
struct PageMergingTests {
    @Test("two newest-first pages with an overlapping event become one oldest-first log")
    func twoPages() throws {
        let log = try LifecycleDecoder().decode(
            paths: [
                TestData.fixturePath("gamelift_two_pages_1.json"), TestData.fixturePath("gamelift_two_pages_2.json"),
            ])
        #expect(log.events.map(\.id) == ["p-1", "p-2", "p-3", "p-4", "p-5", "p-6"])
        #expect(log.warnings.isEmpty, "the last page has no NextToken and the repeated event is identical")
        // The order is the same whichever page comes first.
        let swapped = try LifecycleDecoder().decode(
            paths: [
                TestData.fixturePath("gamelift_two_pages_2.json"), TestData.fixturePath("gamelift_two_pages_1.json"),
            ])
        #expect(swapped.events.map(\.id) == log.events.map(\.id))
    }

    @Test("a lone page with a next-page token is reported as incomplete")
    func missingPage() throws {
        let log = try LifecycleDecoder().decode(paths: [TestData.fixturePath("gamelift_two_pages_1.json")])
        #expect(log.warnings.map(\.code.rawValue) == ["more-events-follow"])
    }

    @Test("pages in one file, one per line")
    func jsonLines() throws {
        let page1 = try String(contentsOfFile: TestData.fixturePath("gamelift_two_pages_1.json"), encoding: .utf8)
        let page2 = try String(contentsOfFile: TestData.fixturePath("gamelift_two_pages_2.json"), encoding: .utf8)
        let compact = [page1, page2].map {
            $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        }
        let log = try TestData.decode([("pages.jsonl", compact.joined(separator: "\n"))])
        #expect(log.events.count == 6)
    }

    @Test("a conflicting duplicate across pages keeps the first copy and warns")
    func conflict() throws {
        let log = try TestData.decode([
            (
                "a.json",
                #"{"Events": [{"EventId": "x", "EventCode": "FLEET_STATE_ACTIVE", "EventTime": 20}, {"EventId": "w", "EventCode": "FLEET_CREATED", "EventTime": 10}]}"#
            ),
            ("b.json", #"{"Events": [{"EventId": "x", "EventCode": "FLEET_STATE_ERROR", "EventTime": 20}]}"#),
        ])
        #expect(log.events.map(\.id) == ["w", "x"])
        #expect(log.events.last?.code == "FLEET_STATE_ACTIVE")
        let warning = try #require(log.warnings.first { $0.code.rawValue == "conflicting-duplicate" })
        #expect(warning.message.contains("x"))
    }

    @Test("an id repeated within one page keeps both events")
    func repeatedWithinPage() throws {
        let log = try TestData.decode([
            (
                "a.json",
                #"{"Events": [{"EventId": "x", "EventCode": "FLEET_STATE_ACTIVE", "EventTime": 20}, {"EventId": "x", "EventCode": "FLEET_CREATED", "EventTime": 10}]}"#
            )
        ])
        #expect(log.events.map(\.id) == ["x~2", "x"])
        #expect(log.warnings.map(\.code.rawValue) == ["duplicate-event-id"])
    }

    @Test("ModelArts pages overlap by content, as its events have no ids")
    func modelArtsOverlap() throws {
        let event1 = #"{"event_type": "normal", "event_info": "start to deploy service", "occur_time": 1000}"#
        let event2 = #"{"event_type": "normal", "event_info": "preparing environment", "occur_time": 2000}"#
        let event3 = #"{"event_type": "normal", "event_info": "[m] starting model", "occur_time": 3000}"#
        let log = try TestData.decode([
            ("1.json", #"{"service_name": "s", "total_count": 3, "events": [\#(event3), \#(event2)]}"#),
            ("2.json", #"{"service_name": "s", "total_count": 3, "events": [\#(event2), \#(event1)]}"#),
        ])
        #expect(
            log.events.map(\.message) == ["start to deploy service", "preparing environment", "[m] starting model"])
        #expect(log.events.map(\.id) == ["#1", "#2", "#3"])
        #expect(log.warnings.isEmpty)
    }

    @Test("ModelArts reports fewer events than the service counted")
    func modelArtsIncomplete() throws {
        let log = try TestData.decode([
            (
                "1.json",
                #"{"service_name": "s", "total_count": 40, "count": 1, "events": [{"event_type": "normal", "event_info": "x", "occur_time": 1000}]}"#
            )
        ])
        #expect(log.warnings.map(\.code.rawValue) == ["events-missing"])
        #expect(log.serviceName == "s")
    }

    @Test(
        "undated logs are put oldest first by how their lifecycles progress",
        .enabled(if: TestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)),
        arguments: [
            "ls_cfn_nested_conditions_prod_bucket_policy_success.json",  // newest first
            "ls_cfn_list_events_after_deployment_sorted_oldest_first.json",  // sorted oldest first by the test
            "ls_cfn_nested_conditions_empty_stack_success.json",
        ])
    func undatedOrder(name: String) throws {
        let log = try LifecycleDecoder().decode(paths: [TestData.corpusPath("cloudformation", name)])
        let stack = log.events.filter(\.isStackEvent).map(\.code)
        #expect(stack.first == "REVIEW_IN_PROGRESS")
        #expect(stack.last == "CREATE_COMPLETE")
        #expect(log.warnings.contains { $0.code.rawValue == "timestamp-unreadable" })
    }

    @Test("a dated log is sorted by time, whatever order the file has")
    func datedOrder() throws {
        let log = try LifecycleDecoder().decode(paths: [TestData.fixturePath("modelarts_fail_scheduling.json")])
        let times = log.events.compactMap(\.time)
        #expect(times.count == log.events.count)
        #expect(times == times.sorted())
        #expect(log.events.first?.message == "start to deploy service")
    }

    @Test("events with equal times keep the order the service recorded")
    func ties() throws {
        // Newest first, both at the same millisecond: the later one is listed first.
        let log = try TestData.decode([
            (
                "t.json",
                #"{"Events": [{"EventId": "second", "EventCode": "FLEET_STATE_ERROR", "EventTime": 5}, {"EventId": "first", "EventCode": "FLEET_ACTIVATION_FAILED", "EventTime": 5}, {"EventId": "zero", "EventCode": "FLEET_CREATED", "EventTime": 1}]}"#
            )
        ])
        #expect(log.events.map(\.id) == ["zero", "first", "second"])
    }
}
