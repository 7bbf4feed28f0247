import Diagnostics
import Foundation
import Rendering
import RetraceCore
import StepFunctions

/// `swift run -c release retrace-benchmark [--keep FILE] [--folder DIR]
/// [--only single|batch|replay|deployments|fetch|export|diff|hostile|report]`
/// (or `--write-history FILE`: the 25,000-event history alone):
/// generates histories and prints how fast Retrace reads, reconstructs and analyses them, end to end against the floor
/// (simdjson alone loading the same file) and Python's `json.load`, with peak memory. Figures, not a pass/fail
/// test; the targets are printed beside them.
@main
enum Benchmark {
    static func main() throws {
        let arguments = CommandLine.arguments
        if arguments.count > 2, arguments[1] == Measure.childFlag {
            // Runner mode: spawned small, so that the command it spawns reports its own peak memory.
            Measure.runChild(Array(arguments.dropFirst(2)))
            return
        }
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        }
        if let path = option("--write-history") {
            // The 25,000-event history alone, for tests that need it (the HTML report's browser test).
            var generator = SyntheticHistory(payloads: .large)
            try generator.generate().write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let folder = URL(
            fileURLWithPath: option("--folder")
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("retrace-benchmark").path)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let only = option("--only")
        let directory = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent()
        let tools = Tools(
            retrace: directory.appendingPathComponent("retrace").path,
            floor: directory.appendingPathComponent("simdjson-floor").path)

        if only == nil || only == "single" {
            try SingleHistoryBenchmark.run(
                tools: tools, file: option("--keep") ?? folder.appendingPathComponent("history-25k.json").path)
            try SingleHistoryBenchmark.runSmallPayloads(
                tools: tools, file: folder.appendingPathComponent("history-small-payloads.json").path)
        }
        if only == nil || only == "batch" {
            try BatchBenchmark.run(tools: tools, folder: folder)
        }
        if only == nil || only == "replay" {
            try DefinitionReplayBenchmark.run(binary: tools.retrace, folder: folder)
        }
        if only == nil || only == "deployments" {
            try DeploymentBenchmark.run(tools: tools, folder: folder)
        }
        if only == nil || only == "fetch" {
            let history = folder.appendingPathComponent("history-small-payloads.json").path
            if !FileManager.default.fileExists(atPath: history) {
                var generator = SyntheticHistory(payloads: .small)
                try generator.generate().write(toFile: history, atomically: true, encoding: .utf8)
            }
            try FetchBenchmark.run(tools: tools, history: history)
        }
        if only == nil || only == "export" {
            try ExportBenchmark.run(tools: tools, folder: folder)
        }
        if only == nil || only == "diff" {
            try DiffBenchmark.run(tools: tools, folder: folder)
        }
        if only == nil || only == "hostile" {
            try HostileBenchmark.run(tools: tools, folder: folder)
        }
        if only == nil || only == "report" {
            try ReportBenchmark.run(tools: tools, folder: folder)
        }
    }

    /// The programs run end to end, found beside the benchmark.
    struct Tools {
        var retrace: String
        var floor: String
    }

    static func row(_ label: String, _ seconds: Double, extra: String = "") -> String {
        label.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%9.1f ms", seconds * 1000)
            + (extra.isEmpty ? "" : "   " + extra)
    }

    /// A command's figures, or what went wrong, on one line.
    static func row(_ label: String, _ figures: Measure.Result, extra: String = "") -> String {
        switch figures {
        case .success(let figures):
            return row(label, figures.seconds, extra: "peak \(megabytes(figures.peakBytes))" + extra)
        case .failure(let error):
            return label.padding(toLength: 34, withPad: " ", startingAt: 0) + "   failed: \(error)"
        }
    }

    static func verdict(_ target: String, _ measured: String, _ met: Bool) -> String {
        (met ? "met    " : "MISSED ") + target.padding(toLength: 34, withPad: " ", startingAt: 0) + measured
    }

    /// A verdict on a ratio of two commands' figures; "failed" when either could not be measured.
    static func verdict(
        _ target: String, _ figures: [Measure.Result], limit: Double, _ ratio: ([Measure.CommandFigures]) -> Double
    ) -> String {
        var measured: [Measure.CommandFigures] = []
        for result in figures {
            guard case .success(let value) = result else {
                return verdict(target, "not measured (a command failed)", false)
            }
            measured.append(value)
        }
        let value = ratio(measured)
        return verdict(target, String(format: "%.2f ×", value), value <= limit)
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.0f MB", Double(bytes) / 1_048_576)
    }
}

/// The single-history cases: one generated history of about 25,000 events, read in process step by step, then
/// end to end against the floor and Python.
enum SingleHistoryBenchmark {
    static func run(tools: Benchmark.Tools, file: String) throws {
        let stages = try Stages(payloads: .large, file: file, title: "Retrace benchmark")
        let (tree, diagnosis) = (stages.tree, stages.diagnosis)
        let graph = ExecutionGraph(tree: tree, diagnosis: diagnosis)
        let dot = Measure.best(of: 5) { _ = ExecutionGraph(tree: tree, diagnosis: diagnosis).dot() }
        let dotText = graph.dot()
        var svgBytes = 0
        let svg = Measure.best(of: 3) {
            let text = ExecutionGraph(tree: tree, diagnosis: diagnosis).dot()
            svgBytes = (try? GraphvizRenderer.render(dot: text, format: .svg))?.count ?? -1
        }
        let timeline = Measure.best(of: 5) { _ = Timeline(tree: tree, diagnosis: diagnosis).svg() }
        let timelineRows = Timeline(tree: tree, diagnosis: diagnosis).rows.count
        print(Benchmark.row("graph → DOT", dot, extra: "\(graph.nodes.count) nodes, \(dotText.utf8.count / 1024) KB"))
        print(
            Benchmark.row(
                "graph → SVG (Graphviz dot)", svg, extra: svgBytes < 0 ? "Graphviz failed" : "\(svgBytes / 1024) KB"))
        print(Benchmark.row("timeline → SVG", timeline, extra: "\(timelineRows) rows"))
        let python = endToEnd(tools: tools, file: file, bytes: stages.bytes, python: true)
        print("")
        print(
            Benchmark.verdict("end to end ≤ 0.5 × Python parse", [python.retrace, python.python], limit: 0.5) {
                $0[0].seconds / $0[1].seconds
            })
        let rate = stages.megabytes / stages.decode
        print(Benchmark.verdict("decode ≥ 300 MB/s", String(format: "%.0f MB/s", rate), rate >= 300))
        print(Benchmark.verdict("graph DOT ≤ 100 ms", String(format: "%.1f ms", dot * 1000), dot <= 0.1))
        print(
            Benchmark.verdict(
                "graph SVG through Graphviz ≤ 1 s", String(format: "%.0f ms", svg * 1000), svg <= 1 && svgBytes > 0))
        print(Benchmark.verdict("timeline SVG ≤ 200 ms", String(format: "%.1f ms", timeline * 1000), timeline <= 0.2))
    }

    /// The same shape and number of events with payloads two fifths the size (about 22 MB): event structure, which
    /// decoding and reconstruction pay for per event, weighs more against the bytes.
    static func runSmallPayloads(tools: Benchmark.Tools, file: String) throws {
        print("")
        let stages = try Stages(payloads: .small, file: file, title: "Small payloads")
        _ = endToEnd(tools: tools, file: file, bytes: stages.bytes, python: true)
    }

    /// A generated history written to `file` and read in process step by step, each step timed (best of 5) and
    /// printed.
    struct Stages {
        let bytes: Int
        let megabytes: Double
        let decode: Double
        let tree: ExecutionTree
        let diagnosis: Diagnosis

        init(payloads: SyntheticHistory.Payloads, file: String, title: String) throws {
            var generator = SyntheticHistory(payloads: payloads)
            let text = generator.generate()
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            bytes = text.utf8.count
            megabytes = Double(bytes) / 1_048_576
            let input = try InputBuffer.read(path: file)
            let parse = Measure.best(of: 5) {
                try? JSONReader().forEachDocument(in: input, expecting: "JSON") { _, _ in }
            }
            decode = Measure.best(of: 5) { _ = try? HistoryDecoder().decode([input]) }
            let history = try HistoryDecoder().decode([input])
            let reconstruct = Measure.best(of: 5) { _ = ExecutionTree(history: history) }
            let tree = ExecutionTree(history: history)
            let diagnose = Measure.best(of: 5) { _ = ExecutionDiagnoser().diagnose(tree) }
            let diagnosis = ExecutionDiagnoser().diagnose(tree)
            var reportBytes = 0
            let json = Measure.best(of: 5) {
                reportBytes = 0
                ExecutionJSONReport(tree: tree, diagnosis: diagnosis).write { reportBytes += $0.count }
            }
            self.tree = tree
            self.diagnosis = diagnosis
            let megabytes = megabytes
            print("\(title) — \(history.events.count) events, \(String(format: "%.1f", megabytes)) MB (\(file))")
            print(Benchmark.row("parse (simdjson DOM)", parse, extra: String(format: "%.0f MB/s", megabytes / parse)))
            print(
                Benchmark.row(
                    "decode (bytes → typed events)", decode, extra: String(format: "%.0f MB/s", megabytes / decode)))
            print(Benchmark.row("reconstruct (events → tree)", reconstruct))
            print(Benchmark.row("diagnose (tree → findings)", diagnose))
            print(Benchmark.row("JSON report (render)", json, extra: Benchmark.megabytes(reportBytes)))
        }
    }

    /// Times the floor, `retrace analyze` and (when asked) Python on `file`; prints them with the floor targets.
    private static func endToEnd(tools: Benchmark.Tools, file: String, bytes: Int, python: Bool) -> (
        retrace: Measure.Result, python: Measure.Result
    ) {
        let floor = Measure.command([tools.floor, file], runs: 5)
        let retrace = Measure.command([tools.retrace, "analyze", "--format", "json", file], runs: 5)
        let pythonFigures = Measure.command(
            ["/usr/bin/env", "python3", "-c", "import json, sys; json.load(open(sys.argv[1]))", file], runs: 5)
        print(Benchmark.row("floor (simdjson-floor, same file)", floor, extra: ", median of 5 runs"))
        print(Benchmark.row("retrace analyze --format json", retrace, extra: ", median of 5 runs"))
        print(Benchmark.row("python3 json.load (same file)", pythonFigures, extra: ", median of 5 runs"))
        print(
            Benchmark.verdict("end to end ≤ 2.0 × floor", [retrace, floor], limit: 2.0) {
                $0[0].seconds / $0[1].seconds
            })
        print(
            Benchmark.verdict("peak memory ≤ 3 × file size", [retrace], limit: 3.0) {
                Double($0[0].peakBytes) / Double(bytes)
            })
        return (retrace, pythonFigures)
    }
}

/// Timing helpers: in-process best-of-N, and whole commands with their peak resident memory.
enum Measure {
    static func best(of runs: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }

    struct CommandFigures {
        var seconds: Double
        var peakBytes: Int
        /// Seconds spent in the kernel on the command's behalf (the median run's).
        var systemSeconds: Double
        /// Seconds the command ran on a processor itself (the median run's). With `systemSeconds`, the CPU time:
        /// what compares before and after on a machine that other work keeps busy, where wall time does not.
        var userSeconds: Double
    }

    typealias Result = Swift.Result<CommandFigures, BenchmarkError>

    static let childFlag = "--measure-child"

    /// Runs a command `runs` times with its output discarded; the median time and the largest peak RSS, or why
    /// it could not be measured (the command failed, or could not be started).
    ///
    /// Each run goes through a fresh, small copy of this program: on Linux a child's peak RSS starts from its
    /// parent's at exec, so spawning straight from this process (which holds the history) would overstate it.
    static func command(_ argv: [String], runs: Int) -> Result {
        var runsFigures: [CommandFigures] = []
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent(
            "retrace-benchmark-stderr-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: errors) }
        for _ in 0..<runs {
            let runner = Process()
            runner.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            runner.arguments = [childFlag] + argv
            let pipe = Pipe()
            runner.standardOutput = pipe
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            guard let errorHandle = try? FileHandle(forWritingTo: errors) else {
                return .failure(.spawn(CommandLine.arguments[0], "cannot write \(errors.path)"))
            }
            runner.standardError = errorHandle
            do { try runner.run() } catch { return .failure(.spawn(CommandLine.arguments[0], "\(error)")) }
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            runner.waitUntilExit()
            try? errorHandle.close()
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            let fields = output.split(whereSeparator: { $0 == " " || $0 == "\n" })
            guard runner.terminationStatus == 0, fields.count == 5, let seconds = Double(fields[0]),
                let bytes = Int(fields[1]), let system = Double(fields[2]), let status = Int32(fields[3]),
                let user = Double(fields[4])
            else {
                return .failure(.spawn(argv[0], firstLine(message) ?? "runner exited \(runner.terminationStatus)"))
            }
            guard status == 0 else {
                return .failure(.failed(command: argv, status: status, message: firstLine(message)))
            }
            runsFigures.append(
                CommandFigures(seconds: seconds, peakBytes: bytes, systemSeconds: system, userSeconds: user))
        }
        let median = runsFigures.sorted { $0.seconds < $1.seconds }[runsFigures.count / 2]
        return .success(
            CommandFigures(
                seconds: median.seconds, peakBytes: runsFigures.map(\.peakBytes).max() ?? 0,
                systemSeconds: median.systemSeconds, userSeconds: median.userSeconds))
    }

    private static func firstLine(_ text: String) -> String? {
        text.split(separator: "\n").first.map { String($0.prefix(200)) }
    }

    /// Runner mode: spawns one command with standard output to /dev/null and prints its wall time, peak resident
    /// memory, kernel time, wait status and user time; its standard error goes where this runner's does.
    static func runChild(_ argv: [String]) {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let start = DispatchTime.now().uptimeNanoseconds
        let status = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard status == 0 else {
            FileHandle.standardError.write(Data("cannot start \(argv[0]): \(String(cString: strerror(status)))\n".utf8))
            exit(1)
        }
        var exitStatus: Int32 = 0
        var usage = rusage()
        wait4(pid, &exitStatus, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        print(seconds, usage.ru_maxrss * 1024, system, exitStatus, user)
    }
}

/// Why the benchmark could not measure a command.
enum BenchmarkError: Error, CustomStringConvertible {
    case spawn(String, String)
    case failed(command: [String], status: Int32, message: String?)

    var description: String {
        switch self {
        case .spawn(let path, let reason):
            return "could not run \(path) (\(reason)); build with swift build -c release first"
        case .failed(let command, let status, let message):
            let name = command.prefix(3).map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " ")
            let how = status & 0x7F == 0 ? "exited with status \(status >> 8)" : "killed by signal \(status & 0x7F)"
            return "\(name) … \(how)" + (message.map { ": \($0)" } ?? "")
        }
    }
}
