import Foundation

/// `retrace diff` of two 25,000-event executions of one state machine (the same run with large and with small
/// payloads: every state alike, every input different), beside `retrace analyze` of the larger one alone. Diff
/// reads and analyses both, then walks them side by side: the target is at most twice one analysis.
enum DiffBenchmark {
    static func run(tools: Benchmark.Tools, folder: URL) throws {
        let large = folder.appendingPathComponent("history-25k.json").path
        let small = folder.appendingPathComponent("history-small-payloads.json").path
        if !FileManager.default.fileExists(atPath: large) {
            var generator = SyntheticHistory(payloads: .large)
            try generator.generate().write(toFile: large, atomically: true, encoding: .utf8)
        }
        if !FileManager.default.fileExists(atPath: small) {
            var generator = SyntheticHistory(payloads: .small)
            try generator.generate().write(toFile: small, atomically: true, encoding: .utf8)
        }
        let analyze = Measure.command([tools.retrace, "analyze", "--format", "json", large], runs: 3)
        let diff = Measure.command([tools.retrace, "diff", "--format", "json", large, small], runs: 3)
        print("")
        print("Diff — two 25,000-event executions (\(large), \(small))")
        print(Benchmark.row("retrace analyze --format json A", analyze, extra: ", median of 3 runs"))
        print(Benchmark.row("retrace diff --format json A B", diff, extra: ", median of 3 runs"))
        print(
            Benchmark.verdict("diff ≤ 2 × analysing one", [diff, analyze], limit: 2.0) {
                $0[0].seconds / $0[1].seconds
            })
    }
}
