import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// Every real recorded history: read without error, outcome and terminal error as `SOURCES.md` says.
@Suite("Real AWS histories (corpus)", .enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
struct CorpusTests {
    static let expectations = Corpus.isAvailable ? CorpusManifest.stepFunctions() : []

    @Test func manifestCoversEveryHistory() {
        let files = Set(Corpus.stepFunctionsHistories().map(\.lastPathComponent))
        #expect(!files.isEmpty)
        #expect(Set(CorpusTests.expectations.map(\.file)) == files)
    }

    @Test(arguments: CorpusTests.expectations)
    func outcomeAndTerminalError(expectation: CorpusExpectation) throws {
        let path = Corpus.directory.appendingPathComponent("stepfunctions/\(expectation.file)").path
        let tree = ExecutionTree(history: try HistoryDecoder().decode([try InputBuffer.read(path: path)]))
        let terminal = tree.terminalEvent
        if expectation.terminalType.hasPrefix("Execution") {
            #expect(terminal?.type.name == expectation.terminalType)
        }
        if let error = expectation.terminalError {
            #expect(terminal?.details.error == error)
        }
        let expectedOutcome: RunOutcome? = [
            "ExecutionSucceeded": .succeeded, "ExecutionFailed": .failed, "ExecutionAborted": .aborted,
            "ExecutionTimedOut": .timedOut,
        ][expectation.terminalType]
        #expect(tree.outcome == (expectedOutcome ?? .running))
        if let failureType = expectation.failureType, let state = expectation.failureState,
            failureType != "FailStateEntered"
        {
            // The terminating failure is recorded on a visit of the named state.
            let failed = tree.placedVisits.filter { entry in
                guard let id = entry.visit.failureEventID, let event = tree.event(id) else { return false }
                return event.type.name == failureType && entry.visit.name == state
            }
            #expect(!failed.isEmpty, "no \(failureType) on a visit of \(state)")
        }
        // Nothing but the LocalStack masking artefacts may leave events unmatched.
        if !expectation.file.contains("MASKED") {
            #expect(
                !tree.warnings.contains {
                    [LogWarning.Code.orphanEvent, .danglingLink, .forwardLink].contains($0.code)
                })
        }
    }

    @Test func reverseOrderHistoryReadsLikeTheForwardOne() throws {
        let url = Corpus.directory.appendingPathComponent(
            "stepfunctions/ls_api_sfn_api__get_execution_history_reversed__get_execution_history_reverseOrder_True.json"
        )
        let history = try HistoryDecoder().decode([try InputBuffer.read(path: url.path)])
        #expect(history.wasReverseOrder)
        #expect(history.events.map(\.id) == Array(1...Int64(history.events.count)))
        #expect(ExecutionTree(history: history).outcome == .succeeded)
    }

    @Test func mapCascadeMatchesTheRecording() throws {
        let url = Corpus.directory.appendingPathComponent(
            "stepfunctions/ls_timeouts_timeouts__service_lambda_map_timeout.json")
        let tree = ExecutionTree(history: try HistoryDecoder().decode([try InputBuffer.read(path: url.path)]))
        let map = try #require(tree.visits.first)
        #expect(map.iterations.map(\.status) == [.failed, .aborted, .aborted, .aborted])
        // Each TaskStateAborted closes the task of the iteration that ended just before it.
        #expect(map.iterations.map { $0.visits.first?.endEventID } == [25, 27, 29, 31])
        #expect(map.status == .failed)
    }
}
