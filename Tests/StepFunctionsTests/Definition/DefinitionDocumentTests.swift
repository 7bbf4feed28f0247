import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

@Suite("Definitions from YAML and CloudFormation / SAM templates")
struct DefinitionDocumentTests {
    private func fixture(_ name: String) -> String {
        PackagePaths.fixture("definitions/\(name)", target: "StepFunctionsTests").path
    }

    @Test func yamlShortFormsBecomeLongForms() throws {
        let value = try YAMLDocument.parse(
            """
            a: !Ref Bucket
            b: !GetAtt Role.Arn
            c: !Sub "arn:${AWS::Partition}:s3:::x"
            d: [1, 2.5, true, null, "7"]
            e: !Join [",", [x, !Ref Y]]
            """, file: "t.yaml")
        #expect(value["a"] == .object(JSONObject([("Ref", .string("Bucket"))])))
        #expect(value["b"] == .object(JSONObject([("Fn::GetAtt", .array([.string("Role"), .string("Arn")]))])))
        #expect(value["c"]?["Fn::Sub"] == .string("arn:${AWS::Partition}:s3:::x"))
        #expect(value["d"] == .array([.integer(1), .number(2.5), .bool(true), .null, .string("7")]))
        #expect(value["e"]?["Fn::Join"]?.arrayValue?.count == 2)
    }

    @Test func badYAMLNamesTheLine() {
        #expect(throws: InputError.self) { try YAMLDocument.parse("a:\n  b: [1, 2\n", file: "bad.yaml") }
        do {
            _ = try YAMLDocument.parse("a:\n  b: [1, 2\n", file: "bad.yaml")
        } catch {
            #expect("\(error)".hasPrefix("bad.yaml:3:1: not valid YAML:"), "\(error)")
        }
        let deep = String(repeating: "[", count: 2_000) + String(repeating: "]", count: 2_000)
        #expect(throws: (any Error).self) { try YAMLDocument.parse(deep, file: "deep.yaml") }
    }

    /// YAML 1.1's base-60 integers are read, and one too large for 64 bits is refused where it stands: Yams's own
    /// reading of them traps on overflow (a fuzzer's input, `Fuzz/Regressions/definition/`).
    @Test func baseSixtyIntegersAreReadAndTheirOverflowRefused() throws {
        let value = try YAMLDocument.parse("a: 1:30\nb: -2:00:00\nc: 1_000:05\nd: 190:20:30\n", file: "t.yaml")
        #expect(value["a"] == .integer(90))
        #expect(value["b"] == .integer(-7_200))
        #expect(value["c"] == .integer(60_005))
        #expect(value["d"] == .integer(685_230))
        #expect(
            try YAMLDocument.parse("2:2:2:22:2:2:22:2:2:2:2", file: "t.yaml") == .integer(1_229_876_516_272_759_322))
        let tooLarge = "Seconds: " + Array(repeating: "2", count: 15).joined(separator: ":") + "\n"
        do {
            _ = try YAMLDocument.parse(tooLarge, file: "big.yaml")
            Issue.record("an integer over 64 bits was accepted")
        } catch {
            #expect("\(error)".hasPrefix("big.yaml:1:10: not valid YAML: the base-60 integer"), "\(error)")
        }
    }

    @Test(arguments: ["sam_definition_body.yaml", "cfn_definition_string.yaml"])
    func findsTheStateMachineInTemplates(name: String) throws {
        let definition = try DefinitionDocument.load(path: fixture(name))
        #expect(definition.startAt == "FailState")
    }

    @Test func joinedDefinitionStringsAreReassembled() throws {
        let template = try JSONValue.parse(
            #"{"Resources": {"M": {"Properties": {"DefinitionString": {"Fn::Join": ["", ["{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Result\": \"", {"Ref": "Stage"}, "\", \"End\": true}}}"]]}}}}}"#
        )
        let definition = try DefinitionDocument.definition(in: template, file: "t.json")
        #expect(definition.startAt == "A")
    }

    @Test func filesWithoutADefinitionSaySo() {
        #expect(throws: DefinitionError.noDefinition(file: "t.json")) {
            _ = try DefinitionDocument.definition(
                in: .object(JSONObject([("Resources", .object(JSONObject()))])), file: "t.json")
        }
    }
}
