import Foundation
import RetraceTestSupport
import Testing

/// `retrace report` as a user runs it: one HTML file per run, bad input refused with status 2, and the pages
/// opened in real headless Chromium (Debian's `chromium` and `chromium-driver`, driven by Selenium from
/// `Tests/Stubs/report_browser.py`), which must show the verdict and root cause, open a state's details when its node
/// is clicked, narrow the event table with every filter, log no console error, make no network request, and show
/// hostile strings as text. Screenshots go to `.build/report-screenshots/`.
@Suite("retrace report")
struct ReportCommandTests {
    static let screenshots = PackagePaths.root.appendingPathComponent(".build/report-screenshots")

    static var browserAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
            && PythonProcess.canImport("selenium")
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "retrace-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes the report of `inputs` into `folder/name` and returns its path.
    private func report(_ inputs: [String], into folder: URL, name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let result = try RetraceCommand.run(["report", "-o", path] + inputs)
        #expect(result.status == 0, "retrace report \(inputs): \(result.stderr)")
        return path
    }

    @Test func oneFileThatFetchesNothing() throws {
        let folder = try temporaryFolder()
        let path = try report([RetraceCommand.sample("map-failure.json")], into: folder, name: "map.html")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &apos;none&apos;"))
        // Nothing on the page points outside it.
        for pattern in ["src=\"http", "href=\"http", "url(http", "@import", "<link"] {
            #expect(!html.contains(pattern), "\(pattern)")
        }
        // The data is there, and the graph was drawn by Graphviz.
        #expect(html.contains("<script type=\"application/json\" id=\"retrace-log-0\">"))
        #expect(html.contains("<template id=\"retrace-graph-0\"><svg"))
        #expect(html.contains("<template id=\"retrace-timeline-0\"><svg"))
    }

    @Test func standardOutputByDefault() throws {
        let result = try RetraceCommand.run(["report", RetraceCommand.sample("order-success.json")])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(result.stdout.contains("\"outcome\":\"succeeded\""))
    }

    @Test func unusableInputIsRefusedWithItsPosition() throws {
        let broken = try RetraceCommand.temporaryFile("{\"events\": [{\"id\": \"x\"}]}", name: "broken.json")
        let folder = try temporaryFolder()
        let output = folder.appendingPathComponent("out.html").path
        let result = try RetraceCommand.run(["report", "-o", output, broken])
        #expect(result.status == 2)
        #expect(result.stderr.contains("broken.json:1:"))
        #expect(!result.stderr.contains("Fatal error"))
        #expect(!FileManager.default.fileExists(atPath: output))
        let missing = try RetraceCommand.run(["report", "-o", output, "no-such-file.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-file.json"))
    }

    @Test func secretsAreRedactedAndMarkupStaysData() throws {
        let folder = try temporaryFolder()
        let path = try report(["Fuzz/Seeds/history/hostile-strings.json"], into: folder, name: "hostile.html")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        for secret in HostileInputCommandTests.secrets { #expect(!html.contains(secret), "\(secret)") }
        #expect(!html.contains("<img src=x>"))
        #expect(!html.contains("<script>\""))
        #expect(html.contains("\\u003cimg src=x\\u003e"))
        // The one script that runs is the page's own.
        #expect(html.components(separatedBy: "<script>").count == 2)
    }

    /// A batch of `count` executions: the samples again and again under new names.
    private func batchFolder(count: Int) throws -> URL {
        let folder = try temporaryFolder()
        let samples = ["map-failure.json", "retry-then-catch.json", "order-success.json", "heartbeat-timeout.json"]
        let documents = try samples.map { name -> [String: Any] in
            let data = try Data(contentsOf: PackagePaths.root.appendingPathComponent("Samples/\(name)"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        for index in 0..<count {
            var document = documents[index % documents.count]
            let arn = try #require(document["executionArn"] as? String)
            // Numbered to sort by name as they were made: the index lists a group's logs in that order.
            document["executionArn"] = arn + String(format: "-%04d", index)
            try JSONSerialization.data(withJSONObject: document).write(
                to: folder.appendingPathComponent(String(format: "run-%04d.json", index)))
        }
        return folder
    }

    /// A batch of 1,000 small executions with three root causes and successes among them, made from two samples:
    /// the heartbeat time-out as recorded (400, `States.Timeout` at `RenderFrames`), with its time-out turned into
    /// a task failure (200, `Render.OutOfMemory` at `RenderFrames`), with its state renamed (100, `States.Timeout`
    /// at `EncodeVideo`), and the retry-then-catch execution, which succeeds (300). Each has its own ARN.
    static func variedBatch(into folder: URL) throws {
        let root = PackagePaths.root.appendingPathComponent("Samples")
        let timeout = try Data(contentsOf: root.appendingPathComponent("heartbeat-timeout.json"))
        let success = try Data(contentsOf: root.appendingPathComponent("retry-then-catch.json"))
        let recorded = try #require(try JSONSerialization.jsonObject(with: timeout) as? [String: Any])
        var failed = recorded
        var events = try #require(failed["events"] as? [[String: Any]])
        let timedOut = try #require(events.firstIndex { $0["type"] as? String == "TaskTimedOut" })
        events[timedOut]["type"] = "TaskFailed"
        events[timedOut]["taskTimedOutEventDetails"] = nil
        events[timedOut]["taskFailedEventDetails"] = [
            "resourceType": "sqs", "resource": "sendMessage.waitForTaskToken", "error": "Render.OutOfMemory",
            "cause": "frame 118 needed 9 GiB",
        ]
        let last = events.count - 1
        events[last]["executionFailedEventDetails"] = [
            "error": "Render.OutOfMemory", "cause": "frame 118 needed 9 GiB",
        ]
        failed["events"] = events
        let renamed = String(decoding: timeout, as: UTF8.self).replacingOccurrences(
            of: "RenderFrames", with: "EncodeVideo")
        let kinds: [[String: Any]] = [
            recorded, failed,
            try #require(try JSONSerialization.jsonObject(with: Data(renamed.utf8)) as? [String: Any]),
            try #require(try JSONSerialization.jsonObject(with: success) as? [String: Any]),
        ]
        for index in 0..<1_000 {
            let kind = [0, 0, 0, 0, 1, 1, 2, 3, 3, 3][index % 10]
            var document = kinds[kind]
            let arn = try #require(document["executionArn"] as? String)
            // Numbered to sort by name as they were made: the index lists a group's logs in that order.
            document["executionArn"] = arn + String(format: "-%04d", index)
            try JSONSerialization.data(withJSONObject: document).write(
                to: folder.appendingPathComponent(String(format: "run-%04d.json", index)))
        }
    }

    @Test func aBatchIsOnePageWithAnIndex() throws {
        let folder = try temporaryFolder()
        let path = try report([try batchFolder(count: 12).path], into: folder, name: "batch.html")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("\"kind\":\"batch\""))
        #expect(html.contains("id=\"retrace-log-11\""))
        #expect(!html.contains("id=\"retrace-log-12\""))
    }

    @Test(.enabled(if: ReportCommandTests.browserAvailable, "needs chromium, chromium-driver and selenium"))
    func pagesInHeadlessChromium() throws {
        let folder = try temporaryFolder()
        // The pages, the 25,000-event history and the thousand logs come to about 100 MB: not left behind.
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        var pages: [[String: Any]] = []
        func add(_ name: String, _ inputs: [String], extra: [String: Any] = [:]) throws {
            var page: [String: Any] = [
                "file": try report(inputs, into: folder, name: name + ".html"),
                "screenshot": Self.screenshots.appendingPathComponent(name + ".png").path,
            ]
            page.merge(extra) { $1 }
            pages.append(page)
        }
        for sample in ["map-failure", "retry-then-catch", "order-success", "heartbeat-timeout"] {
            try add(
                sample, [RetraceCommand.sample(sample + ".json")],
                extra: ["modes": sample == "map-failure", "keys": sample == "map-failure"])
        }
        // Permalinks: an event, and a state, opened from the address alone.
        try add("map-event-134", [RetraceCommand.sample("map-failure.json")], extra: ["hash": "event-134"])
        try add("map-state", [RetraceCommand.sample("map-failure.json")], extra: ["hash": "state-TransformRecords"])
        try add("hostile", ["Fuzz/Seeds/history/hostile-strings.json"])
        try add(
            "deployment-hostile", ["Fuzz/Seeds/deployment/cloudformation-hostile.json"], extra: ["search": "FAILED"])
        let corpus = PackagePaths.root.appendingPathComponent("../shared/corpus")
        let corpusHistory = corpus.appendingPathComponent(
            "stepfunctions/ls_activities_activities__activity_task_failure.json")
        let corpusStack = corpus.appendingPathComponent("cloudformation/ls_cfn_invalid_getatt_fails_rollback.json")
        let haveCorpus = FileManager.default.fileExists(atPath: corpusHistory.path)
        if haveCorpus {
            try add("corpus-history", [corpusHistory.path])
            try add("corpus-stack", [corpusStack.path], extra: ["search": "FAILED", "lifecycleClick": true])
        } else {
            print("ReportCommandTests: ../shared/corpus is absent; the corpus pages are skipped")
        }
        // The benchmark's 25,000-event history, written by the benchmark command itself.
        let benchmark = PackagePaths.retraceBinary.deletingLastPathComponent().appendingPathComponent(
            "retrace-benchmark")
        let big = folder.appendingPathComponent("history-25k.json")
        var haveBig = false
        if FileManager.default.isExecutableFile(atPath: benchmark.path) {
            let generate = try RetraceCommand.run(["--write-history", big.path], executable: benchmark)
            haveBig = generate.status == 0
            if haveBig { try add("history-25k", [big.path], extra: ["search": "Charge"]) }
        } else {
            print("ReportCommandTests: retrace-benchmark is not built; the 25,000-event page is skipped")
        }
        let batch = try batchFolder(count: 120)
        try add("batch", [batch.path])
        try add("batch-opened", [batch.path], extra: ["open": 0])
        // A thousand executions in one page: the index, then one of them opened from it.
        let thousandLogs = folder.appendingPathComponent("batch-1000-logs")
        try FileManager.default.createDirectory(at: thousandLogs, withIntermediateDirectories: true)
        try Self.variedBatch(into: thousandLogs)
        try add("batch-1000", [thousandLogs.path], extra: ["openFromIndex": true])

        let spec = folder.appendingPathComponent("spec.json")
        try JSONSerialization.data(withJSONObject: ["pages": pages]).write(to: spec)
        let run = try PythonProcess.run([
            PythonProcess.stub("report_browser.py"), spec.path,
        ])
        #expect(run.status == 0, "\(String(decoding: run.stderr, as: UTF8.self))")
        let answer = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        let results = try #require(answer["pages"] as? [[String: Any]])
        #expect(results.count == pages.count)
        var byName: [String: [String: Any]] = [:]
        for result in results {
            let file = try #require(result["file"] as? String)
            byName[URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent] = result
            #expect(result["verdictShown"] as? Bool == true, "\(file)")
            #expect(
                (result["consoleErrors"] as? [String])?.isEmpty == true, "\(file): \(result["consoleErrors"] ?? "")")
            #expect(
                (result["networkRequests"] as? [String])?.isEmpty == true, "\(file): \(result["networkRequests"] ?? "")"
            )
            let injected = try #require(result["injected"] as? [String: Any])
            #expect(injected["img"] as? Int == 0, "\(file)")
            #expect(injected["scripts"] as? Int == 1, "\(file)")
            #expect(injected["pwned"] as? Bool == false, "\(file)")
            if let filters = result["filters"] as? [String: Any] {
                let all = try #require(filters["all"] as? Int)
                let failed = try #require(filters["failedOnly"] as? Int)
                #expect(failed < all, "\(file): the failed-only filter left \(failed) of \(all)")
                if let typeCount = filters["typeCount"] as? Int { #expect(typeCount > 0 && typeCount < all, "\(file)") }
                #expect((filters["searchCount"] as? Int).map { $0 < all } == true, "\(file)")
                #expect((filters["rowsInDOM"] as? Int).map { $0 <= 60 } == true, "\(file)")
            }
        }

        let map = try #require(byName["map-failure"])
        #expect((map["verdict"] as? String)?.contains("FAILED") == true)
        let rootCause = try #require(map["rootCause"] as? String)
        #expect(rootCause.contains("TransformRecords"))
        #expect(rootCause.contains("Item of the failed iteration"))
        // Clicking the root cause's node opens that state's details.
        let rootState = try #require(map["rootNodeState"] as? String)
        #expect(map["detailsTitle"] as? String == "State " + rootState)
        #expect((map["hashAfterClick"] as? String)?.hasPrefix("#state-") == true)
        #expect((map["detailsText"] as? String)?.contains("Input") == true)

        #expect(map["focusAfterSlash"] as? String == "filter-text")
        #expect(map["focusAfterEscape"] as? String != "filter-text")
        #expect((byName["map-event-134"]?["eventDetail"] as? String)?.hasPrefix("Event #134 · TaskFailed") == true)
        #expect(byName["map-state"]?["stateTitle"] as? String == "State TransformRecords")

        // Printed: the verdict, root cause and graph stay, the event table and the section links go.
        let print = try #require(map["print"] as? [String: Bool])
        #expect(print == ["verdict": true, "rootCause": true, "graph": true, "events": false, "nav": false])
        #expect(map["darkBackground"] as? String == "rgb(15, 20, 25)")
        #expect(map["lightBackground"] as? String == "rgb(255, 255, 255)")

        let success = try #require(byName["order-success"])
        #expect((success["verdict"] as? String)?.contains("SUCCEEDED") == true)
        #expect((success["filters"] as? [String: Any])?["failedOnly"] as? Int == 0)

        let hostile = try #require(byName["hostile"])
        let text = try #require(hostile["bodyText"] as? String)
        #expect(text.contains("<img src=x>"), "the hostile ARN is shown as text")
        for secret in HostileInputCommandTests.secrets { #expect(!text.contains(secret), "\(secret)") }

        if haveCorpus {
            #expect((byName["corpus-history"]?["rootCause"] as? String)?.isEmpty == false)
            #expect(byName["corpus-stack"]?["verdict"] as? String != nil)
            // Clicking a lifecycle state shows that status's events.
            let click = try #require(byName["corpus-stack"]?["lifecycleClick"] as? [String: Any])
            #expect(click["type"] as? String == click["state"] as? String)
        }
        if haveBig {
            let page = try #require(byName["history-25k"])
            #expect((page["verdict"] as? String)?.contains("SUCCEEDED") == true)
            let filters = try #require(page["filters"] as? [String: Any])
            #expect(filters["all"] as? Int == 24_962)
            #expect((filters["rowsInDOM"] as? Int).map { $0 <= 60 } == true, "only the rows in view are drawn")
        }
        let index = try #require(byName["batch"])
        #expect((index["verdict"] as? String)?.contains("of 120 did not succeed") == true)
        #expect((index["groups"] as? Int).map { $0 >= 2 } == true)
        // Two stacks of one name in one log: each group links to its own stack.
        let stacks = try #require(byName["deployment-hostile"])
        #expect(
            stacks["groupLinks"] as? [String] == ["#log-0", "#log-1"]
                || stacks["groupLinks"] as? [String] == ["#log-1", "#log-0"])
        // The index of a thousand: every log listed, the three root causes with their counts, largest first, and
        // an execution opened from its group's link shows its own verdict and root cause.
        let thousand = try #require(byName["batch-1000"])
        #expect((thousand["verdict"] as? String)?.contains("700 of 1000 did not succeed") == true)
        #expect(thousand["indexRows"] as? Int == 1_000)
        #expect(
            thousand["groupHeadings"] as? [String] == [
                "400 logs: States.Timeout", "200 logs: Render.OutOfMemory", "100 logs: States.Timeout",
            ])
        #expect(thousand["groupPlaces"] as? [String] == ["RenderFrames", "RenderFrames", "EncodeVideo"])
        #expect(thousand["openedReady"] as? Bool == true)
        let link = try #require(thousand["openedLink"] as? String)
        #expect(link.hasSuffix("-0006"), "the first execution of the last group is the seventh: \(link)")
        #expect(thousand["openedTitle"] as? String == link)
        #expect((thousand["openedHash"] as? String)?.hasPrefix("#log-") == true)
        #expect((thousand["openedVerdict"] as? String)?.contains("FAILED") == true)
        let openedCause = try #require(thousand["openedRootCause"] as? String)
        #expect(openedCause.contains("EncodeVideo") && openedCause.contains("States.Timeout"), "\(openedCause)")
        let opened = try #require(byName["batch-opened"])
        #expect(opened["rootCause"] as? String != nil)
        #expect(opened["graphShown"] as? Bool == false, "a batch of 120 draws no graphs")
    }
}
