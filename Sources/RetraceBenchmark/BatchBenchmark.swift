import Foundation

/// The batch cases: a folder of 1,000 distinct executions (about 200 events each) analysed by one
/// `retrace analyze --format json DIR`, beside one Python process loading the same files; then a folder of
/// 1,000 identical copies of one history.
enum BatchBenchmark {
    static let count = 1_000

    static func run(tools: Benchmark.Tools, folder: URL) throws {
        let distinct = folder.appendingPathComponent("executions-\(count)")
        let largest = try SyntheticExecutions.write(count: count, into: distinct)
        let totalBytes = try folderSize(distinct)
        let retrace = Measure.command([tools.retrace, "analyze", "--format", "json", distinct.path], runs: 3)
        let python = Measure.command(pythonLoad(distinct), runs: 3)
        print("")
        print(
            "Batch — \(count) distinct executions of about 200 events, "
                + "\(Benchmark.megabytes(totalBytes)) in all, largest \(largest / 1024) KB (\(distinct.path))")
        print(Benchmark.row("retrace analyze --format json DIR", retrace, extra: ", median of 3 runs"))
        print(Benchmark.row("python3 json.load, one process", python, extra: ", median of 3 runs"))
        print(
            Benchmark.verdict("batch ≤ 0.5 × Python load", [retrace, python], limit: 0.5) {
                $0[0].seconds / $0[1].seconds
            })
        // Printed as a share of the allowance: 1.00 × is exactly 3 × the largest file + 100 MB.
        let allowance = Double(3 * largest + (100 << 20))
        let memory = Benchmark.verdict("peak ≤ 3 × largest file + 100 MB", [retrace], limit: 1.0) {
            Double($0[0].peakBytes) / allowance
        }
        let succeeded = (try? retrace.get()) != nil
        print(memory + (succeeded ? " of the allowance (\(Benchmark.megabytes(Int(allowance))))" : ""))

        // The same history 1,000 times over: one execution given 1,000 times, which must not cost 1,000 of them.
        let copies = folder.appendingPathComponent("copies-\(count)")
        try? FileManager.default.removeItem(at: copies)
        try FileManager.default.createDirectory(at: copies, withIntermediateDirectories: true)
        let one = Data(SyntheticExecutions.history(0).utf8)
        for index in 0..<count {
            try one.write(to: copies.appendingPathComponent("copy-\(String(format: "%04d", index)).json"))
        }
        let same = Measure.command([tools.retrace, "analyze", "--format", "json", copies.path], runs: 1)
        var extra = ", one run"
        if case .success(let figures) = same {
            extra += String(format: ", %.1f s in the kernel", figures.systemSeconds)
        }
        print(Benchmark.row("\(count) identical copies (DIR)", same, extra: extra))
    }

    /// One Python process loading every file of `folder` with `json.load`: what the batch cases are held against.
    static func pythonLoad(_ folder: URL) -> [String] {
        [
            "/usr/bin/env", "python3", "-c",
            "import json, os, sys\nfor name in sorted(os.listdir(sys.argv[1])):\n"
                + "    json.load(open(os.path.join(sys.argv[1], name)))",
            folder.path,
        ]
    }

    static func folderSize(_ folder: URL) throws -> Int {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.fileSizeKey]).reduce(0) {
            $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
        }
    }
}
