import Diagnostics
import Foundation
import Rendering

/// `retrace report` on the 25,000-event history: generation end to end (target ≤ 0.5 s), the page's size against
/// the history's (target ≤ 2 ×), and, when Debian's chromium, chromium-driver and Selenium are there, how long
/// headless Chromium takes from navigation until the verdict and graph are painted (target ≤ 1.5 s), read from the
/// page's own `retrace-verdict-shown` performance mark by the browser tests' script. Then the batch set (1,000
/// executions) as one page: its generation time, size and peak memory.
enum ReportBenchmark {
    static func run(tools: Benchmark.Tools, folder: URL) throws {
        print("")
        let history = folder.appendingPathComponent("history-25k.json").path
        if !FileManager.default.fileExists(atPath: history) {
            var generator = SyntheticHistory(payloads: .large)
            try generator.generate().write(toFile: history, atomically: true, encoding: .utf8)
        }
        let page = folder.appendingPathComponent("history-25k.html").path
        let historyBytes = (try? FileManager.default.attributesOfItem(atPath: history)[.size] as? Int) ?? 1
        print("HTML report — \(history) (\(Benchmark.megabytes(historyBytes)))")
        let set = try LogSet.load([history])
        guard let entry = set.executions.first else { throw BenchmarkError.spawn(history, "no execution in it") }
        let execution = try set.analyze(entry)
        var pageBytes = 0
        let render = Measure.best(of: 3) {
            guard let part = try? HTMLReportPart(.execution(execution)) else { return }
            // Streamed as the command streams it to its file: the page is never gathered whole.
            pageBytes = 0
            HTMLReport(parts: [part]).write { pageBytes += $0.count }
        }
        let data = Measure.best(of: 3) { _ = try? HTMLReportPart(.execution(execution), pictures: false) }
        print(Benchmark.row("page data alone (no pictures)", data))
        print(Benchmark.row("page (data, graph, timeline)", render, extra: Benchmark.megabytes(pageBytes)))
        let endToEnd = Measure.command([tools.retrace, "report", "-o", page, history], runs: 5)
        print(Benchmark.row("retrace report -o page.html", endToEnd, extra: ", median of 5 runs" + cpu(endToEnd)))
        let written = (try? FileManager.default.attributesOfItem(atPath: page)[.size] as? Int) ?? 0
        let ratio = Double(written) / Double(historyBytes)
        print("")
        switch endToEnd {
        case .success(let figures):
            print(
                Benchmark.verdict(
                    "generation ≤ 0.5 s", String(format: "%.2f s", figures.seconds), figures.seconds <= 0.5))
        case .failure:
            print(Benchmark.verdict("generation ≤ 0.5 s", "not measured (the command failed)", false))
        }
        print(
            Benchmark.verdict(
                "file size ≤ 2 × the JSON history", String(format: "%.2f × (%@)", ratio, Benchmark.megabytes(written)),
                ratio <= 2 && written > 0))
        browser(page: page)
        try batch(tools: tools, folder: folder)
    }

    /// The batch benchmark's 1,000 distinct executions as one page: an index grouped by root cause, each
    /// execution's data read only when it is opened.
    private static func batch(tools: Benchmark.Tools, folder: URL) throws {
        let distinct = folder.appendingPathComponent("executions-\(BatchBenchmark.count)")
        _ = try SyntheticExecutions.write(count: BatchBenchmark.count, into: distinct)
        let page = folder.appendingPathComponent("batch.html").path
        print("")
        print("HTML report — \(BatchBenchmark.count) distinct executions (\(distinct.path))")
        let python = Measure.command(BatchBenchmark.pythonLoad(distinct), runs: 3)
        let made = Measure.command([tools.retrace, "report", "-o", page, distinct.path], runs: 3)
        let written = (try? FileManager.default.attributesOfItem(atPath: page)[.size] as? Int) ?? 0
        print(Benchmark.row("python3 json.load, one process", python, extra: ", median of 3 runs"))
        print(
            Benchmark.row(
                "retrace report -o batch.html", made,
                extra: ", median of 3 runs, page \(Benchmark.megabytes(written))" + cpu(made)))
        if case .success(let figures) = made {
            let input = (try? BatchBenchmark.folderSize(distinct)) ?? 0
            print(
                String(
                    format: "peak memory / input                %9.2f ×   (%@ of executions)",
                    Double(figures.peakBytes) / Double(max(input, 1)), Benchmark.megabytes(input)))
        }
    }

    /// `, CPU 0.61 s (user + system)`: the figure to compare on a busy machine, where wall time is inflated.
    private static func cpu(_ result: Measure.Result) -> String {
        guard case .success(let figures) = result else { return "" }
        return String(format: ", CPU %.2f s (user + system)", figures.userSeconds + figures.systemSeconds)
    }

    /// Opens the page three times in headless Chromium and prints the median time to the verdict and graph.
    private static func browser(page: String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = root.appendingPathComponent("Tests/Stubs/report_browser.py").path
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver"),
            FileManager.default.fileExists(atPath: script)
        else {
            print("in the browser: skipped (needs chromium, chromium-driver and \(script))")
            return
        }
        let spec = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-report-benchmark.json")
        let pages = Array(repeating: "{\"file\": \"\(page)\", \"search\": \"Charge\"}", count: 3)
        do {
            try Data("{\"pages\": [\(pages.joined(separator: ", "))]}".utf8).write(to: spec)
        } catch {
            print("in the browser: failed: \(error)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, spec.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else {
            print("in the browser: python3 could not be started")
            return
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let results = object["pages"] as? [[String: Any]], !results.isEmpty
        else {
            print("in the browser: failed (is Selenium installed? Scripts/install-dependencies)")
            return
        }
        func median(_ key: String) -> Double? {
            let values = results.compactMap { $0[key] as? Double }.sorted()
            return values.isEmpty ? nil : values[values.count / 2]
        }
        let shown = median("secondsToVerdictInPage")
        if let shown {
            print(Benchmark.row("Chromium: verdict and graph shown", shown, extra: "   median of 3, from navigation"))
        }
        if let ready = median("secondsToReady") {
            print(Benchmark.row("Chromium: whole page ready", ready, extra: "   events table included"))
        }
        if let search = results.compactMap({ ($0["filters"] as? [String: Any])?["searchSeconds"] as? Double }).min() {
            print(Benchmark.row("Chromium: text search, 25k events", search, extra: "   best of 3, typing included"))
        }
        print(
            Benchmark.verdict(
                "Chromium verdict + graph ≤ 1.5 s", shown.map { String(format: "%.2f s", $0) } ?? "unmeasured",
                (shown ?? .infinity) <= 1.5))
    }
}
