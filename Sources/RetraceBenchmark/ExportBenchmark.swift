import Foundation

/// `retrace export` of the batch set (1,000 distinct executions) to each format, beside one Python process
/// loading the same files, and its peak memory beside exporting one of those executions alone: streaming means
/// the thousand cost no more memory than the one.
enum ExportBenchmark {
    static func run(tools: Benchmark.Tools, folder: URL) throws {
        let distinct = folder.appendingPathComponent("executions-\(BatchBenchmark.count)")
        _ = try SyntheticExecutions.write(count: BatchBenchmark.count, into: distinct)
        let first = try FileManager.default.contentsOfDirectory(atPath: distinct.path).sorted()[0]
        let single = distinct.appendingPathComponent(first).path
        let python = Measure.command(BatchBenchmark.pythonLoad(distinct), runs: 3)
        print("")
        print("Export — \(BatchBenchmark.count) distinct executions of about 200 events (\(distinct.path))")
        print(Benchmark.row("python3 json.load, one process", python, extra: ", median of 3 runs"))
        for format in ["otlp", "chrome", "ndjson"] {
            let output = folder.appendingPathComponent("export-\(format)" + (format == "ndjson" ? "" : ".out")).path
            let whole = Measure.command(
                [tools.retrace, "export", distinct.path, "--format", format, "-o", output], runs: 3)
            let one = Measure.command([tools.retrace, "export", single, "--format", format, "-o", output], runs: 3)
            print(Benchmark.row("retrace export --format \(format) DIR", whole, extra: ", median of 3 runs"))
            print(Benchmark.row("  one execution alone", one, extra: ", median of 3 runs"))
            print(
                Benchmark.verdict("\(format) ≤ 1.0 × Python load", [whole, python], limit: 1.0) {
                    $0[0].seconds / $0[1].seconds
                })
            print(
                Benchmark.verdict("\(format) peak ≤ 1.5 × one execution's", [whole, one], limit: 1.5) {
                    Double($0[0].peakBytes) / Double($0[1].peakBytes)
                })
        }
    }
}
