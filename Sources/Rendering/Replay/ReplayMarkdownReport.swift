import Replay
import RetraceCore

/// The `retrace replay --definition --format markdown` report, for CI job summaries: a verdict per execution, a
/// table of every divergence, and what was not compared, by category. Text from the history is escaped so that it
/// cannot break a table or inject markup.
public struct ReplayMarkdownReport {
    private let definition: String
    private let executions: [ReplayedExecution]
    private let skipped: [String]
    private let redactor = CredentialRedactor.standard

    /// Creates a report of `executions` replayed against the definition read from `definition`; `skipped` names
    /// the executions given that ran another definition.
    public init(definition: String, executions: [ReplayedExecution], skipped: [String] = []) {
        self.definition = definition
        self.executions = executions
        self.skipped = skipped
    }

    /// The Markdown text, ending with a newline.
    public func render() -> String {
        let diverging = executions.filter { !$0.report.agrees }.count
        let verdict =
            diverging == 0
            ? "✓ \(cell(definition)) agrees with \(Noun("execution").counted(executions.count))"
            : "✗ \(cell(definition)) diverges from \(diverging) of \(Noun("execution").counted(executions.count))"
        var lines = ["## Replay: \(verdict)"]
        for execution in executions {
            lines += [""] + section(execution)
        }
        if !skipped.isEmpty {
            lines += [
                "", "### Not replayed", "", "Entered states the definition does not have, so ran another one:", "",
            ]
            lines += skipped.map { "- " + cell($0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func section(_ execution: ReplayedExecution) -> [String] {
        let report = execution.report
        let mark = report.agrees ? "✓" : "✗"
        var lines = [
            "### \(mark) \(cell(execution.name))", "", MarkdownText.escape(ReplayReportText.counts(report)) + ".",
        ]
        if !report.divergences.isEmpty {
            lines += [
                "", "| event | where | check | definition | history |", "|---:|---|---|---|---|",
            ]
            for divergence in report.divergences {
                lines.append(
                    "| #\(divergence.eventID) | \(cell(divergence.statePath.pathDescription)) | "
                        + "\(divergence.kind.title) | \(cell(divergence.expected)) | \(cell(divergence.recorded)) |")
            }
        }
        if !report.notCompared.isEmpty {
            lines += ["", "| not compared | count |", "|---|---:|"]
            for (category, count) in report.notComparedCounts { lines.append("| \(category.title) | \(count) |") }
        }
        return lines
    }

    private func cell(_ text: String) -> String { MarkdownText.escape(redactor.redact(text)) }
}
