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
        var facts = [
            Noun("event").counted(tree.events.count), Noun("state transition").counted(tree.stateTransitionCount),
        ]
        if let duration = tree.durationMilliseconds {
            facts.insert(DurationFormatter.string(milliseconds: duration), at: 0)
        }
        if tree.redriveCount > 0 { facts.append(Noun("redrive").counted(tree.redriveCount)) }
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
            for finding in findings { lines.append(contentsOf: MarkdownText.item(finding, redactor: redactor)) }
        }
        lines.append("")
        lines.append("### Per state")
        lines.append("")
        lines.append("| State | Type | Visits | Failed visits | Attempts | Failed attempts | Total | Max |")
        lines.append("|---|---|--:|--:|--:|--:|--:|--:|")
        let shown = StateSummaryShown(StateSummary.rows(of: tree))
        for row in shown.rows {
            let total = row.totalMilliseconds.map { DurationFormatter.string(milliseconds: $0) } ?? "–"
            let max = row.maxMilliseconds.map { DurationFormatter.string(milliseconds: $0) } ?? "–"
            let attempts = row.attempts == 0 ? "– | –" : "\(row.attempts) | \(row.failedAttempts)"
            lines.append(
                "| \(MarkdownText.escape(row.name)) | \(row.type.rawValue) | \(row.visits) | \(row.failedVisits) | "
                    + "\(attempts) | \(total) | \(max) |")
        }
        if let folded = shown.folded, let name = shown.foldedName {
            lines.append("| \(MarkdownText.escape(name)) | | \(folded.visits) | \(folded.failedVisits) | | | | |")
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
        if let detail = finding.causeDetail {
            add("cause", detail.summary)
            if let raised = detail.raisedAt {
                add("at", raised.description + (detail.handlerAt.map { ", called from " + $0.description } ?? ""))
            }
            if let name = detail.logName, let last = detail.logLines.last {
                add("log", "\(name): \(last)")
            }
        } else {
            add("cause", finding.cause.map { String($0.prefix(600)) + ($0.count > 600 ? "…" : "") })
        }
        add("why", finding.explanation)
        add("fix", finding.remedy)
        return rows
    }

    /// One finding as a list item: severity and title, then its explanation and remedy, each on a line of its
    /// own (a trailing backslash is Markdown's hard line break; log text has its backslashes escaped).
    static func item(_ finding: Finding, redactor: CredentialRedactor) -> [String] {
        var lines = ["- **\(finding.severity.rawValue)** \(escape(redactor.redact(finding.title)))"]
        if finding.explanation != finding.title {
            lines.append("  \(escape(redactor.redact(finding.explanation)))")
        }
        if let remedy = finding.remedy { lines.append("  **fix:** \(escape(redactor.redact(remedy)))") }
        for index in lines.indices.dropLast() { lines[index] += "\\" }
        return lines
    }
}
