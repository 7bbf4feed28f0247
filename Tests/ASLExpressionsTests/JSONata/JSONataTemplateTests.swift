import ASLExpressions
import RetraceCore
import Testing

@Suite("JSONata templates in state fields")
struct JSONataTemplateTests {
    private let bindings = JSONataBindings.states(
        input: .object(JSONObject([("title", .string("Doctor")), ("items", .array([.integer(1), .integer(2)]))])),
        variables: ["customerName": .string("María")])

    @Test func evaluatesExpressionsAnywhereAndKeepsTheRest() throws {
        // The conversion example of the Step Functions guide, extended with arrays and nesting.
        let template = try JSONataTemplate(
            try json(
                """
                {
                  "static": "Hello",
                  "title": "{% $states.input.title %}",
                  "name": "{% $customerName %}",
                  "not-evaluated": "$customerName",
                  "padded": " {% $customerName %}",
                  "list": ["{% $count($states.input.items) %}", 7, {"deep": "{%$states.input.items[1]%}"}],
                  "{% 'keys are not evaluated' %}": null
                }
                """), field: "Arguments")
        #expect(
            template.expressions.map(\.location) == [
                "Arguments/title", "Arguments/name", "Arguments/list/0", "Arguments/list/2/deep",
            ])
        #expect(
            template.expressions.map(\.text) == [
                "$states.input.title", "$customerName", "$count($states.input.items)", "$states.input.items[1]",
            ])
        let result = try template.evaluate(bindings)
        #expect(
            result
                == (try json(
                    """
                    {
                      "static": "Hello", "title": "Doctor", "name": "María", "not-evaluated": "$customerName",
                      "padded": " {% $customerName %}", "list": [2, 7, {"deep": 2}],
                      "{% 'keys are not evaluated' %}": null
                    }
                    """)))
    }

    @Test func wholeFieldExpressionGivesAnyValue() throws {
        let template = try JSONataTemplate(.string("{% $states.input.items %}"), field: "Items")
        #expect(try template.evaluate(bindings) == .array([.integer(1), .integer(2)]))
        let condition = try JSONataTemplate(.string("{% $states.input.title = 'Doctor' %}"), field: "Condition")
        #expect(try condition.evaluate(bindings) == .bool(true))
        let constant = try JSONataTemplate(.integer(5), field: "TimeoutSeconds")
        #expect(!constant.hasExpressions)
        #expect(try constant.evaluate(bindings) == .integer(5))
    }

    @Test(arguments: ["{%%}", "{% %}", "{%", "%}", "{%}", "{ % 1 % }", "{%1%} "])
    func onlyWholeDelimitedStringsAreExpressions(text: String) throws {
        let expected: String? = ["{%%}", "{% %}"].contains(text) ? "" : nil
        #expect(JSONataTemplate.expressionText(text) == expected)
    }

    @Test func undefinedResultFailsAsStepFunctionsDoes() throws {
        let template = try JSONataTemplate(
            try json("{\"result\": \"{% $doesNotExist %}\", \"ok\": 1}"), field: "Output")
        #expect(throws: JSONataTemplateError.undefinedResult(location: "Output/result", expression: "$doesNotExist")) {
            try template.evaluate(bindings)
        }
        let omitted = try template.evaluate(bindings, undefined: .omit)
        #expect(omitted == (try json("{\"ok\": 1}")))
        let inArray = try JSONataTemplate(try json("[1, \"{% $nothing %}\", 3]"), field: "Output")
        #expect(try inArray.evaluate(bindings, undefined: .omit) == (try json("[1, 3]")))
        let whole = try JSONataTemplate(.string("{% $nothing %}"), field: "Arguments")
        #expect(throws: JSONataTemplateError.undefinedResult(location: "Arguments", expression: "$nothing")) {
            try whole.evaluate(bindings, undefined: .omit)
        }
    }

    @Test func evaluationErrorsCarryLocationAndStepFunctionsCause() throws {
        let template = try JSONataTemplate(
            try json("{\"FunctionResult\": \"{% $randomSeeded(1) %}\"}"), field: "Output")
        do {
            _ = try template.evaluate(bindings)
            Issue.record("expected a failure")
        } catch {
            #expect(error.location == "Output/FunctionResult")
            #expect(error.jsonataError?.code == "T1006")
            #expect(error.stepFunctionsErrorName == "States.QueryEvaluationError")
            #expect(
                error.stepFunctionsCause(state: "State_0", enteredEventID: 2)
                    == "An error occurred while executing the state 'State_0' (entered at the event id #2). "
                    + "The JSONata expression '$randomSeeded(1)' specified for the field 'Output/FunctionResult' "
                    + "threw an error during evaluation. T1006: Attempted to invoke a non-function")
            #expect(
                error.description
                    == "Output/FunctionResult: the JSONata expression '$randomSeeded(1)' failed: T1006 at 1:1: Attempted to invoke a non-function"
            )
        }
    }

    @Test func invalidExpressionsAreFoundWhenTheTemplateIsMade() throws {
        #expect(throws: JSONataTemplateError.self) {
            try JSONataTemplate(try json("{\"a\": [\"{% (1 %}\"]}"), field: "Output")
        }
        let value = try json("{\"a\": \"{% $x.%.y %}\"}")
        do {
            _ = try JSONataTemplate(value, field: "Arguments")
            Issue.record("expected a failure")
        } catch {
            #expect(error.location == "Arguments/a")
            // No step before `$x` can be the parent `%` asks for.
            #expect(
                error.jsonataError?.description
                    == "S0217 at 1:1: The object representing the 'parent' cannot be derived from this expression")
        }
    }
}
