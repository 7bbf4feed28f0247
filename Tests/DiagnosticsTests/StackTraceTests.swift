import Diagnostics
import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// Each Lambda runtime's error shape, as its documentation shows it: the report must point at the line that raised
/// the error (the last frame in Python, the first in the others) and at the handler when that is another frame.
@Suite struct StackTraceTests {
    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var runtime: String
        var raised: String
        var handler: String?
        var summary: String
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(
            file: "python.json", runtime: "python", raised: "records.py:88 in parse_record",
            handler: "handler.py:41 in handler", summary: "ValueError: Invalid timestamp '2026-13-01T00:00:00Z'"),
        Case(
            file: "python-botocore.json", runtime: "python", raised: "store.py:30 in save",
            handler: "app.py:12 in lambda_handler",
            summary: "ConditionalCheckFailedException: An error occurred (ConditionalCheckFailedException)"),
        Case(
            file: "node.json", runtime: "node", raised: "lib/rows.mjs:17 in toRow",
            handler: "index.mjs:9 in Runtime.handler", summary: "TypeError: Cannot read properties of undefined"),
        Case(
            file: "node-commonjs.json", runtime: "node", raised: "index.js:2 in Runtime.exports.handler", handler: nil,
            summary: "ReferenceError: x is not defined"),
        Case(
            file: "java.json", runtime: "java",
            raised: "OrderValidator.java:57 in com.example.orders.OrderValidator.validate",
            handler: "Handler.java:11 in com.example.orders.Handler.handleRequest",
            summary: "java.lang.IllegalStateException: Order 42 has no lines"),
        Case(
            file: "java-chained.json", runtime: "java", raised: "Manifest.java:74 in com.example.batch.Manifest.load",
            handler: "Handler.java:29 in com.example.batch.Handler.handleRequest",
            summary: "java.lang.RuntimeException: java.io.UncheckedIOException: cannot read manifest"),
        Case(
            file: "dotnet.json", runtime: "dotnet", raised: "/src/Billing/Invoices.cs:44 in Billing.Invoices.Pick",
            handler: "/src/Billing/Function.cs:19 in Billing.Function.FunctionHandler",
            summary: "InvalidOperationException: Sequence contains no elements"),
        Case(
            file: "go.json", runtime: "go", raised: "example.com/shipper/route.go:61 in pickLeg",
            handler: "example.com/shipper/main.go:22 in handler",
            summary: "runtime.Error: runtime error: index out of range [3] with length 3"),
        Case(
            file: "ruby.json", runtime: "ruby", raised: "lib/names.rb:8 in normalise",
            handler: "lambda_function.rb:5 in lambda_handler",
            summary: "Function<NoMethodError>: undefined method 'upcase' for nil"),
    ]

    @Test(arguments: cases) func theRaisingFrameAndTheHandlerAreFound(_ expected: Case) throws {
        let url = PackagePaths.fixture("lambda-errors/\(expected.file)", target: "DiagnosticsTests")
        let cause = try String(contentsOf: url, encoding: .utf8)
        let detail = try #require(ParsedCause(cause).detail)
        #expect(detail.runtime == expected.runtime)
        #expect(detail.raisedAt?.description == expected.raised)
        #expect(detail.handlerAt?.description == expected.handler)
        #expect(detail.summary.hasPrefix(expected.summary))
    }

    @Test func printedTracesAreReadToo() throws {
        let java = """
            java.lang.IllegalArgumentException: bad sku
            \tat com.example.Catalog.find(Catalog.java:120)
            \tat com.example.Handler.handleRequest(Handler.java:40)
            \tat java.base/java.lang.Thread.run(Thread.java:829)
            """
        let trace = try #require(StackTrace(text: java))
        #expect(trace.runtime == .java)
        #expect(trace.raisedAt?.description == "Catalog.java:120 in com.example.Catalog.find")
        #expect(trace.handlerAt?.description == "Handler.java:40 in com.example.Handler.handleRequest")
        let python = """
            Traceback (most recent call last):
              File "/var/task/app.py", line 9, in handler
                return run(event)
              File "/var/task/job.py", line 3, in run
                raise KeyError("sku")
            KeyError: 'sku'
            """
        let detail = try #require(ParsedCause(python).detail)
        #expect(detail.raisedAt?.description == "job.py:3 in run")
        #expect(detail.handlerAt?.description == "app.py:9 in handler")
    }

    @Test func causesWithoutATraceHaveNoFrames() throws {
        #expect(ParsedCause("just text").detail == nil)
        let service = try #require(
            ParsedCause("Rate Exceeded. (Service: Lambda, Status Code: 429, Request ID: 3c1d8a5e)").detail)
        #expect(service.summary == "Lambda answered HTTP 429: Rate Exceeded.")
        #expect(service.raisedAt == nil && service.runtime == nil)
        let noFrames = try #require(
            ParsedCause(#"{"errorType":"Timeout","errorMessage":"late","stackTrace":[]}"#).detail)
        #expect(noFrames.summary == "Timeout: late" && noFrames.raisedAt == nil)
    }

    @Test func aCodeErrorGetsARemedyNamingItsLine() throws {
        let path = PackagePaths.root.appendingPathComponent("Samples/map-failure.json").path
        let tree = ExecutionTree(history: try HistoryDecoder().decode([try InputBuffer.read(path: path)]))
        let root = try #require(ExecutionDiagnoser().diagnose(tree).rootCause)
        #expect(root.causeDetail?.raisedAt?.description == "records.py:88 in parse_record")
        #expect(root.remedy?.contains("records.py:88") == true)
        #expect(root.remedy?.contains("ToleratedFailurePercentage on TransformRecords") == true)
        #expect(!root.explanation.contains("Invalid timestamp"), "the cause is shown once, in causeDetail")
    }

    /// A cause longer than Step Functions records is read up to that length: a crafted trace of 2 MB costs what
    /// 32,768 characters of it cost, and what is read still gives the frames.
    @Test func longCausesAreReadWithinTheRecordedLength() {
        let frame = "  File \"/var/task/handler.py\", line 12, in step\n"
        let cause = "Traceback (most recent call last):\n" + String(repeating: frame, count: 40_000)
        let parsed = ParsedCause(cause)
        #expect(parsed.raw.count == ReportedCause.maximumCharacters + 1)
        #expect(parsed.trace?.runtime == .python)
        #expect(parsed.trace?.raisedAt?.line == 12)
        // Only the frames within the recorded length are read (40,000 were given).
        #expect((parsed.trace?.frames.count ?? 0) < 1_000)
    }
}
