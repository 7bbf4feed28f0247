import Replay
import RetraceCore

/// The text `retrace replay --definition` prints: the verdict, the first divergence (or all), what was not
/// compared.
struct ReplayReportText {
    var report: ReplayReport
    var all: Bool

    func render() -> String {
        var lines: [String] = []
        let count = report.divergences.count
        if count == 0 {
            lines.append(
                "✓ The definition agrees with the history: \(report.statesReplayed) state visits replayed, "
                    + "\(report.agreements) comparisons agreed")
        } else {
            lines.append(
                "✗ \(count) divergence\(count == 1 ? "" : "s") between the definition and the history "
                    + "(\(report.statesReplayed) state visits replayed, \(report.agreements) comparisons agreed)")
            let shown = all ? report.divergences : Array(report.divergences.prefix(1))
            for (index, divergence) in shown.enumerated() {
                lines.append("")
                lines.append(index == 0 ? "First divergence" : "Divergence \(index + 1)")
                lines.append(contentsOf: Self.lines(divergence))
            }
            if !all, count > 1 { lines.append("  … \(count - 1) more (--all lists every one)") }
        }
        if !report.notCompared.isEmpty {
            lines.append("")
            lines.append("Not compared")
            for (category, number) in report.notComparedCounts {
                lines.append("  \(category.title): \(number)")
            }
            if all {
                for entry in report.notCompared { lines.append("    \(entry)") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func lines(_ divergence: Divergence) -> [String] {
        var lines = ["  event       #\(divergence.eventID)"]
        var place = divergence.location.pathDescription
        if let state = divergence.state, !divergence.location.contains(.state(state)) {
            place = place.isEmpty ? state : "\(place) › \(state)"
        }
        if !place.isEmpty { lines.append("  where       \(place)") }
        lines.append("  check       \(divergence.kind.title)")
        lines.append("  definition  \(divergence.expected)")
        lines.append("  history     \(divergence.recorded)")
        return lines
    }
}
