import Replay
import RetraceCore

/// The text `retrace replay --definition` prints: the verdict, the first divergence (or every one), and what
/// could not be compared, by category.
public struct ReplayReportText {
    private let report: ReplayReport
    private let all: Bool
    private let style: TextStyle
    private let redactor = CredentialRedactor.standard

    /// Creates the text of a report; `all` lists every divergence and every not-compared entry.
    public init(report: ReplayReport, all: Bool, style: TextStyle = .plain) {
        self.report = report
        self.all = all
        self.style = style
    }

    /// The text, ending with a newline.
    public func render() -> String {
        var lines: [String] = []
        let count = report.divergences.count
        if count == 0 {
            lines.append(style.green("✓ The definition agrees with the history") + ": " + Self.counts(report))
        } else {
            lines.append(
                style.red("✗ \(Noun("divergence").counted(count)) between the definition and the history")
                    + " (\(Self.counts(report)))")
            let shown = all ? report.divergences : Array(report.divergences.prefix(1))
            for (index, divergence) in shown.enumerated() {
                lines.append("")
                lines.append(style.bold(index == 0 ? "First divergence" : "Divergence \(index + 1)"))
                lines.append(contentsOf: details(divergence))
            }
            if !all, count > 1 { lines.append(style.dim("  … \(count - 1) more (--all lists every one)")) }
        }
        if !report.notCompared.isEmpty {
            lines.append("")
            lines.append(style.bold("Not compared"))
            var table = TextTable(columns: [.init(""), .init("", alignment: .right)])
            for (category, number) in report.notComparedCounts { table.addRow([category.title, String(number)]) }
            lines += table.render(style: style).split(separator: "\n").map { "  " + $0 }
            if all {
                for entry in report.notCompared { lines.append("    " + clean("\(entry)")) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `12 state visits compared, 2 not compared, 40 comparisons agreed`: shared by the text and Markdown reports.
    static func counts(_ report: ReplayReport) -> String {
        var parts = ["\(Noun("state visit").counted(report.statesReplayed)) compared"]
        if report.visitsNotCompared > 0 { parts.append("\(report.visitsNotCompared) not compared") }
        parts.append("\(Noun("comparison").counted(report.agreements)) agreed")
        return parts.joined(separator: ", ")
    }

    private func details(_ divergence: Divergence) -> [String] {
        let place = divergence.statePath.pathDescription
        var rows: [(String, String)] = [("event", "#\(divergence.eventID)")]
        if !place.isEmpty { rows.append(("where", clean(place))) }
        rows += [
            ("check", divergence.kind.title), ("definition", clean(divergence.expected)),
            ("history", clean(divergence.recorded)),
        ]
        return rows.map { "  " + style.dim($0.0.padding(toLength: 12, withPad: " ", startingAt: 0)) + $0.1 }
    }

    private func clean(_ text: String) -> String { TerminalText.sanitized(redactor.redact(text)) }
}
