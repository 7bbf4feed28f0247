import Foundation

/// Live fetch of a 25,000-event history in pages of 1,000 from the local paging stub with 50 ms added to every
/// call, fetched and analysed end to end (`retrace analyze ARN`), beside the 25 × 50 ms that reading the pages
/// strictly one after another would take at least.
enum FetchBenchmark {
    static let delay = 0.05

    static func run(tools: Benchmark.Tools, history: String) throws {
        print("\nLive fetch (25 pages of 1,000 events, 50 ms per call, local stub)")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = root.appendingPathComponent("Tests/Stubs/paging_stub.py").path
        let secret = "benchmark-secret"
        let stub = Process()
        stub.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        stub.arguments = ["python3", script, history, "1000", secret, "0", String(Int(delay * 1000))]
        let input = Pipe()
        let output = Pipe()
        stub.standardInput = input
        stub.standardOutput = output
        try stub.run()
        defer {
            try? input.fileHandleForWriting.close()
            stub.waitUntilExit()
        }
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line += byte
        }
        let endpoint = "http://127.0.0.1:\(String(decoding: line, as: UTF8.self))"
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: history)))
        let arn =
            ((document as? [String: Any])?["executionArn"] as? String)
            ?? "arn:aws:states:eu-west-1:123456789012:execution:Stub:paged"
        setenv("AWS_ACCESS_KEY_ID", "AKIDBENCHMARK", 1)
        setenv("AWS_SECRET_ACCESS_KEY", secret, 1)
        let fetched = Measure.command(
            [tools.retrace, "analyze", "--format", "json", "--endpoint-url", endpoint, arn], runs: 5)
        let sequential = 25 * delay
        var extra = ", median of 5 runs"
        if case .success(let figures) = fetched {
            extra = String(format: ", CPU %.0f ms", (figures.userSeconds + figures.systemSeconds) * 1000) + extra
        }
        print(Benchmark.row("analyze ARN (fetch + analyse)", fetched, extra: extra))
        print(Benchmark.row("25 pages one after another (floor)", sequential))
        print(
            Benchmark.verdict("≤ 0.6 × sequential paging", [fetched], limit: 0.6) {
                $0[0].seconds / sequential
            })
    }
}
