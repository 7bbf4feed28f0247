import Foundation
import RetraceCore

/// How findings read in text reports, for every kind of log: each finding's title, its one-line explanation and
/// its remedy, wrapped to the report's width; the severity shown once, as a coloured symbol on a terminal and as a
/// word in plain text.
public enum FindingList {
    /// Width of the label column of a root-cause block ("what", "where", …).
    static let labelWidth = 7
    /// Lines of a build log shown under a root cause without `--verbose`.
    static let logLines = 10

    /// A "Findings" section, most severe first.
    public static func render(
        _ findings: [Finding], style: TextStyle, redactor: CredentialRedactor, width: Int = 80
    ) -> String {
        let markWidth =
            style.isEnabled ? 1 : findings.map { TerminalText.width(of: word(for: $0.severity)) }.max() ?? 0
        let indent = String(repeating: " ", count: 2 + markWidth + (style.isEnabled ? 1 : 2))
        let textWidth = max(20, width - indent.count)
        var lines = [style.bold("Findings")]
        for finding in findings {
            let title = TerminalText.wrapped(clean(finding.title, redactor), width: textWidth)
            let mark =
                style.isEnabled
                ? colour(finding.severity, style)(symbol(for: finding.severity))
                : TerminalText.padded(word(for: finding.severity), toWidth: markWidth, alignment: .left) + " "
            for (index, line) in title.enumerated() {
                lines.append(index == 0 ? "  " + mark + " " + style.bold(line) : indent + style.bold(line))
            }
            let explanation = clean(finding.explanation, redactor)
            if !explanation.isEmpty, explanation != clean(finding.title, redactor) {
                lines += TerminalText.wrapped(explanation, width: textWidth).map { indent + $0 }
            }
            if let remedy = finding.remedy.map({ clean($0, redactor) }), !remedy.isEmpty {
                let wrapped = TerminalText.wrapped("fix: " + remedy, width: textWidth)
                for (index, line) in wrapped.enumerated() {
                    lines.append(
                        indent + (index == 0 ? style.green("fix:") + String(line.dropFirst(4)) : line))
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The labelled lines of one finding: what, where, error, cause, at, why, fix; the cause as recorded only
    /// when `verbose` asks for it (it is in JSON always).
    public static func details(
        _ finding: Finding, style: TextStyle, redactor: CredentialRedactor, width: Int = 80, verbose: Bool = false,
        causeLines: Int = 2
    ) -> [String] {
        var lines: [String] = []
        let valueWidth = max(20, width - 2 - labelWidth)
        let continuation = String(repeating: " ", count: 2 + labelWidth)
        // Sanitise log text before styling it, so that escapes in a cause cannot reach the terminal.
        func add(_ label: String, _ value: String?, maximumLines: Int = .max, colour: (String) -> String = { $0 }) {
            guard let value, !value.isEmpty else { return }
            let wrapped = TerminalText.wrapped(clean(value, redactor), width: valueWidth, maximumLines: maximumLines)
            let padded = label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            for (index, line) in wrapped.enumerated() {
                lines.append((index == 0 ? "  " + style.dim(padded) : continuation) + colour(line))
            }
        }
        add("what", finding.title)
        var location = finding.location.pathDescription
        if let event = finding.evidence.first {
            // Step Functions ids are numbers (`#12`); deployment ids are the service's own (`Bucket-CREATE_FAILED-…`)
            // or already numbered (`#3`, ModelArts). A no-break space keeps "event #134" on one line.
            let id = !event.isEmpty && event.allSatisfy(\.isNumber) ? "#\(event)" : event
            location += location.isEmpty ? "event\u{A0}\(id)" : " (event\u{A0}\(id))"
        }
        add("where", location)
        add("error", finding.error, colour: style.red)
        if let detail = finding.causeDetail {
            var summary = detail.summary
            if let error = finding.error, summary.hasPrefix(error + ": ") { summary.removeFirst(error.count + 2) }
            if summary != finding.error { add("cause", summary, maximumLines: causeLines) }
            if let raised = detail.raisedAt {
                var at = raised.description
                if let handler = detail.handlerAt { at += ", called from " + handler.description }
                add("at", at)
            }
            if let name = detail.logName, !detail.logLines.isEmpty {
                // The log's last lines up to the failure; all that were kept with --verbose.
                let shown = verbose ? detail.logLines[...] : detail.logLines.suffix(logLines)
                let skipped = detail.logLines.count - shown.count
                add(
                    "log",
                    name + (skipped > 0 ? " (last \(shown.count) lines; --verbose shows \(detail.logLines.count))" : "")
                )
                for line in shown {
                    for piece in TerminalText.wrapped(clean(line, redactor), width: valueWidth - 2) {
                        lines.append(continuation + "  " + style.dim(piece))
                    }
                }
            }
        } else if !verbose {
            add("cause", finding.cause.map { ReportedCause.clipped($0) }, maximumLines: causeLines)
        }
        add("why", finding.explanation)
        add("fix", finding.remedy, colour: style.green)
        if verbose { add("raw", finding.cause) }
        return lines
    }

    /// The severity as a word, for plain text.
    static func word(for severity: Severity) -> String { severity.rawValue }

    /// The severity as a symbol, for a terminal, where colour says the rest.
    static func symbol(for severity: Severity) -> String {
        switch severity {
        case .error: return "✗"
        case .warning: return "!"
        case .info: return "i"
        }
    }

    static func colour(_ severity: Severity, _ style: TextStyle) -> (String) -> String {
        switch severity {
        case .error: return style.red
        case .warning: return style.yellow
        case .info: return style.blue
        }
    }

    /// Log text made safe and flat for wrapping: credentials redacted, controls made visible, tabs as spaces.
    static func clean(_ text: String, _ redactor: CredentialRedactor) -> String {
        TerminalText.sanitized(redactor.redact(text)).replacingOccurrences(of: "\t", with: " ")
    }
}
