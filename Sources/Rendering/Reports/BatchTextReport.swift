import Diagnostics
import RetraceCore

/// The text report of many executions at once: a line each, the failures grouped by root cause, then totals
/// and warnings. Every text from the logs is redacted and made safe for a terminal.
public struct BatchTextReport {
    private let batch: BatchDiagnosis
    private let style: TextStyle
    private let redactor = CredentialRedactor.standard

    /// Creates a report.
    public init(batch: BatchDiagnosis, style: TextStyle) {
        self.batch = batch
        self.style = style
    }

    /// The report, ending with a newline.
    public func render() -> String {
        var sections = [rows()]
        if !batch.groups.isEmpty { sections.append(groups()) }
        sections.append(style.bold(BatchLine.totals(batch)))
        if !batch.warnings.isEmpty {
            let lines = batch.warnings.map {
                "  " + style.yellow("!") + " " + TerminalText.sanitized(redactor.redact($0.message))
            }
            sections.append(style.bold("Warnings") + "\n" + lines.joined(separator: "\n"))
        }
        return sections.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }.joined(separator: "\n\n") + "\n"
    }

    private func rows() -> String {
        var table = TextTable(columns: [
            .init(""), .init(batch.rows.allSatisfy(\.isExecution) ? "Execution" : "Log", maximumWidth: 48),
            .init("Started"),
            .init("Duration", alignment: .right), .init("Root cause", maximumWidth: 90),
        ])
        for row in batch.rows {
            var name = TerminalText.sanitized(redactor.redact(row.name))
            if !row.isComplete { name += " (incomplete)" }
            if row.childCount > 0 { name += " (+\(row.childCount) child\(row.childCount == 1 ? "" : "ren"))" }
            table.addRow([
                status(row.outcome), name, row.start.map(TimeText.human) ?? "–",
                row.durationMilliseconds.map { DurationFormatter.string(milliseconds: $0) } ?? "–",
                TerminalText.sanitized(BatchLine.rootCause(row, redactor: redactor)),
            ])
        }
        return table.render(style: style)
    }

    private func groups() -> String {
        var table = TextTable(columns: [
            .init("", alignment: .right), .init("Where", maximumWidth: 40), .init("Error", maximumWidth: 48),
            .init("First"), .init("Last"),
        ])
        for group in batch.groups {
            let first = batch.rows[group.first]
            let last = batch.rows[group.last]
            table.addRow([
                BatchLine.count(group.rows.count), TerminalText.sanitized(redactor.redact(group.signature.place)),
                TerminalText.sanitized(redactor.redact(group.signature.error)), occurrence(first),
                group.rows.count > 1 ? occurrence(last) : "",
            ])
        }
        return style.bold("Failures by root cause") + "\n" + table.render(style: style)
    }

    private func occurrence(_ row: BatchDiagnosis.Row) -> String {
        let name = TerminalText.truncated(TerminalText.sanitized(redactor.redact(row.name)), toWidth: 32)
        return row.start.map { "\(name) (\(TimeText.human($0)))" } ?? name
    }

    private func status(_ outcome: RunOutcome) -> String {
        let text = Verdict.text(outcome)
        if outcome == .succeeded { return style.green(text) }
        return outcome.isFailure ? style.red(text) : style.cyan(text)
    }
}
