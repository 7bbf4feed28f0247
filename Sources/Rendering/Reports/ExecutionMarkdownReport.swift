import Foundation
import RetraceCore
import StepFunctions

/// A Markdown report for CI job summaries and pull-request comments: verdict, root cause, findings and the
/// per-state table. Log text is escaped so that it cannot break the table or inject markup.
public struct ExecutionMarkdownReport {
    private let tree: ExecutionTree
    private let diagnosis: Diagnosis?
    private let redactor = CredentialRedactor.standard

    /// Creates a report.
    public init(tree: ExecutionTree, diagnosis: Diagnosis?) {
        self.tree = tree
        self.diagnosis = diagnosis
    }

    /// The Markdown text, ending with a newline.
    public func render() -> String {
        var lines: [String] = []
        let name = tree.history.executionArn ?? tree.history.sources.joined(separator: ", ")
        lines.append("## \(Verdict.text(tree.outcome)) `\(MarkdownText.code(redactor.redact(name)))`")
        lines.append("")
        var facts = ["\(tree.events.count) events", "\(tree.stateTransitionCount) state transition(s)"]
        if let duration = tree.durationMilliseconds {
            facts.insert(DurationFormatter.string(milliseconds: duration), at: 0)
        }
        if tree.redriveCount > 0 { facts.append("\(tree.redriveCount) redrive(s)") }
        lines.append(facts.joined(separator: " · "))
        if !tree.history.completeness.isComplete {
            lines.append("")
            lines.append(
                "**Incomplete history** — not given: "
                    + MarkdownText.escape(tree.history.completeness.missingPieces.joined(separator: "; ")))
        }
        if let root = diagnosis?.rootCause {
            lines.append("")
            lines.append("### Root cause")
            lines.append("")
            lines.append(contentsOf: MarkdownText.finding(root, redactor: redactor))
        }
        let findings = (diagnosis?.findings ?? []).filter { !$0.code.isLogAnomaly }
        if !findings.isEmpty {
            lines.append("")
            lines.append("### Findings")
            lines.append("")
            for finding in findings {
                let location =
                    finding.location.isEmpty ? "" : " — `\(MarkdownText.code(finding.location.pathDescription))`"
                lines.append(
                    "- **\(finding.severity.rawValue)** \(MarkdownText.escape(redactor.redact(finding.title)))\(location)"
                )
            }
        }
        lines.append("")
        lines.append("### Per state")
        lines.append("")
        lines.append("| State | Type | Visits | Attempts | Failed | Total | Max |")
        lines.append("|---|---|--:|--:|--:|--:|--:|")
        for row in StateSummary.rows(of: tree) {
            let total = row.totalMilliseconds.map { DurationFormatter.string(milliseconds: $0) } ?? "–"
            let max = row.maxMilliseconds.map { DurationFormatter.string(milliseconds: $0) } ?? "–"
            lines.append(
                "| \(MarkdownText.escape(row.name)) | \(row.type.rawValue) | \(row.visits) | \(row.attempts) | "
                    + "\(row.failures) | \(total) | \(max) |")
        }
        if !tree.warnings.isEmpty {
            lines.append("")
            lines.append("### Warnings")
            lines.append("")
            for warning in tree.warnings { lines.append("- \(MarkdownText.escape(redactor.redact(warning.message)))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Escaping for Markdown, shared by the Markdown reports.
enum MarkdownText {
    /// Escapes characters with meaning in Markdown and HTML, and folds line breaks, so text stays one cell.
    static func escape(_ text: String) -> String {
        var out = ""
        // Control characters (ESC sequences, BEL) are made visible first: a summary is read in terminals too.
        for character in TerminalText.sanitized(text) {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~": out += "\\\(character)"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// Text for inside a code span: backticks cannot close it.
    static func code(_ text: String) -> String {
        TerminalText.sanitized(text).replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ")
    }

    static func finding(_ finding: Finding, redactor: CredentialRedactor) -> [String] {
        var rows = ["| | |", "|---|---|"]
        func add(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            rows.append("| \(label) | \(escape(redactor.redact(value))) |")
        }
        add("what", finding.title)
        add("where", finding.location.pathDescription + (finding.evidence.first.map { " (event #\($0))" } ?? ""))
        add("error", finding.error)
        add("cause", finding.cause.map { String($0.prefix(600)) })
        add("why", finding.explanation)
        add("fix", finding.remedy)
        return rows
    }
}
