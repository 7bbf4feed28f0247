import ASLExpressions
import RetraceCore
import Testing

@Suite("Line separators in JSON text")
struct JSONataLineSeparatorTests {
    @Test func stringifyLeavesThemAsJavaScriptDoes() throws {
        let harness = try JSONataHarness.context(#"{"text": "a\u2028b"}"#)
        let value = try harness.value("$string($)")
        #expect(value == .string("{\"text\":\"a\u{2028}b\"}"))
    }

    @Test func reportsEscapeThem() {
        let value = JSONValue.object(JSONObject([("text", .string("a\u{2028}b"))]))
        #expect(value.serialized() == #"{"text":"a\u2028b"}"#)
    }
}
