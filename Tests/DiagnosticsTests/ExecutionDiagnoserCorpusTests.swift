import Diagnostics
import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// Every failed real history: the root cause names the state and error `SOURCES.md` gives.
@Suite("Root cause on real AWS histories", .enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
struct ExecutionDiagnoserCorpusTests {
    static let failed = Corpus.isAvailable ? CorpusManifest.stepFunctions().filter { $0.failureType != nil } : []

    @Test func thereAreFailedHistories() {
        #expect(ExecutionDiagnoserCorpusTests.failed.count >= 50)
    }

    @Test(arguments: ExecutionDiagnoserCorpusTests.failed)
    func rootCauseMatches(expectation: CorpusExpectation) throws {
        let path = Corpus.directory.appendingPathComponent("stepfunctions/\(expectation.file)").path
        let tree = ExecutionTree(history: try HistoryDecoder().decode([try InputBuffer.read(path: path)]))
        let diagnosis = ExecutionDiagnoser().diagnose(tree)
        let root = try #require(diagnosis.rootCause)
        #expect(root.severity == .error)
        let states = root.location.compactMap { step -> String? in
            if case .state(let name) = step { return name }
            return nil
        }
        if expectation.failureType == "FailStateEntered" {
            // The Fail state is the root cause, or (Catch then an empty Fail) the caught failure that led there,
            // whose explanation then names the Fail state.
            if root.code.rawValue == "fail-state" || states.last == expectation.failureState {
                #expect(states.last == expectation.failureState)
            } else {
                #expect(root.explanation.contains(expectation.failureState ?? "?"), "\(root.explanation)")
            }
        } else {
            #expect(states.last == expectation.failureState, "\(root.location.pathDescription)")
            if let error = expectation.failureError {
                #expect(root.error == error)
            }
            let evidence = try #require(root.evidence.first.flatMap { Int64($0) }.flatMap(tree.event))
            #expect(evidence.type.name == expectation.failureType)
        }
        #expect(!root.explanation.isEmpty)
    }

    @Test func abortedAndRunningHistories() throws {
        for expectation in CorpusManifest.stepFunctions() where expectation.terminalType != "ExecutionFailed" {
            let path = Corpus.directory.appendingPathComponent("stepfunctions/\(expectation.file)").path
            let tree = ExecutionTree(history: try HistoryDecoder().decode([try InputBuffer.read(path: path)]))
            let diagnosis = ExecutionDiagnoser().diagnose(tree)
            switch expectation.terminalType {
            case "ExecutionSucceeded":
                #expect(diagnosis.rootCause == nil, "\(expectation.file)")
            case "ExecutionAborted":
                #expect(diagnosis.rootCause?.code.rawValue == "execution-aborted")
            default:
                #expect(diagnosis.outcome == .running)
            }
        }
    }
}
