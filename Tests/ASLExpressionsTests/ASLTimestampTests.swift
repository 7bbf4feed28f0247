import ASLExpressions
import Testing

@Suite("ASL timestamps")
struct ASLTimestampTests {
    @Test(
        "valid timestamps and their instants",
        arguments: [
            ("1970-01-01T00:00:00Z", 0, 0), ("2016-08-18T17:33:00Z", 1_471_541_580, 0),
            ("2016-08-18T19:33:00+02:00", 1_471_541_580, 0), ("2016-08-18T17:03:00-00:30", 1_471_541_580, 0),
            ("2001-01-01T12:00:00.5Z", 978_350_400, 500_000_000),
            ("2001-01-01T12:00:00.123456789Z", 978_350_400, 123_456_789),
            ("2001-01-01T12:00:00.1234567891Z", 978_350_400, 123_456_789), ("2024-02-29T00:00:00Z", 1_709_164_800, 0),
            ("1969-12-31T23:59:59Z", -1, 0),
        ])
    func valid(text: String, seconds: Int64, nanoseconds: Int32) throws {
        let timestamp = try #require(ASLTimestamp(text))
        #expect(timestamp.epochSeconds == seconds)
        #expect(timestamp.nanoseconds == nanoseconds)
    }

    @Test(
        "timestamps AWS refuses",
        arguments: [
            "2016-08-18t17:33:00Z", "2016-08-18T17:33:00z", "2016-08-18 17:33:00Z", "2016-08-18T17:33:00",
            "2016-08-18T17:33Z", "2023-02-29T00:00:00Z", "2016-13-01T00:00:00Z", "2016-08-18T24:00:00Z",
            "2016-08-18T17:33:00.Z", "2016-08-18T17:33:00+0200", "2016-8-18T17:33:00Z", "yesterday", "",
        ])
    func invalid(text: String) {
        #expect(ASLTimestamp(text) == nil)
    }

    @Test("order follows instants, beyond milliseconds")
    func order() throws {
        let earlier = try #require(ASLTimestamp("2020-01-01T00:00:00.0001Z"))
        let later = try #require(ASLTimestamp("2020-01-01T00:00:00.0002Z"))
        let same = try #require(ASLTimestamp("2020-01-01T01:00:00.0001+01:00"))
        #expect(earlier < later)
        #expect(earlier == same)
    }
}
