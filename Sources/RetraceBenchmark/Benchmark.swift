import Diagnostics
import Foundation
import Rendering
import RetraceCore
import StepFunctions

/// `swift run -c release retrace-benchmark [--keep FILE]`: generates a 25,000-event history and prints how
/// fast Retrace reads, reconstructs and analyses it, end to end against Python's `json.load` of the same file,
/// with peak memory. Figures, not a pass/fail test; the targets are printed beside them.
@main
enum Benchmark {
    static func main() throws {
        let arguments = CommandLine.arguments
        if arguments.count > 2, arguments[1] == Measure.childFlag {
            // Runner mode: spawned small, so that the command it spawns reports its own peak memory.
            let figures = try Measure.spawnAndWait(Array(arguments.dropFirst(2)))
            print(figures.seconds, figures.peakBytes)
            return
        }
        let keep = arguments.firstIndex(of: "--keep").flatMap {
            arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("retrace-benchmark")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = keep ?? folder.appendingPathComponent("history-25k.json").path

        var generator = SyntheticHistory()
        let text = generator.generate()
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let bytes = Double(text.utf8.count)
        let megabytes = bytes / 1_048_576

        let input = try InputBuffer.read(path: file)
        let parse = Measure.best(of: 5) {
            try? JSONReader().forEachDocument(in: input, expecting: "JSON") { _, _ in }
        }
        let decode = Measure.best(of: 5) { _ = try? HistoryDecoder().decode([input]) }
        let history = try HistoryDecoder().decode([input])
        let reconstruct = Measure.best(of: 5) { _ = ExecutionTree(history: history) }
        let tree = ExecutionTree(history: history)
        let diagnose = Measure.best(of: 5) { _ = ExecutionDiagnoser().diagnose(tree) }
        let diagnosis = ExecutionDiagnoser().diagnose(tree)
        let json = Measure.best(of: 5) { _ = ExecutionJSONReport(tree: tree, diagnosis: diagnosis).render() }
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

        let binary = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().appendingPathComponent("retrace")
            .path
        let endToEnd = try Measure.command([binary, "analyze", "--format", "json", file], runs: 5)
        let python = try Measure.command(
            ["/usr/bin/env", "python3", "-c", "import json, sys; json.load(open(sys.argv[1]))", file], runs: 5)

        let ratio = endToEnd.seconds / python.seconds
        let memoryRatio = Double(endToEnd.peakBytes) / bytes
        print("Retrace benchmark — \(history.events.count) events, \(String(format: "%.1f", megabytes)) MB (\(file))")
        print(row("parse (simdjson DOM)", parse, extra: String(format: "%.0f MB/s", megabytes / parse)))
        print(row("decode (bytes → typed events)", decode, extra: String(format: "%.0f MB/s", megabytes / decode)))
        print(row("reconstruct (events → tree)", reconstruct))
        print(row("diagnose (tree → findings)", diagnose))
        print(row("JSON report (render)", json))
        print(row("graph → DOT", dot, extra: "\(graph.nodes.count) nodes, \(dotText.utf8.count / 1024) KB"))
        print(row("graph → SVG (Graphviz dot)", svg, extra: svgBytes < 0 ? "Graphviz failed" : "\(svgBytes / 1024) KB"))
        print(row("timeline → SVG", timeline, extra: "\(timelineRows) rows"))
        print(
            row(
                "retrace analyze --format json", endToEnd.seconds,
                extra: "peak \(endToEnd.peakBytes / 1_048_576) MB, median of 5 runs"))
        print(row("python3 json.load (same file)", python.seconds, extra: "peak \(python.peakBytes / 1_048_576) MB"))
        print("")
        print(verdict("end to end ≤ 0.5 × Python parse", String(format: "%.2f ×", ratio), ratio <= 0.5))
        print(verdict("decode ≥ 300 MB/s", String(format: "%.0f MB/s", megabytes / decode), megabytes / decode >= 300))
        print(verdict("peak memory ≤ 3 × file size", String(format: "%.2f ×", memoryRatio), memoryRatio <= 3))
        print(verdict("graph DOT ≤ 100 ms", String(format: "%.1f ms", dot * 1000), dot <= 0.1))
        print(
            verdict("graph SVG through Graphviz ≤ 1 s", String(format: "%.0f ms", svg * 1000), svg <= 1 && svgBytes > 0)
        )
        print(verdict("timeline SVG ≤ 200 ms", String(format: "%.1f ms", timeline * 1000), timeline <= 0.2))
        try DefinitionReplayBenchmark.run(binary: binary, folder: folder)
    }

    static func row(_ label: String, _ seconds: Double, extra: String = "") -> String {
        label.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%9.1f ms", seconds * 1000)
            + (extra.isEmpty ? "" : "   " + extra)
    }

    static func verdict(_ target: String, _ measured: String, _ met: Bool) -> String {
        (met ? "met    " : "MISSED ") + target.padding(toLength: 34, withPad: " ", startingAt: 0) + measured
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
    }

    static let childFlag = "--measure-child"

    /// Runs a command `runs` times with its output discarded; the median time and the largest peak RSS.
    ///
    /// Each run goes through a fresh, small copy of this program: on Linux a child's peak RSS starts from its
    /// parent's at exec, so spawning straight from this process (which holds the history) would overstate it.
    static func command(_ argv: [String], runs: Int) throws -> CommandFigures {
        var times: [Double] = []
        var peak = 0
        for _ in 0..<runs {
            let runner = Process()
            runner.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            runner.arguments = [childFlag] + argv
            let pipe = Pipe()
            runner.standardOutput = pipe
            try runner.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            runner.waitUntilExit()
            let fields = output.split(whereSeparator: { $0 == " " || $0 == "\n" })
            guard runner.terminationStatus == 0, fields.count == 2, let seconds = Double(fields[0]),
                let bytes = Int(fields[1])
            else { throw BenchmarkError.failed(argv.joined(separator: " "), runner.terminationStatus) }
            times.append(seconds)
            peak = max(peak, bytes)
        }
        return CommandFigures(seconds: times.sorted()[times.count / 2], peakBytes: peak)
    }

    /// Spawns one command with standard output to /dev/null; its wall time and peak resident memory.
    static func spawnAndWait(_ argv: [String]) throws -> CommandFigures {
        var times: [Double] = []
        var peak = 0
        for _ in 0..<1 {
            var pid: pid_t = 0
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            defer { posix_spawn_file_actions_destroy(&actions) }
            let cArguments = argv.map { strdup($0) } + [nil]
            defer { cArguments.forEach { free($0) } }
            let start = DispatchTime.now().uptimeNanoseconds
            let status = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
            guard status == 0 else { throw BenchmarkError.spawn(argv[0], status) }
            var exitStatus: Int32 = 0
            var usage = rusage()
            wait4(pid, &exitStatus, 0, &usage)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            peak = max(peak, usage.ru_maxrss * 1024)
            guard exitStatus == 0 else { throw BenchmarkError.failed(argv.joined(separator: " "), exitStatus) }
        }
        return CommandFigures(seconds: times.sorted()[times.count / 2], peakBytes: peak)
    }
}

/// Why the benchmark could not run a command.
enum BenchmarkError: Error, CustomStringConvertible {
    case spawn(String, Int32)
    case failed(String, Int32)

    var description: String {
        switch self {
        case .spawn(let path, let code):
            return "could not start \(path) (error \(code)); build with swift build -c release first"
        case .failed(let command, let status): return "\(command) exited with status \(status)"
        }
    }
}
