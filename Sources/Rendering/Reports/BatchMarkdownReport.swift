import Diagnostics
import RetraceCore

/// The Markdown report of many executions, for CI job summaries: totals, failures by root cause, and a table
/// with a row per execution. Log text is escaped so that it cannot break a table or inject markup.
public struct BatchMarkdownReport {
    private let batch: BatchDiagnosis
    private let redactor = CredentialRedactor.standard

    /// Creates a report.
    public init(batch: BatchDiagnosis) {
        self.batch = batch
    }

    /// The Markdown text, ending with a newline.
    public func render() -> String {
        var lines = ["## \(MarkdownText.escape(BatchLine.totals(batch)))", ""]
        if !batch.groups.isEmpty {
            lines += [
                "### Failures by root cause", "", "| count | where | error | first | last |", "|---:|---|---|---|---|",
            ]
            for group in batch.groups {
                lines.append(
                    "| \(group.rows.count) | \(cell(group.signature.place)) | \(cell(group.signature.error)) | "
                        + "\(occurrence(batch.rows[group.first])) | \(occurrence(batch.rows[group.last])) |")
            }
            lines.append("")
        }
        let noun = batch.rows.allSatisfy(\.isExecution) ? ("Executions", "execution") : ("Logs", "log")
        lines += ["### \(noun.0)", "", "| | \(noun.1) | started | duration | root cause |", "|---|---|---|---:|---|"]
        for row in batch.rows {
            let name = cell(row.name) + (row.isComplete ? "" : " (incomplete)")
            lines.append(
                "| \(Verdict.text(row.outcome)) | \(name) | \(row.start.map(TimeText.human) ?? "–") | "
                    + "\(row.durationMilliseconds.map { DurationFormatter.string(milliseconds: $0) } ?? "–") | "
                    + "\(cell(BatchLine.rootCause(row, redactor: redactor))) |")
        }
        if !batch.warnings.isEmpty {
            lines += ["", "### Warnings", ""]
            lines += batch.warnings.map { "- " + cell($0.message) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func cell(_ text: String) -> String { MarkdownText.escape(redactor.redact(text)) }

    private func occurrence(_ row: BatchDiagnosis.Row) -> String {
        cell(row.name) + (row.start.map { " (\(TimeText.human($0)))" } ?? "")
    }
}
