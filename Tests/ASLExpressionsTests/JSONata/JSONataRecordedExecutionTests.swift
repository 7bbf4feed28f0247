import ASLExpressions
import RetraceCore
import RetraceTestSupport
import Testing

/// Checks the engine against the corpus: every expression in the recorded definitions, and the values and
/// errors AWS recorded around JSONata fields.
@Suite(
    "JSONata against recorded Step Functions executions",
    .enabled(if: RecordedStepFunctionsCorpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
struct JSONataRecordedExecutionTests {
    /// Expressions of the corpus that use a feature left out on purpose (none so far).
    static let deliberatelyUnsupported: Set<String> = []

    @Test func everyCorpusExpressionParses() throws {
        var checked = 0
        for name in try RecordedStepFunctionsCorpus.definitionNames() {
            for string in RecordedStepFunctionsCorpus.expressions(in: try RecordedStepFunctionsCorpus.definition(name))
            {
                let text = try #require(JSONataTemplate.expressionText(string))
                checked += 1
                do throws(JSONataError) {
                    _ = try JSONataExpression(text)
                } catch {
                    guard case .unsupportedFeature = error, Self.deliberatelyUnsupported.contains(text) else {
                        Issue.record("\(name): '\(text)' does not parse: \(error)")
                        continue
                    }
                }
            }
        }
        #expect(
            checked >= 40, "the corpus held \(checked) expressions; expected the 41 recorded when this test was written"
        )
    }

    // MARK: - Errors recorded by AWS

    /// Each case: history, state, field, the template as the definition has it, and the input's event id.
    @Test(arguments: [
        ("ls_assign_assign_reference_variables__undefined_reference_BASE_UNDEFINED_ARGUMENTS", "State0", "Arguments"),
        (
            "ls_assign_assign_reference_variables__undefined_reference_BASE_UNDEFINED_OUTPUT_MULTIPLE_STATES", "State2",
            "Output"
        ),
        ("ls_intrinsic_functions_math_operations_jsonata__math_random_seeded__exec_hist_resp_0", "State_0", "Output"),
        ("ls_states_variables_error_output__map_catch_error_MAP_CATCH_ERROR_OUTPUT_WITH_RETRY", "Fallback", "Output"),
    ])
    func evaluationFailuresMatchTheRecordedCause(history: String, stateName: String, field: String) throws {
        let definition = try RecordedStepFunctionsCorpus.definition(history)
        let state = try #require(RecordedStepFunctionsCorpus.state(stateName, in: definition))
        let events = try RecordedStepFunctionsCorpus.events(history)
        let failure = try #require(events.first { RecordedStepFunctionsCorpus.type($0) == "EvaluationFailed" })
        let details = try #require(RecordedStepFunctionsCorpus.details(failure))
        let failureID = try #require(failure["id"].flatMap { $0.doubleValue })
        // The state was entered by the last StateEntered event before the failure.
        let entered = try #require(
            events.last {
                RecordedStepFunctionsCorpus.type($0).hasSuffix("StateEntered")
                    && ($0["id"]?.doubleValue ?? 0) < failureID
            }
        )
        let enteredID = Int(try #require(entered["id"]?.doubleValue))
        let input = try #require(
            RecordedStepFunctionsCorpus.payload(RecordedStepFunctionsCorpus.details(entered)?["input"]))

        let template = try JSONataTemplate(try #require(state[field]), field: field)
        do {
            let value = try template.evaluate(JSONataBindings.states(input: input))
            Issue.record("expected the failure AWS recorded, got \(value)")
        } catch {
            #expect(error.location == details["location"]?.stringValue)
            #expect(error.stepFunctionsErrorName == details["error"]?.stringValue)
            #expect(
                error.stepFunctionsCause(state: stateName, enteredEventID: enteredID) == details["cause"]?.stringValue)
        }
    }

    // MARK: - Values recorded by AWS

    @Test func outputOfPassStateMatches() throws {
        let history = "ls_scenarios_base_scenarios__map_state_items_input_array_empty"
        let state = try #require(
            RecordedStepFunctionsCorpus.state("Start", in: try RecordedStepFunctionsCorpus.definition(history)))
        let events = try RecordedStepFunctionsCorpus.events(history)
        let entered = try #require(events.first { RecordedStepFunctionsCorpus.type($0) == "PassStateEntered" })
        let exited = try #require(events.first { RecordedStepFunctionsCorpus.type($0) == "PassStateExited" })
        let input = try #require(
            RecordedStepFunctionsCorpus.payload(RecordedStepFunctionsCorpus.details(entered)?["input"]))
        let template = try JSONataTemplate(try #require(state["Output"]), field: "Output")
        #expect(
            try template.evaluate(JSONataBindings.states(input: input))
                == RecordedStepFunctionsCorpus.payload(RecordedStepFunctionsCorpus.details(exited)?["output"]))
    }

    /// A `Catch` with a JSONata `Output`: the state's output is the catcher's Output evaluated with
    /// `$states.errorOutput` = `{"Error": …, "Cause": …}` built from the task failure.
    @Test(arguments: [
        ("ls_error_handling_aws_sdk__s3_no_such_key", "StartState"),
        ("ls_states_variables_error_output__map_catch_error_MAP_CATCH_ERROR_OUTPUT", "ProcessItem"),
        ("ls_states_variables_error_output__map_catch_error_MAP_CATCH_ERROR_OUTPUT_WITH_RETRY", "ProcessItem"),
    ])
    func catcherOutputMatches(history: String, stateName: String) throws {
        let state = try #require(
            RecordedStepFunctionsCorpus.state(stateName, in: try RecordedStepFunctionsCorpus.definition(history)))
        let catcher = try #require(state["Catch"]?.arrayValue?.first)
        let template = try JSONataTemplate(try #require(catcher["Output"]), field: "Catch/Output")
        var input: JSONValue?
        var errorOutput: JSONValue?
        var compared = 0
        for event in try RecordedStepFunctionsCorpus.events(history) {
            let details = RecordedStepFunctionsCorpus.details(event)
            switch RecordedStepFunctionsCorpus.type(event) {
            case "TaskStateEntered" where details?["name"]?.stringValue == stateName:
                input = RecordedStepFunctionsCorpus.payload(details?["input"])
                errorOutput = nil
            case "TaskFailed":
                // The recorded cause was decoded by the snapshot tool; the service passes it on as JSON text.
                let cause = details?["cause"].map { $0.stringValue ?? $0.serialized() }
                errorOutput = .object(
                    JSONObject([("Error", details?["error"] ?? .null), ("Cause", cause.map(JSONValue.string) ?? .null)])
                )
            case "TaskStateExited" where details?["name"]?.stringValue == stateName:
                guard let input, let errorOutput else { continue }
                let result = try template.evaluate(JSONataBindings.states(input: input, errorOutput: errorOutput))
                #expect(result == RecordedStepFunctionsCorpus.payload(details?["output"]))
                compared += 1
            default: break
            }
        }
        #expect(compared > 0, "no caught failure found in \(history)")
    }

    /// `Arguments`, `Assign` and `Condition` of a polling loop, against the parameters, variables and choices
    /// the service recorded on each turn.
    @Test func pollingLoopMatchesEveryTurn() throws {
        let history = "ls_local_mocking_base_scenarios__numbered_mock_responses_multiple_success_invocations"
        let definition = try RecordedStepFunctionsCorpus.definition(history)
        let task = try #require(RecordedStepFunctionsCorpus.state("LambdaState", in: definition))
        let choice = try #require(RecordedStepFunctionsCorpus.state("CheckCompleted", in: definition))
        let arguments = try JSONataTemplate(try #require(task["Arguments"]), field: "Arguments")
        let assign = try JSONataTemplate(try #require(task["Assign"]), field: "Assign")
        let condition = try JSONataTemplate(
            try #require(choice["Choices"]?.arrayValue?.first?["Condition"]), field: "Condition")
        var variables: [String: JSONValue] = [:]
        var input = JSONValue.object(JSONObject())
        var turns = 0
        var choices: [Bool] = []
        for event in try RecordedStepFunctionsCorpus.events(history) {
            let details = RecordedStepFunctionsCorpus.details(event)
            switch RecordedStepFunctionsCorpus.type(event) {
            case "TaskStateEntered": input = RecordedStepFunctionsCorpus.payload(details?["input"]) ?? input
            case "TaskScheduled":
                let parameters = try arguments.evaluate(JSONataBindings.states(input: input, variables: variables))
                #expect(parameters == details?["parameters"])
                turns += 1
            case "TaskSucceeded":
                let result = try #require(RecordedStepFunctionsCorpus.payload(details?["output"]))
                let assigned = try assign.evaluate(
                    JSONataBindings.states(input: input, result: result, variables: variables))
                for (name, value) in assigned.objectValue ?? JSONObject() { variables[name] = value }
            case "TaskStateExited":
                // Assigned variables are recorded as JSON text.
                for (name, text) in details?["assignedVariables"]?.objectValue ?? JSONObject() {
                    #expect(variables[name] == RecordedStepFunctionsCorpus.payload(text))
                }
            case "ChoiceStateExited":
                let verdict = try condition.evaluate(JSONataBindings.states(input: input, variables: variables))
                choices.append(verdict == .bool(true))
            default: break
            }
        }
        #expect(turns == 2)
        #expect(choices == [false, true], "the loop ran once more, then finished")
    }

    @Test func argumentsAndCredentialsMatchTheScheduledTask() throws {
        let history = "ls_credentials_credentials_base__cross_account_service_lambda_invoke_retry"
        let task = try #require(
            RecordedStepFunctionsCorpus.state("InvokeLambda", in: try RecordedStepFunctionsCorpus.definition(history)))
        let events = try RecordedStepFunctionsCorpus.events(history)
        let entered = try #require(events.first { RecordedStepFunctionsCorpus.type($0) == "TaskStateEntered" })
        let bindings = JSONataBindings.states(
            input: try #require(RecordedStepFunctionsCorpus.details(entered)?["input"]))
        let scheduled = events.filter { RecordedStepFunctionsCorpus.type($0) == "TaskScheduled" }.compactMap(
            RecordedStepFunctionsCorpus.details)
        #expect(scheduled.count == 3)
        let arguments = try JSONataTemplate(try #require(task["Arguments"]), field: "Arguments").evaluate(bindings)
        let credentials = try JSONataTemplate(try #require(task["Credentials"]), field: "Credentials").evaluate(
            bindings)
        for details in scheduled {
            #expect(arguments == details["parameters"])
            #expect(credentials["RoleArn"] == details["taskCredentials"]?["roleArn"])
        }
    }

    @Test(arguments: [
        ("ls_scenarios_base_scenarios__fail_cause_jsonata", "Cause", "cause"),
        ("ls_scenarios_base_scenarios__fail_error_jsonata", "Error", "error"),
    ])
    func failStateFieldsMatch(history: String, field: String, recorded: String) throws {
        let state = try #require(
            RecordedStepFunctionsCorpus.state("FailState", in: try RecordedStepFunctionsCorpus.definition(history)))
        let events = try RecordedStepFunctionsCorpus.events(history)
        let entered = try #require(events.first { RecordedStepFunctionsCorpus.type($0) == "FailStateEntered" })
        let failed = try #require(events.first { RecordedStepFunctionsCorpus.type($0) == "ExecutionFailed" })
        let input = try #require(RecordedStepFunctionsCorpus.details(entered)?["input"])
        let value = try JSONataTemplate(try #require(state[field]), field: field).evaluate(
            JSONataBindings.states(input: input))
        #expect(value == RecordedStepFunctionsCorpus.details(failed)?[recorded])
    }

    @Test(arguments: [
        (
            "ls_scenarios_base_scenarios__choice_singleton_composite_CHOICE_STATE_SINGLETON_COMPOSITE_LITERAL_JSONATA",
            "Choice", "Success"
        ),
        ("ls_outputdecl_output__output_in_choice_CONDITION_FALSE", "ChoiceState", "DefaultState"),
    ])
    func choiceConditionsPickTheRecordedBranch(history: String, stateName: String, taken: String) throws {
        let state = try #require(
            RecordedStepFunctionsCorpus.state(stateName, in: try RecordedStepFunctionsCorpus.definition(history)))
        let rule = try #require(state["Choices"]?.arrayValue?.first)
        let events = try RecordedStepFunctionsCorpus.events(history)
        let entered = try #require(events.first { RecordedStepFunctionsCorpus.type($0) == "ChoiceStateEntered" })
        let input = try #require(
            RecordedStepFunctionsCorpus.payload(RecordedStepFunctionsCorpus.details(entered)?["input"]))
        let verdict = try JSONataTemplate(try #require(rule["Condition"]), field: "Condition")
            .evaluate(JSONataBindings.states(input: input))
        let next = verdict == .bool(true) ? rule["Next"]?.stringValue : state["Default"]?.stringValue
        #expect(next == taken)
        let enteredNext = events.contains {
            RecordedStepFunctionsCorpus.details($0)?["name"]?.stringValue == taken
                && RecordedStepFunctionsCorpus.type($0).hasSuffix("StateEntered")
        }
        #expect(enteredNext, "the history shows \(taken) entered")
    }

    @Test func assignedLiteralMatchesTheRecordedVariable() throws {
        let history = "ls_scenarios_base_scenarios__map_state_items_eval_jsonata_variable_sampling_fail_number"
        let state = try #require(
            RecordedStepFunctionsCorpus.state("Start", in: try RecordedStepFunctionsCorpus.definition(history)))
        let exited = try #require(
            try RecordedStepFunctionsCorpus.events(history).first {
                RecordedStepFunctionsCorpus.type($0) == "PassStateExited"
            })
        let assigned = try JSONataTemplate(try #require(state["Assign"]), field: "Assign")
            .evaluate(JSONataBindings.states(input: .object(JSONObject())))
        #expect(
            assigned["ItemsVar"]
                == RecordedStepFunctionsCorpus.payload(
                    RecordedStepFunctionsCorpus.details(exited)?["assignedVariables"]?["ItemsVar"]))
        #expect(assigned["ItemsVar"] == .integer(1))
    }
}
