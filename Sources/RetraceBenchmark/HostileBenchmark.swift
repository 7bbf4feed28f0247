import Foundation

/// The hostile shapes of issue 13, each timed end to end against an ordinary history of about the same bytes in
/// the same run: cost must stay linear with a small constant whatever the bytes hold.
///
/// - 200 failed tasks with a 256 KiB cause each (50 MB), in every output format, against 200 tasks that succeed
///   with a 256 KiB output each: causes are shown and redacted in every report, outputs only carried.
/// - one 100 MiB cause against one 100 MiB output.
/// - a 200 MB history of the ordinary kind: peak memory against its size.
/// - Parallel states nested 150,000 deep (about 80 MB), against as many events of sequential Pass states: nesting
///   deeper than the reconstruction's limit is flattened, and must not cost more than the same events laid flat.
enum HostileBenchmark {
    /// A command line after the binary, and what it is called in the table.
    private struct Case {
        var label: String
        var arguments: [String]
    }

    private static let formats: [Case] = [
        Case(label: "analyze (text)", arguments: ["analyze"]),
        Case(label: "analyze --format json", arguments: ["analyze", "--format", "json"]),
        Case(label: "analyze --format markdown", arguments: ["analyze", "--format", "markdown"]),
        Case(label: "events --format json", arguments: ["events", "--format", "json"]),
        Case(label: "timeline", arguments: ["timeline", "-o", "-"]),
        Case(label: "graph --format dot", arguments: ["graph", "--format", "dot", "-o", "-"]),
    ]

    static func run(tools: Benchmark.Tools, folder: URL) throws {
        print("")
        let big = 256 * 1024
        let causes = try write(folder, "hostile-causes.json", tasks(200, bytes: big, inCause: true))
        let outputs = try write(folder, "hostile-outputs.json", tasks(200, bytes: big, inCause: false))
        print("Hostile: 200 causes of 256 KiB (\(size(causes))) against 200 outputs of 256 KiB (\(size(outputs)))")
        compare(formats, tools: tools, hostile: causes, ordinary: outputs)

        let huge = 100 << 20
        let hugeCause = try write(folder, "hostile-cause-100mib.json", tasks(1, bytes: huge, inCause: true))
        let hugeOutput = try write(folder, "hostile-output-100mib.json", tasks(1, bytes: huge, inCause: false))
        print("")
        print("Hostile: one 100 MiB cause (\(size(hugeCause))) against one 100 MiB output (\(size(hugeOutput)))")
        compare(Array(formats.prefix(4)), tools: tools, hostile: hugeCause, ordinary: hugeOutput)

        // The "a 200 MB history in ≤ 3 × its size": the ordinary generated history, 110,000 events long.
        var generator = SyntheticHistory(payloads: .large, eventLimit: 110_000)
        let large = try write(folder, "history-200mb.json", generator.generate())
        let largeBytes = (try? FileManager.default.attributesOfItem(atPath: large)[.size] as? Int) ?? 1
        print("")
        print("A long history: 110,000 events (\(size(large)))")
        for test in formats.prefix(2) {
            let figures = Measure.command([tools.retrace] + test.arguments + [large], runs: 1)
            print(Benchmark.row("  " + test.label, figures))
            print(
                Benchmark.verdict("  peak memory ≤ 3 × file", [figures], limit: 3) {
                    Double($0[0].peakBytes) / Double(largeBytes)
                })
        }

        let depth = 150_000
        let nested = try write(folder, "hostile-nested.json", nestedParallels(depth))
        let flat = try write(folder, "hostile-flat.json", sequentialPasses(depth * 2))
        print("")
        print(
            "Hostile: Parallel states nested \(depth) deep (\(size(nested))) against \(depth * 2) sequential Pass "
                + "states (\(size(flat)))")
        compare(Array(formats.prefix(2)), tools: tools, hostile: nested, ordinary: flat)
    }

    /// Times each case on both files (one run each: the files are large) and prints both with their ratio.
    private static func compare(_ cases: [Case], tools: Benchmark.Tools, hostile: String, ordinary: String) {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: hostile)[.size] as? Int) ?? 1
        for test in cases {
            let bad = Measure.command([tools.retrace] + test.arguments + [hostile], runs: 1)
            let good = Measure.command([tools.retrace] + test.arguments + [ordinary], runs: 1)
            print(Benchmark.row("  " + test.label + " (hostile)", bad))
            print(Benchmark.row("  " + test.label + " (ordinary)", good))
            print(
                Benchmark.verdict("  time ≤ 3 × ordinary", [bad, good], limit: 3) { $0[0].seconds / $0[1].seconds })
            print(
                Benchmark.verdict("  peak memory ≤ 3 × file", [bad], limit: 3) {
                    Double($0[0].peakBytes) / Double(bytes)
                })
        }
    }

    private static func write(_ folder: URL, _ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private static func size(_ path: String) -> String {
        Benchmark.megabytes((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
    }

    /// Lines of a stack trace, as causes hold them, escaped for a JSON string, `bytes` long.
    private static func traceText(_ bytes: Int, seed: Int) -> String {
        var text = ""
        text.reserveCapacity(bytes + 100)
        var line = seed
        while text.utf8.count < bytes {
            text += "  File \\\"/var/task/handler_\(line % 97).py\\\", line \(line % 1000), in step_\(line)\\n"
            line += 1
        }
        return text
    }

    /// Events written one by one, numbered, each linked to the one given, a history when done.
    private struct Events {
        private var lines: [String] = []
        private var id = 0

        mutating func add(_ type: String, _ previous: Int, _ details: String) -> Int {
            id += 1
            let time = String(format: "%.3f", 1_700_000_000.0 + Double(id) * 0.01)
            lines.append(
                "{\"id\":\(id),\"previousEventId\":\(previous),\"timestamp\":\(time),\"type\":\"\(type)\"\(details)}")
            return id
        }

        var history: String { "{\"events\":[\n" + lines.joined(separator: ",\n") + "\n]}\n" }
    }

    /// `count` Task states in sequence, each failing (caught, so that the next runs) with a cause of `bytes`, or
    /// succeeding with an output of `bytes`.
    private static func tasks(_ count: Int, bytes: Int, inCause: Bool) -> String {
        var events = Events()
        var last = events.add("ExecutionStarted", 0, ", \"executionStartedEventDetails\": {\"input\": \"{}\"}")
        for index in 0..<count {
            let name = "Step\(index)"
            last = events.add(
                "TaskStateEntered", last, ", \"stateEnteredEventDetails\": {\"name\": \"\(name)\", \"input\": \"{}\"}")
            last = events.add(
                "TaskScheduled", last,
                ", \"taskScheduledEventDetails\": {\"resourceType\": \"lambda\", \"resource\": \"invoke\", "
                    + "\"region\": \"eu-west-1\", \"parameters\": \"{}\"}")
            last = events.add(
                "TaskStarted", last,
                ", \"taskStartedEventDetails\": {\"resourceType\": \"lambda\", \"resource\": \"invoke\"}")
            let text = traceText(bytes, seed: index)
            if inCause {
                last = events.add(
                    "TaskFailed", last,
                    ", \"taskFailedEventDetails\": {\"resourceType\": \"lambda\", \"resource\": \"invoke\", "
                        + "\"error\": \"Worker.Crashed\", \"cause\": \"\(text)\"}")
            } else {
                last = events.add(
                    "TaskSucceeded", last,
                    ", \"taskSucceededEventDetails\": {\"resourceType\": \"lambda\", \"resource\": \"invoke\", "
                        + "\"output\": \"\(text)\"}")
            }
            last = events.add(
                "TaskStateExited", last, ", \"stateExitedEventDetails\": {\"name\": \"\(name)\", \"output\": \"{}\"}")
        }
        _ = events.add("ExecutionSucceeded", last, ", \"executionSucceededEventDetails\": {\"output\": \"{}\"}")
        return events.history
    }

    /// Parallel states each the only state of the one branch of the one before, `depth` deep, a Pass inside.
    private static func nestedParallels(_ depth: Int) -> String {
        var events = Events()
        var last = events.add("ExecutionStarted", 0, ",\"executionStartedEventDetails\":{\"input\":\"{}\"}")
        for level in 0..<depth {
            last = events.add(
                "ParallelStateEntered", last, ",\"stateEnteredEventDetails\":{\"name\":\"P\(level)\",\"input\":\"{}\"}")
            last = events.add("ParallelStateStarted", last, "")
        }
        last = events.add(
            "PassStateEntered", last, ",\"stateEnteredEventDetails\":{\"name\":\"Inner\",\"input\":\"{}\"}")
        last = events.add(
            "PassStateExited", last, ",\"stateExitedEventDetails\":{\"name\":\"Inner\",\"output\":\"{}\"}")
        for level in (0..<depth).reversed() {
            last = events.add("ParallelStateSucceeded", last, "")
            last = events.add(
                "ParallelStateExited", last, ",\"stateExitedEventDetails\":{\"name\":\"P\(level)\",\"output\":\"{}\"}")
        }
        _ = events.add("ExecutionSucceeded", last, ",\"executionSucceededEventDetails\":{\"output\":\"{}\"}")
        return events.history
    }

    /// `count` Pass states one after the other: the same kind of events as `nestedParallels`, laid flat.
    private static func sequentialPasses(_ count: Int) -> String {
        var events = Events()
        var last = events.add("ExecutionStarted", 0, ",\"executionStartedEventDetails\":{\"input\":\"{}\"}")
        for index in 0..<count {
            last = events.add(
                "PassStateEntered", last, ",\"stateEnteredEventDetails\":{\"name\":\"P\(index)\",\"input\":\"{}\"}")
            last = events.add(
                "PassStateExited", last, ",\"stateExitedEventDetails\":{\"name\":\"P\(index)\",\"output\":\"{}\"}")
        }
        _ = events.add("ExecutionSucceeded", last, ",\"executionSucceededEventDetails\":{\"output\":\"{}\"}")
        return events.history
    }
}
