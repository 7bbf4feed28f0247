import Lifecycles
import RetraceCore
import Testing

@Suite("Timestamps in every form the services write")
struct TimestampTests {
    /// JSON for the timestamp member, and the instant it means (worked out independently of the code).
    static let forms: [(String, Int64)] = [
        ("1579649342.191", 1_579_649_342_191),  // GameLift through AWS CLI v1: epoch seconds with a fraction
        ("1714550400", 1_714_550_400_000),  // epoch seconds, integral
        ("1562597251764", 1_562_597_251_764),  // ModelArts: epoch milliseconds
        (#""2024-05-01T10:00:00.123+02:00""#, 1_714_550_400_123),  // with offset and fraction
        (#""2024-05-01T08:00:00Z""#, 1_714_550_400_000),  // without fraction
        (#""2024-05-01T08:00:00.5Z""#, 1_714_550_400_500),
        (#""2020-01-21T23:29:02.191000+00:00""#, 1_579_649_342_191),  // AWS CLI v2: microseconds and offset
        (#""2019-10-02T05:34:29.556Z""#, 1_569_994_469_556),
        (#""1579649342.191""#, 1_579_649_342_191),  // epoch seconds written as a string
    ]

    @Test("reads the timestamp", arguments: forms)
    func reads(json: String, expected: Int64) throws {
        let text = #"{"Events": [{"EventId": "a", "EventCode": "FLEET_CREATED", "EventTime": \#(json)}]}"#
        let log = try TestData.decode([("t.json", text)])
        #expect(log.events.first?.time == Instant(millisecondsSinceEpoch: expected))
        #expect(log.events.first?.unparsedTime == nil)
    }

    @Test("keeps placeholders as text and says so")
    func placeholder() throws {
        let text =
            #"{"StackEvents": [{"EventId": "a", "LogicalResourceId": "s", "ResourceStatus": "CREATE_COMPLETE", "Timestamp": "timestamp"}]}"#
        let log = try TestData.decode([("t.json", text)])
        #expect(log.events.first?.time == nil)
        #expect(log.events.first?.unparsedTime == "timestamp")
        #expect(log.warnings.map(\.code.rawValue) == ["timestamp-unreadable"])
    }

    @Test("rejects a number no clock can mean", arguments: ["1e300", "-1e300"])
    func outOfRange(json: String) throws {
        let text = #"{"Events": [{"EventId": "a", "EventCode": "FLEET_CREATED", "EventTime": \#(json)}]}"#
        #expect(throws: InputError.self) { try TestData.decode([("t.json", text)]) }
    }
}
