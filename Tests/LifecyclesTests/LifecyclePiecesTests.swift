import Foundation
import RetraceCore
import RetraceTestSupport
import Testing

@testable import Lifecycles

/// A large deployment log is parsed a group of events at a time (`JSONReader.forEachPiece`); here every page is,
/// in groups of a few hundred bytes, and must read exactly as when parsed whole.
@Suite("A deployment log parsed in pieces reads as when parsed whole")
struct LifecyclePiecesTests {
    private static func decoder(pieces: Bool, source: LifecycleSource? = nil) -> LifecycleDecoder {
        var decoder = LifecycleDecoder(source: source)
        if pieces {
            decoder.piecesThreshold = 0
            decoder.pieceBytes = 300
        }
        return decoder
    }

    private static var logs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestData.fixtures.path)) ?? []
        let local = names.filter { $0.hasSuffix(".json") }.sorted().map(TestData.fixturePath)
        guard TestData.hasCorpus else { return local }
        return local
            + ["cloudformation", "gamelift", "modelarts"].flatMap { folder in
                TestData.corpusFiles(folder).map { TestData.corpusPath(folder, $0) }
            }
    }

    private static func outcome(_ decoder: LifecycleDecoder, _ texts: [InputBuffer]) -> String {
        do {
            let log = try decoder.decode(texts)
            return "\(log.events)\n\(log.warnings)\n\(log.serviceName ?? "-")\n\(log.attachedLogs.count)"
        } catch {
            return "error: \(error)"
        }
    }

    @Test(arguments: LifecyclePiecesTests.logs)
    func readsTheSameEvents(path: String) throws {
        let input = try InputBuffer.read(path: path)
        let whole = Self.outcome(Self.decoder(pieces: false), [input])
        #expect(Self.outcome(Self.decoder(pieces: true), [input]) == whole)
    }

    @Test func readsTheArrayItsServiceReadsWhateverTheOrderOfMembers() throws {
        // CloudFormation's `StackEvents` is read before `OperationEvents`, wherever each is in the object.
        let event = { (id: Int) in
            #"{"StackId": "arn:aws:cloudformation:eu-west-1:1:stack/s/1", "EventId": "e\#(id)", "StackName": "s", "#
                + #""LogicalResourceId": "s", "ResourceType": "AWS::CloudFormation::Stack", "#
                + #""Timestamp": "2024-01-24T03:28:4\#(id).000Z", "ResourceStatus": "CREATE_IN_PROGRESS"}"#
        }
        let text =
            #"{"OperationEvents": [\#(event(1)), \#(event(2))], "StackEvents": [\#(event(3)), \#(event(4)), "#
            + #"\#(event(5))]}"#
        let input = InputBuffer(name: "stack.json", text: text)
        let whole = Self.outcome(Self.decoder(pieces: false), [input])
        #expect(whole.contains("e5"))
        #expect(Self.outcome(Self.decoder(pieces: true), [input]) == whole)
    }

    @Test func aWrongEventInAGroupIsPlacedAsWhenParsedWhole() throws {
        let path = TestData.fixturePath("gamelift_fail_activating.json")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        // The last event's time becomes a number of the wrong kind.
        let range = try #require(text.range(of: "\"EventTime\"", options: .backwards))
        text.replaceSubrange(range, with: "\"EventTime\": true, \"Was\"")
        let input = InputBuffer(name: "fleet.json", text: text)
        let whole = Self.outcome(Self.decoder(pieces: false), [input])
        #expect(whole.hasPrefix("error: fleet.json:"), "\(whole)")
        #expect(Self.outcome(Self.decoder(pieces: true), [input]) == whole)
    }
}
