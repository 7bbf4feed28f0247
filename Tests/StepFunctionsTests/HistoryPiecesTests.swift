import Foundation
import RetraceCore
import RetraceTestSupport
import Testing

@testable import StepFunctions

/// A large page is parsed a group of events at a time (`JSONReader.forEachPiece`); here every page is, in groups of
/// a few hundred bytes, and must read exactly as when parsed whole.
@Suite("A history parsed in pieces reads as when parsed whole")
struct HistoryPiecesTests {
    private static let pieced: HistoryDecoder = {
        var decoder = HistoryDecoder()
        decoder.piecesThreshold = 0
        decoder.pieceBytes = 300
        return decoder
    }()

    private static var histories: [String] {
        let fixtures = (try? FileManager.default.contentsOfDirectory(atPath: Load.fixtureURL("").path)) ?? []
        let local = fixtures.filter { $0.hasSuffix(".json") }.sorted().map { Load.fixtureURL($0).path }
        return local + (Corpus.isAvailable ? Corpus.stepFunctionsHistories().map(\.path) : [])
    }

    /// The error each read gives, whole and in pieces; `nil` where it reads.
    private static func errors(_ input: InputBuffer) -> (whole: String?, pieced: String?) {
        func error(_ decoder: HistoryDecoder) -> String? {
            do {
                _ = try decoder.pages(of: input)
                return nil
            } catch {
                return String(describing: error)
            }
        }
        return (error(HistoryDecoder()), error(pieced))
    }

    @Test(arguments: HistoryPiecesTests.histories)
    func readsTheSameEventsAndPages(path: String) throws {
        let input = try InputBuffer.read(path: path)
        let whole = try HistoryDecoder().pages(of: input)
        let pieces = try HistoryPiecesTests.pieced.pages(of: input)
        #expect(pieces.map(\.events) == whole.map(\.events))
        #expect(pieces.map(\.executionArn) == whole.map(\.executionArn))
        #expect(pieces.map(\.hasNextToken) == whole.map(\.hasNextToken))
        #expect(pieces.map(\.origin) == whole.map(\.origin))
        #expect(pieces.map { $0.unreadableTimestamps.map(\.id) } == whole.map { $0.unreadableTimestamps.map(\.id) })
    }

    @Test(arguments: [
        #"{"id": 9, "type": 5, "timestamp": 1}"#,
        #"{"id": "x", "type": "PassStateEntered", "timestamp": 1}"#,
        #"[1, 2]"#,
    ])
    func aWrongEventInAGroupIsPlacedAsWhenParsedWhole(bad: String) throws {
        let events = try Load.rawEvents("retry_then_success.json")
        let text =
            "{\"events\": [\(events[..<6].joined(separator: ",\n")),\n\(bad),\n"
            + "\(events[6...].joined(separator: ",\n"))]}"
        let (whole, pieced) = Self.errors(InputBuffer(name: "bad.json", text: text))
        #expect(whole?.contains("bad.json:7:") == true, "\(whole ?? "no error")")
        #expect(pieced == whole)
    }

    @Test func invalidJSONLaterIsReportedBeforeAWrongEventEarlier() throws {
        // Parsed whole, the syntax error is found before any event is read; in pieces, the wrong event is read
        // first, and gives way to the syntax error of a later piece (found by the fuzzer).
        let events = try Load.rawEvents("retry_then_success.json")
        let text =
            "{\"events\": [\(events[0]),\n{\"id\": 2, \"type\": 5},\n"
            + "\(events[2...].joined(separator: ",\n")),\n{\"id\": 99, \"timestamp\": 1e999999}]}"
        let (whole, pieced) = Self.errors(InputBuffer(name: "late.json", text: text))
        #expect(whole?.contains("not valid JSON") == true, "\(whole ?? "no error")")
        #expect(pieced == whole)
    }

    @Test func onlyTheWantedPagesOfAPieceAreDecoded() throws {
        let input = try InputBuffer.read(path: Load.fixtureURL("redrive.json").path)
        #expect(try HistoryPiecesTests.pieced.pages(of: input, wanted: []).isEmpty)
        #expect(
            try HistoryPiecesTests.pieced.pages(of: input, wanted: [0]).map(\.events)
                == HistoryDecoder().pages(of: input).map(\.events))
    }
}
