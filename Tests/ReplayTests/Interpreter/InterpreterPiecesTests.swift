import Replay
import RetraceCore
import StepFunctions
import Testing

@Suite("Retry and Catch matching")
struct RetryPolicyTests {
    @Test func wildcardsFollowStepFunctions() {
        #expect(ErrorMatching.handles(["States.ALL"], "Lambda.ServiceException"))
        #expect(!ErrorMatching.handles(["States.ALL"], "States.Runtime"), "States.Runtime is never retried or caught")
        #expect(!ErrorMatching.handles(["States.Runtime"], "States.Runtime"))
        #expect(ErrorMatching.handles(["States.TaskFailed"], "CustomError"))
        #expect(!ErrorMatching.handles(["States.TaskFailed"], "States.Timeout"))
        #expect(ErrorMatching.handles(["States.Timeout"], "States.Timeout"))
        #expect(!ErrorMatching.handles(["A", "B"], "C"))
    }

    @Test func firstMatchingRetrierDecidesAndThenIsExhausted() {
        var policy = RetryPolicy(retriers: [
            Retrier(errorEquals: ["A"], intervalSeconds: 2, maxAttempts: 2, backoffRate: 3),
            Retrier(errorEquals: ["States.ALL"], maxAttempts: 5),
        ])
        #expect(policy.decide("A") == .retry(retrier: 0, delaySeconds: 2))
        #expect(policy.decide("A") == .retry(retrier: 0, delaySeconds: 6))
        #expect(policy.decide("A") == .exhausted(retrier: 0), "later retriers are not tried")
        #expect(policy.decide("B") == .retry(retrier: 1, delaySeconds: 1))
        #expect(policy.decide("States.Runtime") == .noRetrier)
    }

    @Test func maxAttemptsZeroNeverRetries() {
        var policy = RetryPolicy(retriers: [Retrier(errorEquals: ["States.ALL"], maxAttempts: 0)])
        #expect(policy.decide("X") == .exhausted(retrier: 0))
    }

    @Test func delayGrowsByBackoffAndIsCapped() {
        let retrier = Retrier(errorEquals: ["X"], intervalSeconds: 1, backoffRate: 2, maxDelaySeconds: 5)
        #expect(RetryPolicy.delay(retrier, retry: 0) == 1)
        #expect(RetryPolicy.delay(retrier, retry: 2) == 4)
        #expect(RetryPolicy.delay(retrier, retry: 3) == 5)
        #expect(RetryPolicy.delay(retrier, retry: 1_000_000) == 5, "huge retry counts stay bounded")
    }
}

@Suite("Comparing computed and recorded values")
struct ValueComparisonTests {
    @Test func equalValuesWhateverTheMemberOrder() throws {
        #expect(
            ValueComparison.compare(
                expected: try json(#"{"a":1,"b":[1,2.0]}"#), recorded: try json(#"{"b":[1,2],"a":1.0}"#)) == .equal)
    }

    @Test func differenceNamesThePath() throws {
        let result = ValueComparison.compare(
            expected: try json(#"{"a":{"b":[1,2]}}"#), recorded: try json(#"{"a":{"b":[1,3]}}"#))
        #expect(result == .different(path: "$.a.b[1]", expected: .integer(2), recorded: .integer(3)))
        let missing = ValueComparison.compare(expected: try json(#"{"a":1}"#), recorded: try json(#"{}"#))
        #expect(missing == .different(path: "$.a", expected: .integer(1), recorded: .null))
    }

    @Test func placeholdersInTheHistoryMatchAround() throws {
        let result = ValueComparison.compare(
            expected: .string("arn:aws:lambda:eu-west-1:1:function:f"),
            recorded: .string("arn:aws:lambda:<region>:1:function:f"))
        guard case .partial = result else {
            Issue.record("expected a partial comparison, got \(result)")
            return
        }
        let wrong = ValueComparison.compare(
            expected: .string("arn:aws:sqs:eu-west-1:1:q"), recorded: .string("arn:aws:lambda:<region>:1:function:f"))
        guard case .different = wrong else {
            Issue.record("the literal parts still must agree, got \(wrong)")
            return
        }
    }

    @Test func unknownValuesMatchAnythingButAreReported() {
        let marker = UnknownValue.marker("$$.Execution.Id")
        guard case .partial(let reason) = ValueComparison.compare(expected: marker, recorded: .string("arn:x")) else {
            Issue.record("expected partial")
            return
        }
        #expect(reason.contains("$$.Execution.Id"))
        let inside = JSONValue.string("id=" + UnknownValue.markerText("$$.Execution.Id") + "!")
        guard case .partial = ValueComparison.compare(expected: inside, recorded: .string("id=arn:x!")) else {
            Issue.record("a marker inside text matches the middle")
            return
        }
        guard case .different = ValueComparison.compare(expected: inside, recorded: .string("ID=arn:x!")) else {
            Issue.record("the text around a marker must agree")
            return
        }
    }

    @Test func jsonTextWithOtherSpacingAgrees() {
        guard
            case .partial = ValueComparison.compare(
                expected: .string(#"{"a":1,"b":"x"}"#), recorded: .string(#"{"a": 1, "b": "x"}"#))
        else {
            Issue.record("expected partial")
            return
        }
        guard
            case .different = ValueComparison.compare(
                expected: .string(#"{"a":1}"#), recorded: .string(#"{"a": 2}"#))
        else {
            Issue.record("different JSON text still differs")
            return
        }
    }
}

@Suite("Replaying small histories")
struct SmallHistoryReplayTests {
    /// A JSONata machine: a Pass whose Output doubles a number, then a Choice on it.
    static let jsonataDefinition = """
        {"QueryLanguage": "JSONata", "StartAt": "Double", "States": {
          "Double": {"Type": "Pass", "Output": {"n": "{% $states.input.n * 2 %}"}, "Next": "Big?"},
          "Big?": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n > 5 %}", "Next": "Big"}],
                   "Default": "Small"},
          "Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}}}
        """

    static func history(doubled: Int, next: String) -> String {
        """
        {"events": [
        {"id": 1, "previousEventId": 0, "type": "ExecutionStarted", "timestamp": 1700000000.0,
         "executionStartedEventDetails": {"input": "{\\"n\\": 3}"}},
        {"id": 2, "previousEventId": 0, "type": "PassStateEntered", "timestamp": 1700000000.1,
         "stateEnteredEventDetails": {"name": "Double", "input": "{\\"n\\": 3}"}},
        {"id": 3, "previousEventId": 2, "type": "PassStateExited", "timestamp": 1700000000.2,
         "stateExitedEventDetails": {"name": "Double", "output": "{\\"n\\": \(doubled)}"}},
        {"id": 4, "previousEventId": 3, "type": "ChoiceStateEntered", "timestamp": 1700000000.3,
         "stateEnteredEventDetails": {"name": "Big?", "input": "{\\"n\\": \(doubled)}"}},
        {"id": 5, "previousEventId": 4, "type": "ChoiceStateExited", "timestamp": 1700000000.4,
         "stateExitedEventDetails": {"name": "Big?", "output": "{\\"n\\": \(doubled)}"}},
        {"id": 6, "previousEventId": 5, "type": "SucceedStateEntered", "timestamp": 1700000000.5,
         "stateEnteredEventDetails": {"name": "\(next)", "input": "{\\"n\\": \(doubled)}"}},
        {"id": 7, "previousEventId": 6, "type": "SucceedStateExited", "timestamp": 1700000000.6,
         "stateExitedEventDetails": {"name": "\(next)", "output": "{\\"n\\": \(doubled)}"}},
        {"id": 8, "previousEventId": 7, "type": "ExecutionSucceeded", "timestamp": 1700000000.7,
         "executionSucceededEventDetails": {"output": "{\\"n\\": \(doubled)}"}}
        ]}
        """
    }

    /// Understands exactly the two expressions of the machine above: enough to test the interpreter's wiring.
    struct FakeJSONata: QueryEvaluator {
        func evaluate(_ template: JSONValue, field: String, bindings: QueryBindings) throws -> JSONValue {
            let n = bindings.input["n"]?.doubleValue ?? 0
            switch template {
            case .string("{% $states.input.n > 5 %}"): return .bool(n > 5)
            case .object(let object) where object["n"] == .string("{% $states.input.n * 2 %}"):
                return .object(JSONObject([("n", .integer(Int64(n * 2)))]))
            default: throw QueryEvaluationFailure(message: "unsupported in this test: \(template.serialized())")
            }
        }
    }

    func replay(_ history: String, evaluator: (any QueryEvaluator)?) throws -> ReplayReport {
        let tree = ExecutionTree(history: try HistoryDecoder().decode([InputBuffer(name: "h.json", text: history)]))
        let definition = try StateMachineDefinition(parsing: Self.jsonataDefinition)
        return DefinitionReplayer(definition: definition, options: ReplayOptions(queryEvaluator: evaluator))
            .replay(tree)
    }

    @Test func jsonataThroughTheEvaluatorAgrees() throws {
        let report = try replay(Self.history(doubled: 6, next: "Big"), evaluator: FakeJSONata())
        #expect(report.agrees, "\(report.divergences)")
        #expect(!report.notCompared.contains { $0.category == .jsonataUnavailable })
        #expect(report.statesReplayed == 3)
    }

    @Test func jsonataThroughTheEvaluatorFindsAWrongOutput() throws {
        let report = try replay(Self.history(doubled: 7, next: "Big"), evaluator: FakeJSONata())
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 3)
        #expect(first.kind == .stateOutput)
    }

    @Test func jsonataThroughTheEvaluatorFindsAWrongDecision() throws {
        let report = try replay(Self.history(doubled: 6, next: "Small"), evaluator: FakeJSONata())
        let first = try #require(report.firstDivergence)
        #expect(first.eventID == 6)
        #expect(first.kind == .choiceDecision)
        #expect(first.expected == "entering \"Big\" (Choices[0] holds)")
    }

    @Test func withoutAnEvaluatorJSONataIsNotComparedNeverGuessed() throws {
        for (doubled, next) in [(6, "Big"), (7, "Small")] {
            let report = try replay(Self.history(doubled: doubled, next: next), evaluator: nil)
            #expect(report.agrees, "no false divergence")
            #expect(report.notCompared.filter { $0.category == .jsonataUnavailable }.count == 3)
        }
    }

    @Test func aJSONataChoiceCannotGoWhereNoRuleLeads() throws {
        let report = try replay(Self.history(doubled: 6, next: "Elsewhere"), evaluator: nil)
        #expect(report.firstDivergence?.eventID == 6)
    }
}
