import ASLExpressions
import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// The corpus folder: `$RETRACE_CORPUS/stepfunctions`, or `../shared/corpus/stepfunctions` beside the package.
private let corpusFolder: URL = {
    if let root = ProcessInfo.processInfo.environment["RETRACE_CORPUS"], !root.isEmpty {
        return URL(fileURLWithPath: root).appendingPathComponent("stepfunctions")
    }
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/stepfunctions")
}()

private let corpusDefinitions: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: corpusFolder.path)) ?? []
    return files.filter { $0.hasSuffix(".asl.json") }.sorted()
}()

@Suite("Static checks of paths and intrinsics in definitions")
struct DefinitionExpressionCheckTests {
    func problems(_ text: String) throws -> [String] {
        let definition = try StateMachineDefinition(parsing: JSONValue.parse(text))
        return DefinitionExpressionCheck.problems(in: definition).map(\.description)
    }

    @Test("valid expressions pass")
    func valid() throws {
        let found = try problems(
            """
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "InputPath": "$.a[?(@.b > 1)]", "OutputPath": "$..c", "ResultPath": "$.r[0]",
                    "Parameters": {"x.$": "States.Format('{}', $.a)", "y": [{"z.$": "$$.Execution.Id"}]},
                    "Assign": {"v.$": "$.a"}, "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Variable": "$v", "StringEqualsPath": "$.w", "Next": "F"}],
                    "Default": "F"},
              "F": {"Type": "Fail", "ErrorPath": "States.Format('E{}', $.n)", "CausePath": "$.cause"}}}
            """)
        #expect(found.isEmpty, "\(found)")
    }

    @Test(
        "invalid expressions are reported at their field",
        arguments: [
            (#""InputPath": "$.a[", "End": true"#, "States.P.InputPath: "),
            (#""ResultPath": "$.a[*]", "End": true"#, "States.P.ResultPath: "),
            (#""ResultPath": "$$.Execution", "End": true"#, "States.P.ResultPath: a ResultPath must start with '$'"),
            (#""Parameters": {"x.$": "States.Nope()"}, "End": true"#, "States.P.Parameters[\"x.$\"]: "),
            (#""Parameters": {"a": [{"x.$": 5}]}, "End": true"#, "States.P.Parameters.a[0][\"x.$\"]: expected a path"),
            (#""Assign": {"x.$": "$..["}, "End": true"#, "States.P.Assign[\"x.$\"]: "),
        ])
    func invalid(fields: String, prefix: String) throws {
        let found = try problems(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", \#(fields)}}}"#)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix(prefix) == true, "\(found)")
    }

    @Test("Choice variables must be reference paths")
    func choiceVariables() throws {
        let found = try problems(
            """
            {"StartAt": "C", "States": {"C": {"Type": "Choice", "Default": "S", "Choices": [
              {"Not": {"Variable": "$.a[*]", "IsPresent": true}, "Next": "S"}]}, "S": {"Type": "Succeed"}}}
            """)
        #expect(found == ["States.C.Choices[0].Not.Variable: \(JSONPathError.notAReferencePath(path: "$.a[*]"))"])
    }

    @Test(
        "every corpus definition's paths and intrinsics are valid",
        .enabled(if: !corpusDefinitions.isEmpty, Comment(rawValue: Corpus.missingMessage)),
        arguments: corpusDefinitions)
    func corpus(file: String) throws {
        let definition = try DefinitionDocument.load(path: corpusFolder.appendingPathComponent(file).path)
        let found = DefinitionExpressionCheck.problems(in: definition)
        #expect(found.isEmpty, "\(found)")
    }
}
