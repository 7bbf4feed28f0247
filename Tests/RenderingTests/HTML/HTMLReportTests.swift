import Diagnostics
import Foundation
import RetraceCore
import RetraceTestSupport
import Testing

@testable import Rendering

/// The HTML report's page as bytes: the embedded JSON cannot end its element and reads back unchanged, the
/// Content-Security-Policy names exactly the page's own script and styles (checked against Python's hashlib, an
/// implementation of SHA-256 other than ours), the compiled-in assets are the files under `Resources`, and the
/// script passes Node's syntax check and never writes markup from data.
@Suite("HTML report")
struct HTMLReportTests {
    static let resources = PackagePaths.root.appendingPathComponent("Sources/Rendering/HTML/Resources")

    static func log(_ file: String) throws -> AnalyzedLog {
        let set = try LogSet.load([PackagePaths.root.appendingPathComponent(file).path])
        if let entry = set.executions.first { return .execution(try set.analyze(entry)) }
        return .deployment(try set.analyze(try #require(set.deployments.first)))
    }

    static func page(_ file: String) throws -> String {
        String(decoding: HTMLReport(parts: [try HTMLReportPart(try log(file))]).render(), as: UTF8.self)
    }

    /// The text between `open` and the next `close`, for each occurrence.
    static func elements(_ html: String, open: String, close: String) -> [String] {
        var found: [String] = []
        var rest = Substring(html)
        while let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) {
            found.append(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }

    @Test func embeddedJSONCannotCloseItsElement() throws {
        let hostile = "</script><img src=x onerror=pwned=1>&amp;\u{2028}\u{2029} \"quoted\" \\ back"
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("text", hostile)
        writer.key("list")
        writer.beginArray()
        writer.integer(1)
        writer.string("a b")
        writer.endArray()
        writer.endObject()
        let embedded = ScriptJSON.embeddable(writer.text)
        for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}", "\n"] {
            #expect(!embedded.contains(forbidden), "\(forbidden.unicodeScalars.map { $0.value })")
        }
        #expect(embedded.hasPrefix("{\"text\":\"\\u003c/script\\u003e"))
        // It reads back as the same values.
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(embedded.utf8)) as? [String: Any])
        #expect(object["text"] as? String == hostile)
        #expect((object["list"] as? [Any])?.last as? String == "a b")
    }

    @Test func hostileStringsStayInsideTheData() throws {
        let html = try Self.page("Fuzz/Seeds/history/hostile-strings.json")
        let scripts = Self.elements(html, open: "<script", close: "</script>")
        // The page's data, the log's data and events, and the page's own script: nothing from the log opened another.
        #expect(scripts.count == 4)
        #expect(html.components(separatedBy: "<img").count == 1)
        let data = Self.elements(
            html, open: "<script type=\"application/json\" id=\"retrace-log-0\">", close: "</script>")
        let first = try #require(data.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let report = try #require(object["report"] as? [String: Any])
        let execution = try #require(report["execution"] as? [String: Any])
        #expect((execution["arn"] as? String)?.contains("<img src=x>") == true)
        for secret in ["AKIAEXAMPLE", "abcdef0123", "deadbeef", "FQoGZXIv"] { #expect(!html.contains(secret)) }
        // The largest event id is kept exact, as a string, where a JavaScript number would round it.
        let list = Self.elements(
            html, open: "<script type=\"application/json\" id=\"retrace-events-0\">", close: "</script>")
        let text = try #require(list.first)
        let events = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[Any]])
        #expect(events.last?.first as? String == "9223372036854775807")
    }

    @Test func thePolicyNamesThePageOwnScriptAndStylesOnly() throws {
        let html = try Self.page("Samples/map-failure.json")
        let policy = try #require(Self.elements(html, open: "Content-Security-Policy\" content=\"", close: "\"").first)
            .replacingOccurrences(of: "&apos;", with: "'")
        #expect(policy.hasPrefix("default-src 'none'; script-src 'sha256-"))
        #expect(policy.contains("connect-src 'none'"))
        #expect(!policy.contains("unsafe"))
        let script = try #require(Self.elements(html, open: "<script>", close: "</script>").first)
        let styles = Self.elements(html, open: "<style>", close: "</style>")
        #expect(styles.count == 2, "the page's and the timeline's")
        guard PythonProcess.canImport("hashlib") else { return }
        for text in [script] + styles {
            let run = try PythonProcess.run(
                [
                    "-c",
                    "import sys,hashlib,base64;print(base64.b64encode(hashlib.sha256(sys.stdin.buffer.read()).digest()).decode())",
                ],
                input: Data(text.utf8))
            let digest = String(decoding: run.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(policy.contains("'sha256-\(digest)'"))
        }
    }

    @Test func aDeploymentPageHasItsLifecyclesAndSwimlanes() throws {
        let html = try Self.page("Fuzz/Seeds/deployment/cloudformation-hostile.json")
        #expect(html.contains("\"kind\":\"deployment\""))
        #expect(html.contains("<template id=\"retrace-graph-0\"><svg"))
        #expect(html.contains("<template id=\"retrace-timeline-0\"><svg"))
        #expect(!html.contains("<!--"))
    }

    @Test func theCompiledInAssetsAreTheResourceFiles() throws {
        for (name, compiled) in [
            ("report.html", ReportAssets.html), ("report.css", ReportAssets.css),
            ("report.js", ReportAssets.javascript),
        ] {
            let file = try String(contentsOf: Self.resources.appendingPathComponent(name), encoding: .utf8)
            #expect(
                file == compiled + "\n",
                "\(name) changed: run Scripts/generate-report-assets to compile it in")
        }
    }

    @Test func theScriptWritesNoMarkupFromData() throws {
        let script = ReportAssets.javascript
        for forbidden in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
            #expect(!script.contains(forbidden), "\(forbidden)")
        }
        #expect(!script.contains("http://") && !script.contains("https://"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/node"), "needs Debian's nodejs"))
    func theScriptPassesNodeSyntaxCheck() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/node")
        process.arguments = ["--check", Self.resources.appendingPathComponent("report.js").path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
    }

    @Test func theDataOfASampleMatchesItsGoldenFile() throws {
        let html = try Self.page("Samples/retry-then-catch.json")
        let data = try #require(
            Self.elements(html, open: "<script type=\"application/json\" id=\"retrace-log-0\">", close: "</script>")
                .first)
        let events = try #require(
            Self.elements(html, open: "<script type=\"application/json\" id=\"retrace-events-0\">", close: "</script>")
                .first)
        // Pretty-printed for review (the page holds it minified), the file named from the package root.
        let relative = "{\"log\":\(data),\"events\":\(events)}".replacingOccurrences(
            of: PackagePaths.root.path + "/", with: "")
        let object = try JSONSerialization.jsonObject(with: Data(relative.utf8))
        let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        Snapshot.expectMatches(
            String(decoding: pretty, as: UTF8.self) + "\n", named: "report/sample-retry-then-catch.json",
            filePath: TestHistory.snapshotAnchor)
    }
}
