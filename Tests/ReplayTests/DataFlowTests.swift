import ASLExpressions
import Replay
import RetraceCore
import StepFunctions
import Testing

@Suite("InputPath, ResultPath and OutputPath")
struct DataFlowTests {
    let input: JSONValue

    init() throws {
        input = try json(#"{"a": {"b": 1}, "list": [1, 2, 3], "text": "hi"}"#)
    }

    func select(_ setting: PathSetting?) throws -> JSONValue {
        try DataFlow.select(setting, from: input, environment: ExpressionEnvironment(input: .null))
    }

    @Test("InputPath and OutputPath: absent keeps, null gives {}, a path selects")
    func selection() throws {
        #expect(try select(nil) == input)
        #expect(try select(.null) == json("{}"))
        #expect(try select(.path("$")) == input)
        #expect(try select(.path("$.a")) == json(#"{"b": 1}"#))
        #expect(try select(.path("$.list[*]")) == json("[1, 2, 3]"))
        #expect(try select(.path("$.list[?(@ > 1)]")) == json("[]"))
    }

    @Test("a missing InputPath or OutputPath fails with AWS's wording")
    func selectionMissing() throws {
        #expect {
            try select(.path("$.no.such.result.path"))
        } throws: { error in
            guard let error = error as? DataFlowError else { return false }
            return error.statesError == "States.Runtime"
                && error.description == "Invalid path '$.no.such.result.path' : Missing property in path $['no']"
        }
    }

    @Test("OutputPath may read the context object")
    func selectionContext() throws {
        let env = ExpressionEnvironment(input: .null, context: try json(#"{"State": {"Name": "S"}}"#))
        #expect(try DataFlow.select(.path("$$.State.Name"), from: input, environment: env) == .string("S"))
    }

    @Test(
        "ResultPath places the result",
        arguments: [
            (PathSetting?.none, #"{"r": 0}"#),
            (PathSetting.path("$"), #"{"r": 0}"#),
            (PathSetting.null, #"{"a": {"b": 1}, "list": [1, 2, 3], "text": "hi"}"#),
            (PathSetting.path("$.result"), #"{"a": {"b": 1}, "list": [1, 2, 3], "text": "hi", "result": {"r": 0}}"#),
            (PathSetting.path("$.a.b"), #"{"a": {"b": {"r": 0}}, "list": [1, 2, 3], "text": "hi"}"#),
            (PathSetting.path("$.a.c"), #"{"a": {"b": 1, "c": {"r": 0}}, "list": [1, 2, 3], "text": "hi"}"#),
            (
                PathSetting.path("$.x.y.z"),
                #"{"a": {"b": 1}, "list": [1, 2, 3], "text": "hi", "x": {"y": {"z": {"r": 0}}}}"#
            ),
            (PathSetting.path("$.list[1]"), #"{"a": {"b": 1}, "list": [1, {"r": 0}, 3], "text": "hi"}"#),
            (
                PathSetting.path("$['a']['new key']"),
                #"{"a": {"b": 1, "new key": {"r": 0}}, "list": [1, 2, 3], "text": "hi"}"#
            ),
        ])
    func resultPath(setting: PathSetting?, expected: String) throws {
        let output = try DataFlow.applyResultPath(setting, result: json(#"{"r": 0}"#), input: input)
        #expect(output == (try json(expected)))
    }

    @Test("ResultPath keeps the input's member order and appends new members")
    func resultPathOrder() throws {
        let output = try DataFlow.applyResultPath(.path("$.z"), result: .integer(1), input: input)
        #expect(output.objectValue?.keys == ["a", "list", "text", "z"])
    }

    @Test(
        "ResultPath that does not fit the input fails",
        arguments: ["$.text.x", "$.list[7]", "$.a.b.c", "$.list.x"])
    func resultPathMismatch(path: String) throws {
        #expect {
            try DataFlow.applyResultPath(.path(path), result: .integer(1), input: input)
        } throws: { error in
            guard let error = error as? DataFlowError, case .resultPathMismatch(let reported, _, _) = error else {
                return false
            }
            return reported == path && error.statesError == "States.ResultPathMatchFailure"
        }
    }

    @Test("ResultPath must be a reference path from $", arguments: ["$.a[*]", "$..b", "$$.Execution", "$var.x"])
    func resultPathInvalid(path: String) {
        #expect(throws: DataFlowError.self) {
            try DataFlow.applyResultPath(.path(path), result: .integer(1), input: input)
        }
    }

    @Test("ResultPath on a non-object input at the top fails unless it replaces it")
    func resultPathOnScalarInput() throws {
        #expect(try DataFlow.applyResultPath(.path("$"), result: .integer(1), input: .string("x")) == .integer(1))
        #expect(throws: DataFlowError.self) {
            try DataFlow.applyResultPath(.path("$.a"), result: .integer(1), input: .string("x"))
        }
    }
}
