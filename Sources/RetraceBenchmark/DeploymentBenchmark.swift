import Foundation

/// Deployment logs of a million events (GameLift, CloudFormation, ModelArts), end to end, against a Step Functions history read
/// the same way: both as time per megabyte, so that the ratio says what a deployment log costs beside an ordinary
/// history of the same bytes (target: at most 3 ×), with peak memory against the file's size (at most 3 ×).
enum DeploymentBenchmark {
    static let eventCount = 1_000_000

    static func run(tools: Benchmark.Tools, folder: URL) throws {
        print("")
        print("Deployment logs — \(eventCount) events each, end to end (median of 3)")
        let history = folder.appendingPathComponent("history-25k.json").path
        if !FileManager.default.fileExists(atPath: history) {
            var generator = SyntheticHistory(payloads: .large)
            try generator.generate().write(toFile: history, atomically: true, encoding: .utf8)
        }
        let reference = Measure.command([tools.retrace, "analyze", "--format", "json", history], runs: 3)
        let historyBytes = (try? FileManager.default.attributesOfItem(atPath: history)[.size] as? Int) ?? 1
        print(
            Benchmark.row(
                "Step Functions history (reference)", reference,
                extra: String(format: ", %.1f MB", Double(historyBytes) / 1_048_576)))
        for (name, text) in [
            ("GameLift fleet events", SyntheticDeploymentLogs.gameLift(events: eventCount)),
            ("CloudFormation stack events", SyntheticDeploymentLogs.cloudFormation(events: eventCount)),
            ("ModelArts service events", SyntheticDeploymentLogs.modelArts(events: eventCount)),
        ] {
            let file = folder.appendingPathComponent(
                name.lowercased().replacingOccurrences(of: " ", with: "-") + ".json")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let bytes = text.utf8.count
            let figures = Measure.command([tools.retrace, "analyze", "--format", "json", file.path], runs: 3)
            print(
                Benchmark.row(
                    name, figures, extra: String(format: ", %.1f MB", Double(bytes) / 1_048_576)))
            print(
                Benchmark.verdict(
                    "time per MB ≤ 3 × a history's", [figures, reference], limit: 3.0
                ) { ($0[0].seconds / Double(bytes)) / ($0[1].seconds / Double(historyBytes)) })
            print(
                Benchmark.verdict("peak memory ≤ 3 × file size", [figures], limit: 3.0) {
                    Double($0[0].peakBytes) / Double(bytes)
                })
        }
    }
}
