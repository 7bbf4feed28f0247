import RetraceCore
import StepFunctions
import Testing

@Suite("State machine definitions")
struct StateMachineDefinitionTests {
    static let complete = """
        {
          "Comment": "every field", "Version": "1.0", "TimeoutSeconds": 300, "StartAt": "Prepare", "Future": {"x": 1},
          "States": {
            "Prepare": {"Type": "Pass", "InputPath": "$.in", "Parameters": {"a.$": "$.a"}, "Result": {"r": 1},
              "ResultPath": "$.prepared", "OutputPath": null, "Assign": {"count": 0}, "Next": "Work"},
            "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSecondsPath": "$.timeout",
              "HeartbeatSeconds": 10, "Credentials": {"RoleArn": "arn:aws:iam::1:role/r"},
              "ResultSelector": {"p.$": "$.Payload"}, "ResultPath": null,
              "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 5,
                         "BackoffRate": 1.5, "MaxDelaySeconds": 30, "JitterStrategy": "FULL"},
                        {"ErrorEquals": ["States.ALL"]}],
              "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Failed", "ResultPath": "$.error"},
                        {"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
              "Next": "Decide", "NewField": true},
            "Decide": {"Type": "Choice", "Default": "Fan",
              "Choices": [
                {"Variable": "$.n", "NumericGreaterThanPath": "$.limit", "Next": "Wait"},
                {"And": [{"Variable": "$.s", "StringMatches": "a*"}, {"Not": {"Variable": "$.t", "IsNull": true}}],
                 "Next": "Failed", "Assign": {"why.$": "$.s"}}]},
            "Wait": {"Type": "Wait", "TimestampPath": "$.until", "Next": "Fan"},
            "Fan": {"Type": "Parallel", "Next": "Each",
              "Branches": [
                {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
                {"StartAt": "Right", "States": {"Right": {"Type": "Wait", "Seconds": 0, "End": true}}}]},
            "Each": {"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"v.$": "$$.Map.Item.Value"},
              "MaxConcurrencyPath": "$.max", "ToleratedFailurePercentage": 5.5, "ToleratedFailureCount": 2,
              "Label": "each", "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2"},
              "ItemBatcher": {"MaxItemsPerBatch": 10}, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "Inner", "States": {"Inner": {"Type": "Succeed"}}},
              "Next": "Done"},
            "Done": {"Type": "Succeed"},
            "Failed": {"Type": "Fail", "ErrorPath": "$.error.Error", "Cause": "it failed"}
          }
        }
        """

    @Test("a definition using every field parses into the model")
    func complete() throws {
        let definition = try StateMachineDefinition(parsing: JSONValue.parse(Self.complete))
        #expect(definition.startAt == "Prepare")
        #expect(definition.comment == "every field")
        #expect(definition.version == "1.0")
        #expect(definition.timeoutSeconds == 300)
        #expect(definition.queryLanguage == .jsonPath)
        #expect(definition.unknownFields["Future"] == .object(JSONObject([("x", .integer(1))])))
        #expect(
            definition.states.map(\.name) == ["Prepare", "Work", "Decide", "Wait", "Fan", "Each", "Done", "Failed"])

        let prepare = try #require(definition["Prepare"])
        #expect(prepare.inputPath == .path("$.in"))
        #expect(prepare.outputPath == .null)
        #expect(prepare.resultPath == .path("$.prepared"))
        #expect(prepare.assign?["count"] == .integer(0))
        #expect(prepare.transition == .next("Work"))
        #expect(prepare.kind == .pass(PassState(result: .object(JSONObject([("r", .integer(1))])))))

        let work = try #require(definition["Work"])
        guard case .task(let task) = work.kind else {
            Issue.record("Work is not a Task")
            return
        }
        #expect(task.resource == "arn:aws:states:::lambda:invoke")
        #expect(task.timeout == .path("$.timeout"))
        #expect(task.heartbeat == .literal(10))
        #expect(task.credentials?["RoleArn"] == .string("arn:aws:iam::1:role/r"))
        #expect(work.resultPath == .null)
        #expect(
            work.retry == [
                Retrier(
                    errorEquals: ["Lambda.TooManyRequestsException"], intervalSeconds: 2, maxAttempts: 5,
                    backoffRate: 1.5, maxDelaySeconds: 30, jitterStrategy: .full),
                Retrier(errorEquals: ["States.ALL"]),
            ])
        #expect(work.catchers.map(\.next) == ["Failed", "Failed"])
        #expect(work.catchers.first?.resultPath == .path("$.error"))
        #expect(work.unknownFields["NewField"] == .bool(true))

        guard case .choice(let choice)? = definition["Decide"]?.kind else {
            Issue.record("Decide is not a Choice")
            return
        }
        #expect(choice.defaultState == "Fan")
        #expect(
            choice.choices.first?.condition
                == .comparison(
                    ChoiceComparison(
                        variable: "$.n", comparisonOperator: .numericGreaterThan, operand: .path("$.limit"))))
        #expect(
            choice.choices.last?.condition
                == .and([
                    .comparison(
                        ChoiceComparison(
                            variable: "$.s", comparisonOperator: .stringMatches, operand: .value(.string("a*")))),
                    .not(
                        .comparison(
                            ChoiceComparison(variable: "$.t", comparisonOperator: .isNull, operand: .value(.bool(true)))
                        )),
                ]))
        #expect(choice.choices.last?.assign?["why.$"] == .string("$.s"))

        #expect(definition["Wait"]?.kind == .wait(WaitState(duration: .timestamp(.path("$.until")))))

        guard case .parallel(let parallel)? = definition["Fan"]?.kind else {
            Issue.record("Fan is not a Parallel")
            return
        }
        #expect(parallel.branches.map(\.startAt) == ["Left", "Right"])
        #expect(parallel.branches.last?["Right"]?.kind == .wait(WaitState(duration: .seconds(.literal(0)))))

        guard case .map(let map)? = definition["Each"]?.kind else {
            Issue.record("Each is not a Map")
            return
        }
        #expect(map.itemsPath == "$.items")
        #expect(map.itemSelector?["v.$"] == .string("$$.Map.Item.Value"))
        #expect(map.maxConcurrency == .path("$.max"))
        #expect(map.toleratedFailurePercentage == .literal(5.5))
        #expect(map.toleratedFailureCount == .literal(2))
        #expect(map.label == "each")
        #expect(map.itemReader?["Resource"] == .string("arn:aws:states:::s3:listObjectsV2"))
        #expect(map.itemBatcher?["MaxItemsPerBatch"] == .integer(10))
        #expect(map.resultWriter != nil)
        #expect(map.processor.mode == .distributed)
        #expect(map.processor.executionType == "EXPRESS")
        #expect(!map.processor.isLegacyIterator)
        #expect(map.processor.definition.startAt == "Inner")

        #expect(
            definition["Failed"]?.kind == .fail(FailState(error: .path("$.error.Error"), cause: .literal("it failed"))))
        #expect(definition["Done"]?.isTerminal == true)
    }

    @Test("JSONata states: Arguments, Output, Items, Condition and {% %} fields")
    func jsonata() throws {
        let definition = try StateMachineDefinition(
            parsing: JSONValue.parse(
                """
                {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"x": "{% $x %}"},
                        "Output": "{% $states.result %}", "TimeoutSeconds": "{% $t %}",
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F", "Output": {"e": "{% $states.errorOutput %}"}}],
                        "Next": "C"},
                  "C": {"Type": "Choice", "Choices": [{"Condition": "{% $x > 1 %}", "Next": "W", "Output": 1}], "Default": "M"},
                  "W": {"Type": "Wait", "Seconds": "{% $s %}", "Next": "M"},
                  "M": {"Type": "Map", "Items": "{% [1, 2] %}", "MaxConcurrency": "{% 2 %}", "Next": "F",
                        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}},
                  "F": {"Type": "Fail", "Error": "{% 'E' %}", "Cause": "plain"}}}
                """))
        #expect(definition.queryLanguage == .jsonata)
        let task = try #require(definition["T"])
        #expect(task.queryLanguage == .jsonata)
        #expect(task.arguments?["x"] == .string("{% $x %}"))
        #expect(task.output == .string("{% $states.result %}"))
        guard case .task(let fields) = task.kind else {
            Issue.record("T is not a Task")
            return
        }
        #expect(fields.timeout == .expression("{% $t %}"))
        #expect(task.catchers.first?.output != nil)
        guard case .choice(let choice)? = definition["C"]?.kind else {
            Issue.record("C is not a Choice")
            return
        }
        #expect(choice.choices.first?.condition == .jsonata("{% $x > 1 %}"))
        #expect(choice.choices.first?.output == .integer(1))
        #expect(definition["W"]?.kind == .wait(WaitState(duration: .seconds(.expression("{% $s %}")))))
        guard case .map(let map)? = definition["M"]?.kind else {
            Issue.record("M is not a Map")
            return
        }
        #expect(map.items == .string("{% [1, 2] %}"))
        #expect(map.maxConcurrency == .expression("{% 2 %}"))
        #expect(map.processor.definition.queryLanguage == .jsonata)
        #expect(definition["F"]?.kind == .fail(FailState(error: .expression("{% 'E' %}"), cause: .literal("plain"))))
    }

    @Test("the legacy Iterator and Map Parameters are understood")
    func legacyMap() throws {
        let definition = try StateMachineDefinition(
            parsing: JSONValue.parse(
                """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "Parameters": {"v.$": "$$.Map.Item.Value"},
                  "MaxConcurrency": 1, "End": true,
                  "Iterator": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
                """))
        guard let state = definition["M"], case .map(let map) = state.kind else {
            Issue.record("M is not a Map")
            return
        }
        #expect(map.processor.isLegacyIterator)
        #expect(map.processor.mode == .inline)
        #expect(state.parameters?["v.$"] == .string("$$.Map.Item.Value"))
        #expect(map.itemSelector == nil)
        #expect(map.maxConcurrency == .literal(1))
    }

    /// Parses `text`, expecting it to be refused, and returns the problems as `path: message` lines.
    func problems(_ text: String) throws -> [String] {
        let value = try JSONValue.parse(text)
        do {
            _ = try StateMachineDefinition(parsing: value)
            Issue.record("the definition was accepted")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test(
        "problems are reported with the JSON path of the offending value",
        arguments: [
            (
                #"{"StartAt": "P", "States": {"P": {"Type": "Task", "Resource": "r", "End": true,"#
                    + #" "Retry": [{"ErrorEquals": "States.ALL"}]}}}"#,
                "States.P.Retry[0].ErrorEquals: expected a non-empty array of strings, found a string"
            ),
            (
                #"{"StartAt": "Nope", "States": {"P": {"Type": "Pass", "End": true}}}"#,
                #"StartAt: the state "Nope" does not exist"#
            ),
            (
                #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Q"}}}"#,
                #"States.P.Next: the state "Q" does not exist"#
            ),
            (
                #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "P", "End": true}}}"#,
                "States.P: a state must have either Next or End: true, not both"
            ),
            (
                #"{"StartAt": "P", "States": {"P": {"Type": "Pass"}, "S": {"Type": "Succeed"}}}"#,
                "States.P: a state must have either Next or End: true; this one has neither"
            ),
            (
                #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "P"}}}"#,
                "States: no state ends this machine: one needs \"End\": true, or to be a Succeed or Fail state"
            ),
            (
                #"{"StartAt": "P", "States": {"P": {"Type": "Pas", "End": true}}}"#,
                "States.P.Type: expected one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map, found \"Pas\""
            ),
            (
                #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Retry": [], "End": true}}}"#,
                "States.P.Retry: Retry is not allowed in a Pass state"
            ),
            (
                #"{"StartAt": "P", "QueryLanguage": "JSONata", "States": {"P": {"Type": "Pass", "InputPath": "$", "End": true}}}"#,
                "States.P.InputPath: InputPath is not allowed in a JSONata state; JSONata states use Arguments, Output and {% %} expressions"
            ),
            (
                #"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "StringEquals": 1, "Next": "S"}]}, "S": {"Type": "Succeed"}}}"#,
                "States.C.Choices[0].StringEquals: expected a string, found a number"
            ),
            (
                #"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.a", "IsNull": true, "Next": "S"}, "Next": "S"}]}, "S": {"Type": "Succeed"}}}"#,
                "States.C.Choices[0].Not.Next: Next is allowed only in a top-level choice rule"
            ),
            (
                #"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "Next": "S"}]}, "S": {"Type": "Succeed"}}}"#,
                "States.C.Choices[0]: a choice rule with Variable needs a comparison operator such as StringEquals"
            ),
            (
                #"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "Elsewhere"}]}, "S": {"Type": "Succeed"}}}"#,
                #"States.C.Choices[0].Next: the state "Elsewhere" does not exist"#
            ),
            (
                #"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "P"}}}]}}}"#,
                #"States.P.Branches[0].States.B.Next: the state "P" does not exist in this scope (states cannot move into or out of a branch)"#
            ),
            (
                #"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}]}}}"#,
                #"States.P.Branches[0].States.P: the state name "P" is already used at States.P"#
            ),
            (
                #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "T"}, {"ErrorEquals": ["X"], "Next": "T"}]}}}"#,
                "States.T.Catch[0].ErrorEquals: States.ALL can appear only in the last retrier or catcher"
            ),
            (
                #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true, "TimeoutSeconds": 5, "HeartbeatSeconds": 5}}}"#,
                "States.T.HeartbeatSeconds: HeartbeatSeconds (5) must be smaller than TimeoutSeconds (5)"
            ),
            (
                #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true, "Retry": [{"ErrorEquals": ["X"], "BackoffRate": 0.5}]}}}"#,
                "States.T.Retry[0].BackoffRate: expected a number of at least 1.0, found a number"
            ),
            (
                #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true}}}"#,
                "States.W: Seconds and SecondsPath cannot both be given"
            ),
            (
                #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "End": true}}}"#,
                "States.W: a Wait state needs one of Seconds, SecondsPath, Timestamp or TimestampPath"
            ),
            (
                #"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "FAST"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}}}"#,
                #"States.M.ItemProcessor.ProcessorConfig.Mode: expected "INLINE" or "DISTRIBUTED", found "FAST""#
            ),
            (
                #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true, "ResultPath": "result"}}}"#,
                #"States.P.ResultPath: expected a path starting with '$' or null, found "result""#
            ),
            (
                #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true, "QueryLanguage": "JSONPath"}}, "QueryLanguage": "JSONata"}"#,
                "States.P.QueryLanguage: a state of a JSONata state machine cannot use JSONPath"
            ),
            (
                #"{"States": {"P": {"Type": "Pass", "End": true}}}"#,
                "the top level: the required field StartAt is missing"
            ),
            (#"[1]"#, "the top level: expected an object, found an array"),
        ])
    func reported(text: String, expected: String) throws {
        let found = try problems(text)
        #expect(found.contains(expected), "got \(found)")
    }

    @Test("all problems are reported together")
    func severalProblems() throws {
        let found = try problems(
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "X"}, "B": {"Type": "Task", "End": true}}}"#)
        #expect(found.count == 2)
        #expect(found.contains("States.B: the required field Resource is missing"))
        #expect(found.contains(#"States.A.Next: the state "X" does not exist"#))
    }

    @Test(
        "a field that cannot be read is reported once, not again as the states and endings it would have given",
        arguments: [
            (
                #"{"StartAt": "A", "States": {"A": {"Type": 7, "End": true}}}"#,
                ["States.A.Type: expected one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map, found 7"]
            ),
            (
                #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": "yes"}}}"#,
                ["States.A.End: expected a boolean, found a string"]
            ),
            (
                #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": 1}}}"#,
                ["States.B.End: expected a boolean, found a number"]
            ),
            (
                #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": []}}"#,
                ["States.B: expected a state object, found an array"]
            ),
            (
                // What is really wrong beside an unreadable state is still said.
                #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "C"}, "B": {"Type": 7}}}"#,
                [
                    "States.B.Type: expected one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map, found 7",
                    #"States.A.Next: the state "C" does not exist"#,
                ]
            ),
            (
                #"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "P", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": "x"}}}]}}}"#,
                [
                    "States.P.Branches[0].States.B.End: expected a boolean, found a string",
                    "States: no state ends this machine: one needs \"End\": true, or to be a Succeed or Fail state",
                ]
            ),
        ])
    func unreadableFieldsAreNotReportedTwice(text: String, expected: [String]) throws {
        #expect(try problems(text).sorted() == expected.sorted())
    }

    @Test("deeply nested machines are refused instead of overflowing the stack")
    func nestingBound() throws {
        var machine = #"{"StartAt": "L", "States": {"L": {"Type": "Pass", "End": true}}}"#
        for _ in 0..<60 {
            machine =
                #"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [\#(machine)]}}}"#
        }
        let found = try problems(machine)
        #expect(found.contains { $0.contains("nested more than") })
    }

    @Test("problems in a file carry line and column")
    func positions() throws {
        let text = """
            {
              "StartAt": "A",
              "States": {
                "A": {"Type": "Pass", "Next": "Missing"},
                "B": {"Type": "Succeed"}
              }
            }
            """
        #expect {
            try StateMachineDefinition(parsing: text, name: "machine.asl.json")
        } throws: { error in
            (error as? DefinitionError)?.description
                == #"machine.asl.json:4:35: States.A.Next: the state "Missing" does not exist"#
        }
    }

    @Test("unreadable and malformed files are reported as such")
    func unreadable() {
        #expect {
            try DefinitionDocument.load(path: "/nonexistent/machine.asl.json")
        } throws: { error in
            guard case InputError.unreadable(let file, _) = error else { return false }
            return file == "/nonexistent/machine.asl.json"
        }
        #expect {
            try StateMachineDefinition(parsing: #"{"StartAt": "#, name: "broken.json")
        } throws: { error in
            guard case DefinitionError.unreadable(.malformedJSON) = error else { return false }
            return true
        }
    }
}
