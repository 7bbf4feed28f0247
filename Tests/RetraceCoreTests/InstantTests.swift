import RetraceCore
import Testing

@Suite("Instant parses every timestamp form found in real logs")
struct InstantTests {
    /// 2024-05-01T10:00:00Z in milliseconds since the epoch.
    static let base: Int64 = 1_714_557_600_000

    @Test(arguments: [
        ("2024-05-01T10:00:00Z", base),
        ("2024-05-01T10:00:00.123Z", base + 123),
        ("2024-05-01T10:00:00.123000+00:00", base + 123),
        ("2024-05-01 10:00:00.123000+00:00", base + 123),
        ("2024-05-01 10:00:00+00:00", base),
        ("2024-05-01T12:00:00.5+02:00", base + 500),
        ("2024-05-01T05:30:00-0430", base),
        ("2024-05-01T10:00:00.123456789Z", base + 123),
        ("2024-05-01T10:00:00.1Z", base + 100),
        ("2024-05-01T10:00:00", base),
        ("2024-05-01T10:00Z", base),
        ("2024-05-01t10:00:00z", base),
    ])
    func parsesForms(text: String, milliseconds: Int64) {
        #expect(Instant(parsing: text)?.millisecondsSinceEpoch == milliseconds)
    }

    @Test(arguments: [
        "timestamp", "", "2024-05-01", "2024-13-01T10:00:00Z", "2024-05-01T25:00:00Z", "2024-05-01T10:00:00.Z",
        "2024-05-01T10:00:00+25:00", "2024-05-01T10:00:00Z trailing", "1714557600", "2024-05-01T10:00:00.1234567890Z",
    ])
    func rejectsPlaceholdersAndGarbage(text: String) {
        #expect(Instant(parsing: text) == nil)
    }

    @Test func epochSecondsKeepMilliseconds() {
        #expect(Instant(epochSeconds: 1_714_557_600.123)?.millisecondsSinceEpoch == InstantTests.base + 123)
        #expect(Instant(epochSeconds: .nan) == nil)
        #expect(Instant(epochSeconds: 1e300) == nil)
    }

    @Test(arguments: [InstantTests.base + 123, 0, -1, -86_400_001, 253_402_300_799_999])
    func formatsISO8601AndParsesBack(milliseconds: Int64) throws {
        let instant = Instant(millisecondsSinceEpoch: milliseconds)
        let text = instant.iso8601
        #expect(text.hasSuffix("Z"))
        #expect(Instant(parsing: text) == instant)
    }

    @Test func formatsAKnownDate() {
        #expect(Instant(millisecondsSinceEpoch: InstantTests.base + 7).iso8601 == "2024-05-01T10:00:00.007Z")
        #expect(Instant(millisecondsSinceEpoch: -1).iso8601 == "1969-12-31T23:59:59.999Z")
    }
}

@Suite("Durations read well")
struct DurationFormatterTests {
    @Test(
        arguments: [
            (0, "0 ms"), (850, "850 ms"), (1000, "1 s"), (1250, "1.25 s"), (1500, "1.5 s"), (59_990, "59.99 s"),
            (184_000, "3 m 4 s"), (180_000, "3 m"), (7_500_000, "2 h 5 m"), (273_600_000, "3 d 4 h"), (-1500, "-1.5 s"),
        ] as [(Int64, String)])
    func formats(milliseconds: Int64, text: String) {
        #expect(DurationFormatter.string(milliseconds: milliseconds) == text)
    }
}
