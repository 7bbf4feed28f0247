import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

@Suite(
    "Definitions of the recorded corpus",
    .enabled(if: CorpusLocation.isAvailable, Comment(rawValue: Corpus.missingMessage)))
struct StateMachineDefinitionCorpusTests {
    @Test("the corpus holds definitions")
    func corpusIsNotEmpty() {
        #expect(CorpusLocation.definitionNames.count >= 100)
    }

    @Test("every definition parses and names the states its history entered", arguments: CorpusLocation.definitionNames)
    func definitionCoversHistory(name: String) throws {
        let folder = CorpusLocation.stepFunctions
        let definition = try DefinitionDocument.load(path: folder.appendingPathComponent("\(name).asl.json").path)
        let byName = definition.statesByName
        #expect(!byName.isEmpty)

        let historyPath = folder.appendingPathComponent("\(name).json").path
        guard FileManager.default.fileExists(atPath: historyPath) else { return }
        let buffer = try InputBuffer.read(path: historyPath)
        let history = try withExtendedLifetime(buffer) {
            try JSONValue.parse(String(decoding: buffer.bytes, as: UTF8.self), name: historyPath)
        }
        let events = try #require(history["events"]?.arrayValue)
        let entered = events.compactMap { $0["stateEnteredEventDetails"]?["name"]?.stringValue }
        if let first = entered.first {
            #expect(first == definition.startAt, "the execution started in \(first)")
        }
        for event in events {
            guard let type = event["type"]?.stringValue, type.hasSuffix("StateEntered"),
                let stateName = event["stateEnteredEventDetails"]?["name"]?.stringValue
            else { continue }
            let state = try #require(byName[stateName], "history entered \(stateName), which the definition lacks")
            #expect(type == state.state.type.eventPrefix + "StateEntered", "\(stateName) is a \(state.state.type)")
        }
    }
}
