import Foundation
import RetraceTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Hostile inputs through every command and format, as a user would run them: the exit status is 0, 1 or 2;
/// JSON output parses as JSON and SVG as XML; no escape or carriage return from the data reaches text a person
/// reads; and no secret from the redaction set comes out anywhere, standard error included.
///
/// The inputs are the hand-made hostile seeds of the fuzz harness (`Fuzz/Seeds`): escapes that retitle or clear
/// a terminal, carriage returns, Markdown and HTML, C1 controls, pre-signed URL credentials, an `Authorization`
/// header and a JSON `SessionToken`, the largest event id, a timestamp near the end of representable time.
@Suite("Hostile input through every command")
struct HostileInputCommandTests {
    /// One command line, and what its standard output is.
    struct Invocation: CustomTestStringConvertible, Sendable {
        enum Output: Sendable { case text, json, svg, dot }
        var arguments: [String]
        var output: Output
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let history = "Fuzz/Seeds/history/hostile-strings.json"
    static let deployments = [
        "Fuzz/Seeds/deployment/cloudformation-hostile.json", "Fuzz/Seeds/deployment/gamelift-hostile.json",
    ]

    /// The secrets the seeds hold, each of which must be redacted wherever it would appear.
    static let secrets = ["AKIAEXAMPLE", "abcdef0123", "deadbeef", "FQoGZXIv", "Signature=ff"]

    static let invocations: [Invocation] =
        [
            Invocation(arguments: ["analyze", history], output: .text),
            Invocation(arguments: ["analyze", "-f", "json", history], output: .json),
            Invocation(arguments: ["analyze", "-f", "markdown", history], output: .text),
            Invocation(arguments: ["events", history], output: .text),
            Invocation(arguments: ["events", "-f", "json", history], output: .json),
            Invocation(arguments: ["timeline", "-o", "-", history], output: .svg),
            Invocation(arguments: ["graph", "-f", "dot", "-o", "-", history], output: .dot),
            Invocation(arguments: ["graph", "-f", "svg", "-o", "-", history], output: .svg),
            Invocation(arguments: ["replay", history], output: .text),
            Invocation(arguments: ["replay", "--at", "4", history], output: .text),
            Invocation(
                arguments: ["replay", "--definition", "Fuzz/Seeds/definition/anchors.yaml", history], output: .text),
        ]
        + deployments.flatMap { log in
            [
                Invocation(arguments: ["analyze", log], output: .text),
                Invocation(arguments: ["analyze", "-f", "json", log], output: .json),
                Invocation(arguments: ["analyze", "-f", "markdown", log], output: .text),
                Invocation(arguments: ["timeline", "-o", "-", log], output: .svg),
                Invocation(arguments: ["graph", "-f", "dot", "-o", "-", log], output: .dot),
                Invocation(arguments: ["graph", "-f", "svg", "-o", "-", log], output: .svg),
            ]
        }

    @Test("Status, structure, no control character, no secret", arguments: invocations)
    func hostileInput(_ invocation: Invocation) throws {
        let result = try RetraceCommand.run(invocation.arguments, environment: ["NO_COLOR": "1"])
        #expect([0, 1, 2].contains(result.status), "status \(result.status): \(result.stderr)")
        #expect(result.status == 2 || !result.stdout.isEmpty, "no output: \(result.stderr)")
        switch invocation.output {
        case .json:
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) }
        case .svg:
            let parser = XMLParser(data: Data(result.stdout.utf8))
            #expect(parser.parse(), "not XML: \(String(describing: parser.parserError))")
        case .text:
            #expect(!result.stdout.contains("\r"), "a carriage return from the data")
        case .dot:
            break
        }
        #expect(!result.stdout.contains("\u{1B}"), "an escape from the data")
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\r"), "stderr: \(result.stderr)")
        for secret in Self.secrets {
            #expect(!result.stdout.contains(secret), "output leaks \(secret)")
            #expect(!result.stderr.contains(secret), "standard error leaks \(secret)")
        }
    }
}
