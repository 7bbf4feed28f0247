import ASLExpressions
import RetraceCore
import Testing

@Suite("Payload templates")
struct PayloadTemplateTests {
    let resolver = PayloadTemplate()

    func resolve(_ template: String, input: String = #"{"a": {"b": [1, 2]}, "s": "x"}"#) throws -> JSONValue {
        try resolver.resolve(
            json(template),
            in: environment(input, context: #"{"Map": {"Item": {"Value": "v", "Index": 0}}}"#, variables: ["v": "5"]))
    }

    @Test("`.$` fields take paths, context paths, variables and intrinsics; others stay as written")
    func resolution() throws {
        let resolved = try resolve(
            """
            {"static": "$.not.a.path", "path.$": "$.a.b", "each.$": "$.a.b[*]", "ctx.$": "$$.Map.Item.Value",
             "var.$": "$v", "fn.$": "States.Format('{}-{}', $.s, $v)", "whole.$": "$", "n": 3, "nul": null}
            """)
        #expect(
            resolved
                == (try json(
                    """
                    {"static": "$.not.a.path", "path": [1, 2], "each": [1, 2], "ctx": "v", "var": 5, "fn": "x-5",
                     "whole": {"a": {"b": [1, 2]}, "s": "x"}, "n": 3, "nul": null}
                    """)))
        #expect(resolved.objectValue?.keys.first == "static")
    }

    @Test("templates nested in objects and arrays are resolved too")
    func nesting() throws {
        let resolved = try resolve(
            #"{"outer": {"inner.$": "$.s"}, "list": [{"x.$": "$.s"}, "plain", [{"y.$": "$v"}]]}"#)
        #expect(resolved == (try json(#"{"outer": {"inner": "x"}, "list": [{"x": "x"}, "plain", [{"y": 5}]]}"#)))
    }

    @Test("non-object templates are returned as they are")
    func scalars() throws {
        #expect(try resolve("[0]") == json("[0]"))
        #expect(try resolve(#""$.s""#) == .string("$.s"))
    }

    @Test("a missing path fails with AWS's message naming the field")
    func missing() throws {
        #expect {
            try resolve(#"{"value.$": "$.no_such_jsonpath"}"#, input: #"{"k": 1}"#)
        } throws: { error in
            guard let error = error as? PayloadTemplateError else { return false }
            return error.statesError == "States.Runtime"
                && error.description
                    == "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in "
                    + #"the input '{"k":1}'"#
        }
    }

    @Test(
        "invalid fields are refused",
        arguments: [
            #"{"x.$": 3}"#, #"{"x.$": "not a path"}"#, #"{"x": 1, "x.$": "$.s"}"#, #"{"x.$": "$.a[["}"#,
            #"{"x.$": "$undefined"}"#,
        ])
    func invalid(template: String) {
        #expect(throws: PayloadTemplateError.self) { try resolve(template) }
    }

    @Test("intrinsic failures keep their error name")
    func intrinsicFailure() {
        #expect {
            try resolve(#"{"x.$": "States.ArrayLength($.s)"}"#)
        } throws: { error in
            (error as? PayloadTemplateError)?.statesError == "States.IntrinsicFailure"
        }
    }

    @Test("a key of just `.$` is an ordinary key")
    func bareSuffix() throws {
        #expect(try resolve(#"{".$": "$.s"}"#) == json(#"{".$": "$.s"}"#))
    }
}
