import ASLExpressions
import Replay
import RetraceCore
import StepFunctions
import Testing

@Suite("Choice evaluation")
struct ChoiceEvaluatorTests {
    static let input = """
        {"s": "b", "upper": "B", "n": 10, "f": 2.5, "big": 9007199254740993, "t": true, "nul": null,
         "ts": "2016-08-18T17:33:00Z", "tsOffset": "2016-08-18T19:33:00+02:00", "notTs": "2016-08-18 17:33:00",
         "file": "foo23.log", "other": {"s": "b", "n": 10, "f": 3, "t": false, "ts": "2017-01-01T00:00:00Z"},
         "list": [1], "obj": {}}
        """

    let evaluator = ChoiceEvaluator()

    func holds(_ variable: String, _ comparisonOperator: ComparisonOperator, _ operand: ComparisonOperand) throws
        -> Bool
    {
        let comparison = ChoiceComparison(variable: variable, comparisonOperator: comparisonOperator, operand: operand)
        return try evaluator.holds(
            .comparison(comparison), in: environment(Self.input, variables: ["limit": "10", "word": #""b""#]))
    }

    @Test(
        "literal comparisons",
        arguments: [
            ("$.s", ComparisonOperator.stringEquals, #""b""#, true), ("$.s", .stringEquals, #""B""#, false),
            ("$.s", .stringLessThan, #""c""#, true), ("$.s", .stringLessThan, #""b""#, false),
            ("$.s", .stringLessThanEquals, #""b""#, true), ("$.s", .stringGreaterThan, #""a""#, true),
            ("$.upper", .stringGreaterThan, #""b""#, false), ("$.s", .stringGreaterThanEquals, #""c""#, false),
            ("$.s", .stringGreaterThan, #""""#, true), ("$.ts", .stringEquals, #""2016-08-18T17:33:00Z""#, true),
            ("$.n", .numericEquals, "10", true), ("$.n", .numericEquals, "10.0", true),
            ("$.n", .numericLessThan, "10.5", true), ("$.f", .numericGreaterThan, "2", true),
            ("$.f", .numericLessThanEquals, "2.5", true), ("$.f", .numericGreaterThanEquals, "2.6", false),
            ("$.big", .numericGreaterThan, "9007199254740992", true), ("$.t", .booleanEquals, "true", true),
            ("$.t", .booleanEquals, "false", false), ("$.ts", .timestampEquals, #""2016-08-18T19:33:00+02:00""#, true),
            ("$.tsOffset", .timestampEquals, #""2016-08-18T17:33:00Z""#, true),
            ("$.ts", .timestampLessThan, #""2016-08-18T17:33:00.001Z""#, true),
            ("$.ts", .timestampGreaterThan, #""2016-08-18T17:33:00Z""#, false),
            ("$.ts", .timestampGreaterThanEquals, #""2016-08-18T17:33:00Z""#, true),
            ("$.ts", .timestampLessThanEquals, #""2016-01-01T00:00:00Z""#, false),
            ("$.file", .stringMatches, #""foo*.log""#, true), ("$.file", .stringMatches, #""*.txt""#, false),
            ("$.nul", .isNull, "true", true), ("$.s", .isNull, "true", false), ("$.s", .isNull, "false", true),
            ("$.n", .isNumeric, "true", true), ("$.f", .isNumeric, "true", true), ("$.s", .isNumeric, "false", true),
            ("$.s", .isString, "true", true), ("$.nul", .isString, "true", false), ("$.t", .isBoolean, "true", true),
            ("$.n", .isBoolean, "true", false), ("$.ts", .isTimestamp, "true", true),
            ("$.notTs", .isTimestamp, "true", false), ("$.n", .isTimestamp, "false", true),
            ("$.s", .isPresent, "true", true), ("$.missing", .isPresent, "true", false),
            ("$.missing", .isPresent, "false", true), ("$.other.n", .isPresent, "true", true),
            ("$undefinedVariable", .isPresent, "false", true), ("$limit", .numericEquals, "10", true),
            ("$word", .stringEquals, #""b""#, true),
        ])
    func literal(variable: String, comparisonOperator: ComparisonOperator, operand: String, expected: Bool) throws {
        #expect(try holds(variable, comparisonOperator, .value(json(operand))) == expected)
    }

    @Test(
        "a value of the wrong type compares false, never fails",
        arguments: [
            ("$.n", ComparisonOperator.stringEquals, #""10""#), ("$.s", .numericEquals, "10"),
            ("$.t", .numericEquals, "1"), ("$.s", .booleanEquals, "true"), ("$.nul", .stringEquals, #""null""#),
            ("$.notTs", .timestampEquals, #""2016-08-18T17:33:00Z""#),
            ("$.n", .timestampEquals, #""2016-08-18T17:33:00Z""#),
            ("$.list", .numericEquals, "1"), ("$.obj", .stringMatches, #""*""#), ("$.n", .stringMatches, #""*""#),
            ("$.n", .numericLessThan, #""11""#), ("$.f", .numericEquals, "null"),
        ])
    func typeMismatch(variable: String, comparisonOperator: ComparisonOperator, operand: String) throws {
        #expect(try holds(variable, comparisonOperator, .value(json(operand))) == false)
    }

    @Test(
        "Path variants compare two values of the input or the variables",
        arguments: [
            ("$.s", ComparisonOperator.stringEquals, "$.other.s", true), ("$.s", .stringEquals, "$.upper", false),
            ("$.s", .stringGreaterThan, "$.upper", true), ("$.n", .numericEquals, "$.other.n", true),
            ("$.n", .numericEquals, "$limit", true), ("$.f", .numericLessThan, "$.other.f", true),
            ("$.f", .numericGreaterThanEquals, "$.other.f", false), ("$.t", .booleanEquals, "$.other.t", false),
            ("$.ts", .timestampLessThan, "$.other.ts", true), ("$.ts", .timestampEquals, "$.tsOffset", true),
            ("$.s", .stringEquals, "$word", true), ("$.s", .numericEquals, "$.n", false),
            ("$.n", .stringEquals, "$.other.n", false), ("$.s", .timestampEquals, "$.s", false),
        ])
    func pathVariants(variable: String, comparisonOperator: ComparisonOperator, other: String, expected: Bool) throws {
        #expect(try holds(variable, comparisonOperator, .path(other)) == expected)
    }

    @Test(
        "a missing Variable or operand path fails the state with States.Runtime",
        arguments: [
            ("$.missing", ComparisonOperator.stringEquals, ComparisonOperand.value(.string("x")), "$.missing"),
            ("$.missing", .isNull, .value(.bool(true)), "$.missing"),
            ("$.s", .stringEquals, .path("$.other.missing"), "$.other.missing"),
            ("$.missing", .numericEquals, .value(.integer(1)), "$.missing"),
        ])
    func missing(variable: String, comparisonOperator: ComparisonOperator, operand: ComparisonOperand, path: String) {
        #expect {
            try holds(variable, comparisonOperator, operand)
        } throws: { error in
            guard let error = error as? ChoiceEvaluationError, case .invalidPath(let reported) = error else {
                return false
            }
            return reported == path && error.statesError == "States.Runtime"
                && error.description.contains("The choice state's condition path references an invalid value")
        }
    }

    @Test("an undefined variable in a comparison is an error")
    func undefinedVariable() {
        #expect(throws: ChoiceEvaluationError.self) { try holds("$nope", .stringEquals, .value(.string("x"))) }
    }

    func choiceState(_ rules: String, defaultState: String? = "Fallback", language: String = "JSONPath") throws
        -> ChoiceState
    {
        var states = #""Decide": {"Type": "Choice", "Choices": \#(rules)"#
        if let defaultState { states += #", "Default": "\#(defaultState)""# }
        states += "}"
        for name in ["A", "B", "C", "Fallback"] { states += #", "\#(name)": {"Type": "Succeed"}"# }
        let definition = try StateMachineDefinition(
            parsing: json(#"{"QueryLanguage": "\#(language)", "StartAt": "Decide", "States": {\#(states)}}"#))
        guard case .choice(let choice)? = definition["Decide"]?.kind else {
            Issue.record("Decide is not a Choice state")
            return ChoiceState(choices: [])
        }
        return choice
    }

    @Test("rules are tried in order; And, Or and Not combine them")
    func ordering() throws {
        let state = try choiceState(
            """
            [{"Not": {"Variable": "$.s", "StringEquals": "b"}, "Next": "A"},
             {"And": [{"Variable": "$.n", "NumericGreaterThanEquals": 5}, {"Variable": "$.n", "NumericLessThan": 20}],
              "Next": "B"},
             {"Or": [{"Variable": "$.missing", "IsPresent": true}, {"Variable": "$.t", "BooleanEquals": true}],
              "Next": "C"}]
            """)
        let env = try environment(Self.input)
        #expect(try evaluator.choose(state, in: env) == .rule(index: 1, next: "B"))
        #expect(
            try evaluator.choose(state, in: env.with(input: json(#"{"s": "b", "n": 30, "t": true}"#)))
                == .rule(index: 2, next: "C"))
        #expect(try evaluator.choose(state, in: env.with(input: json(#"{"s": "x"}"#))) == .rule(index: 0, next: "A"))
        #expect(
            try evaluator.choose(state, in: env.with(input: json(#"{"s": "b", "n": 30, "t": false}"#)))
                == .defaultState("Fallback"))
    }

    @Test("And and Or stop early, so a later missing path does not fail")
    func shortCircuit() throws {
        let state = try choiceState(
            """
            [{"And": [{"Variable": "$.s", "StringEquals": "zzz"}, {"Variable": "$.missing", "StringEquals": "x"}],
              "Next": "A"},
             {"Or": [{"Variable": "$.s", "StringEquals": "b"}, {"Variable": "$.missing", "StringEquals": "x"}],
              "Next": "B"}]
            """)
        #expect(try evaluator.choose(state, in: environment(Self.input)) == .rule(index: 1, next: "B"))
    }

    @Test("no match without Default is reported, with AWS's States.Runtime")
    func noMatch() throws {
        let state = try choiceState(#"[{"Variable": "$.s", "StringEquals": "zzz", "Next": "A"}]"#, defaultState: nil)
        let outcome = try evaluator.choose(state, in: environment(Self.input))
        #expect(outcome == .noMatch)
        #expect(outcome.nextState == nil)
        #expect(ChoiceOutcome.noMatchError == "States.Runtime")
    }

    @Test("JSONata conditions go to the supplied evaluator; literal booleans need none")
    func jsonata() throws {
        let state = try choiceState(
            #"[{"Condition": "{% $states.input.n > 5 %}", "Next": "A"}, {"Condition": true, "Next": "B"}]"#,
            language: "JSONata")
        let env = try environment(Self.input)
        #expect {
            try evaluator.choose(state, in: env)
        } throws: { error in
            (error as? ChoiceEvaluationError)?.statesError == "States.QueryEvaluationError"
        }
        let saysNo = ChoiceEvaluator(jsonataCondition: { expression, _ in expression.contains("n > 100") })
        #expect(try saysNo.choose(state, in: env) == .rule(index: 1, next: "B"))
        let saysYes = ChoiceEvaluator(jsonataCondition: { expression, environment in
            expression.contains("n > 5") && environment.input["n"] == .integer(10)
        })
        #expect(try saysYes.choose(state, in: env) == .rule(index: 0, next: "A"))
        struct Broken: Error {}
        let failing = ChoiceEvaluator(jsonataCondition: { _, _ in throw Broken() })
        #expect(throws: ChoiceEvaluationError.self) { try failing.choose(state, in: env) }
    }
}
