import Lifecycles
import RetraceCore
import Testing

/// The warnings about merged pages are read by people: one event is "1 event", and its verb agrees.
@Suite("Merge warnings are worded for the number they count")
struct MergeWarningWordingTests {
    private func warning(_ code: LogWarning.Code, _ pages: [(name: String, text: String)]) throws -> String {
        let log = try TestData.decode(pages)
        return try #require(log.warnings.first { $0.code == code }).message
    }

    @Test func oneUndatedEventOfOne() throws {
        let message = try warning(
            .timestampUnreadable,
            [("a.json", #"{"Events": [{"EventId": "a", "EventCode": "FLEET_CREATED", "EventTime": "timestamp"}]}"#)])
        #expect(
            message == #"1 of 1 event has no usable timestamp ("timestamp"); it keeps its place in the log and no "#
                + "durations can be given for it")
    }

    @Test func severalUndatedEvents() throws {
        let message = try warning(
            .timestampUnreadable,
            [
                (
                    "a.json",
                    #"{"Events": [{"EventId": "a", "EventCode": "FLEET_CREATED", "EventTime": "x"}, "#
                        + #"{"EventId": "b", "EventCode": "FLEET_STATE_DOWNLOADING", "EventTime": "x"}, "#
                        + #"{"EventId": "c", "EventCode": "FLEET_STATE_VALIDATING", "EventTime": 10}]}"#
                )
            ])
        #expect(message.hasPrefix(#"2 of 3 events have no usable timestamp ("x"); they keep their place"#))
        #expect(message.hasSuffix("given for them"))
    }

    @Test func oneRepeatedAndOneConflictingID() throws {
        let repeated = try warning(
            .duplicateEventID,
            [
                (
                    "a.json",
                    #"{"Events": [{"EventId": "x", "EventCode": "FLEET_STATE_ACTIVE", "EventTime": 20}, "#
                        + #"{"EventId": "x", "EventCode": "FLEET_CREATED", "EventTime": 10}]}"#
                )
            ])
        #expect(repeated.hasPrefix("1 event id is repeated within one page"))
        let conflicting = try warning(
            .conflictingDuplicate,
            [
                ("a.json", #"{"Events": [{"EventId": "x", "EventCode": "FLEET_STATE_ACTIVE", "EventTime": 20}]}"#),
                ("b.json", #"{"Events": [{"EventId": "x", "EventCode": "FLEET_CREATED", "EventTime": 20}]}"#),
            ])
        #expect(conflicting.hasPrefix("1 event id appears on more than one page with different content"))
    }
}
