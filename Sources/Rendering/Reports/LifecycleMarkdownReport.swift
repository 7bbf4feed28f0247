import Lifecycles
import RetraceCore

/// A Markdown report of a deployment log, for CI job summaries and pull-request comments.
public struct LifecycleMarkdownReport {
    private let run: LifecycleRun
    private let diagnosis: Diagnosis
    private let redactor = CredentialRedactor.standard

    /// Creates a report.
    public init(run: LifecycleRun, diagnosis: Diagnosis) {
        self.run = run
        self.diagnosis = diagnosis
    }

    /// The Markdown text, ending with a newline.
    public func render() -> String {
        let subject = run.log.serviceName ?? run.instances.first { $0.parentKey == nil }?.name ?? "deployment"
        let headline = diagnosis.verdict?.isDegraded == true ? "⚠ DEGRADED" : Verdict.text(diagnosis.outcome)
        var lines = [
            "## \(headline) `\(MarkdownText.code(redactor.redact(subject)))` (\(run.source))",
            "",
        ]
        if let verdict = diagnosis.verdict {
            lines += ["**\(MarkdownText.escape(redactor.redact(LifecycleVerdictText.line(verdict))))**", ""]
        }
        lines.append(
            "\(Noun("event").counted(run.events.count)) · \(Noun("lifecycle").counted(run.instances.count))")
        if let root = diagnosis.rootCause {
            lines += ["", "### Root cause", ""] + MarkdownText.finding(root, redactor: redactor)
        }
        if !diagnosis.findings.isEmpty {
            lines += ["", "### Findings", ""]
            for finding in diagnosis.findings {
                lines.append(
                    "- **\(finding.severity.rawValue)** \(MarkdownText.escape(redactor.redact(finding.title)))")
            }
        }
        let troubled = LifecycleSelection.tree(run.instances).rows.map(\.instance).filter {
            $0.status == .failed || $0.status == .inProgress
        }
        if !troubled.isEmpty {
            lines += [
                "", "### Lifecycles that did not finish well", "", "| Lifecycle | Kind | Status | Path |",
                "|---|---|---|---|",
            ]
            for instance in troubled.prefix(50) {
                lines.append(
                    "| \(MarkdownText.escape(redactor.redact(instance.name))) | \(MarkdownText.escape(instance.kind)) | "
                        + "\(instance.status.rawValue) | \(MarkdownText.escape(instance.statePath.joined(separator: " → "))) |"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
