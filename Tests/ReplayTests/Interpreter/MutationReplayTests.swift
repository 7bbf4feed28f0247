import Foundation
import Replay
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// Corpus definitions changed on purpose: replay must name the first divergence at the event where the recorded
/// run shows the change, with a message saying what the definition implies and what was recorded.
@Suite(
    "Mutated definitions diverge where they should",
    .enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
struct MutationReplayTests {
    static let choicePair = "ls_assign_assign_reference_variables__reference_assign_BASE_REFERENCE_IN_CHOICE"
    static let retryPair = "ls_scenarios_base_scenarios__lambda_invoke_with_retry_base"
    static let mapPair = "ls_scenarios_base_scenarios__map_state_retry"

    func replay(_ name: String, _ mutate: (inout JSONValue) -> Void) throws -> ReplayReport {
        let pair = CorpusPair(name)
        var json = try pair.definitionJSON()
        mutate(&json)
        let definition = try StateMachineDefinition(parsing: json)
        return DefinitionReplayer(definition: definition).replay(try pair.tree(), input: try pair.input())
    }

    @Test func theUnmutatedPairsAgree() throws {
        for name in [Self.choicePair, Self.retryPair, Self.mapPair] {
            let report = try replay(name) { _ in }
            #expect(report.agrees, "\(name)")
            #expect(report.agreements > 3, "\(name) compares something")
        }
    }

    @Test func flippedChoiceRuleDivergesAtTheStateEnteredNext() throws {
        let report = try replay(Self.choicePair) { json in
            json.update(["States", "CheckAnswer", "Choices", "0"]) { rule in
                guard case .object(let fields)? = rule, let next = fields["Next"] else { return rule }
                var inner = fields
                inner["Next"] = nil
                return .object(JSONObject([("Not", .object(inner)), ("Next", next)]))
            }
        }
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 6)
        #expect(first.kind == .choiceDecision)
        #expect(first.expected == "entering \"CorrectAnswer\" (Choices[0] holds)")
        #expect(first.recorded == "entering \"WrongAnswer\"")
        #expect(first.location == [])
    }

    @Test func removedRetryDivergesAtTheSecondAttempt() throws {
        let report = try replay(Self.retryPair) { json in
            json.update(["States", "InvokeLambdaWithRetry", "Retry"]) { _ in nil }
        }
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 6, "the second LambdaFunctionScheduled")
        #expect(first.kind == .retryDecision)
        #expect(first.state == "InvokeLambdaWithRetry")
        #expect(first.expected == "no retry (no retrier handles \"Exception\")")
        #expect(first.recorded == "attempt 2 scheduled")
    }

    @Test func fewerMaxAttemptsDivergeAtTheFirstExtraAttempt() throws {
        let report = try replay(Self.retryPair) { json in
            json.update(["States", "InvokeLambdaWithRetry", "Retry", "0", "MaxAttempts"]) { _ in .integer(2) }
        }
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 12, "the fourth LambdaFunctionScheduled")
        #expect(first.expected == "no retry (Retry[0] has used its 2 attempts)")
    }

    @Test func moreMaxAttemptsDivergeWhereTheHistoryStoppedRetrying() throws {
        let report = try replay(Self.retryPair) { json in
            json.update(["States", "InvokeLambdaWithRetry", "Retry", "0", "MaxAttempts"]) { _ in .integer(5) }
        }
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 14, "the last LambdaFunctionFailed")
        #expect(first.kind == .retryDecision)
        #expect(first.expected.hasPrefix("Retry[0] retries \"Exception\" after "))
    }

    @Test func changedResultPathDivergesAtTheExit() throws {
        let report = try replay(Self.mapPair) { json in
            json.update(["States", "StartState", "ResultPath"]) { _ in .string("$.items") }
        }
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 3, "PassStateExited of StartState")
        #expect(first.kind == .stateOutput)
        #expect(first.state == "StartState")
        #expect(first.expected == "output with $.items = [1] (whole: {\"items\":[1]})")
        #expect(first.recorded == "$.items = null (whole: {\"arr\":[1]})")
    }

    @Test func renamedStateDivergesWhereTheOldNameWasEntered() throws {
        let report = try replay(Self.retryPair) { json in
            json.update(["States"]) { states in
                guard case .object(let object)? = states else { return states }
                var renamed = JSONObject()
                for (key, value) in object { renamed[key == "HandleError" ? "OnError" : key] = value }
                return .object(renamed)
            }
            json.update(["States", "InvokeLambdaWithRetry", "Catch", "0", "Next"]) { _ in .string("OnError") }
        }
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 16)
        #expect(first.kind == .catchDecision)
        #expect(first.expected == "entering \"OnError\" (Catch[0] handles \"Exception\")")
        #expect(first.recorded == "entering \"HandleError\"")
    }

    @Test func maxConcurrencyBelowTheIterationsRunningAtOnceDiverges() throws {
        let pair = "ls_timeouts_timeouts__service_lambda_map_timeout"
        let unchanged = try replay(pair) { _ in }
        #expect(unchanged.agrees, "four iterations at once, no MaxConcurrency")
        let report = try replay(pair) { json in
            json.update(["States", "MapWait", "MaxConcurrency"]) { _ in .integer(2) }
        }
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 6, "the third MapIterationStarted before any iteration ended")
        #expect(first.kind == .mapLimits)
        #expect(first.expected == "at most 2 iterations at once (MaxConcurrency)")
        #expect(first.recorded == "3 iterations running")
        let enough = try replay(pair) { json in
            json.update(["States", "MapWait", "MaxConcurrency"]) { _ in .integer(4) }
        }
        #expect(enough.agrees, "\(enough.divergences)")
    }

    @Test func everyDivergenceIsListedInEventOrder() throws {
        // Two independent changes: the Pass result of Setup and the Choice's Default target's Result.
        let report = try replay(Self.choicePair) { json in
            json.update(["States", "CorrectAnswer", "Result", "state"]) { _ in .string("RIGHT") }
            json.update(["States", "WrongAnswer", "Result", "state"]) { _ in .string("NOPE") }
        }
        #expect(report.divergences.map(\.eventID) == [7, 11])
        #expect(report.divergences.allSatisfy { $0.kind == .stateOutput })
    }
}

extension JSONValue {
    /// Replaces the value at `path` (object keys, or array indexes written as numbers) with what `transform`
    /// returns; `nil` removes it.
    mutating func update(_ path: [String], _ transform: (JSONValue?) -> JSONValue?) {
        guard let key = path.first else {
            if let value = transform(self) { self = value }
            return
        }
        let rest = Array(path.dropFirst())
        switch self {
        case .object(var object):
            if rest.isEmpty {
                object[key] = transform(object[key])
            } else if var child = object[key] {
                child.update(rest, transform)
                object[key] = child
            }
            self = .object(object)
        case .array(var elements):
            guard let index = Int(key), elements.indices.contains(index) else { return }
            if rest.isEmpty {
                if let value = transform(elements[index]) {
                    elements[index] = value
                } else {
                    elements.remove(at: index)
                }
            } else {
                elements[index].update(rest, transform)
            }
            self = .array(elements)
        default:
            return
        }
    }
}
