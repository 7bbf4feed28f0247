import Foundation
import RetraceCore

/// How findings read in text reports, for every kind of log.
public enum FindingList {
    /// A "Findings" section: one line per finding, most severe first.
    public static func render(_ findings: [Finding], style: TextStyle, redactor: CredentialRedactor) -> String {
        var table = TextTable(columns: [.init(""), .init("", maximumWidth: 90), .init("", maximumWidth: 60)])
        for finding in findings {
            let mark: String
            switch finding.severity {
            case .error: mark = style.red("✗ error")
            case .warning: mark = style.yellow("! warning")
            case .info: mark = style.blue("i info")
            }
            table.addRow([
                mark, TerminalText.sanitized(redactor.redact(finding.title)),
                style.dim(TerminalText.sanitized(finding.location.pathDescription)),
            ])
        }
        let body = table.render(style: style).split(separator: "\n").map { "  " + $0 }
        return style.bold("Findings") + "\n" + body.joined(separator: "\n")
    }

    /// The labelled lines of one finding: where, error, cause, why, fix.
    public static func details(_ finding: Finding, style: TextStyle, redactor: CredentialRedactor) -> [String] {
        var lines: [String] = []
        // Sanitise log text before styling it, so that escapes in a cause cannot reach the terminal.
        func add(_ label: String, _ value: String?, colour: (String) -> String = { $0 }) {
            guard let value, !value.isEmpty else { return }
            let clean = colour(TerminalText.sanitized(redactor.redact(value)))
            let padded = label.padding(toLength: 7, withPad: " ", startingAt: 0)
            lines.append("  " + style.dim(padded) + clean)
        }
        add("what", finding.title)
        var location = finding.location.pathDescription
        if let event = finding.evidence.first {
            location += location.isEmpty ? "event #\(event)" : "  (event #\(event))"
        }
        add("where", location)
        add("error", finding.error, colour: style.red)
        add("cause", finding.cause.map { ReportedCause.clipped($0, toCharacters: 600) })
        add("why", finding.explanation)
        add("fix", finding.remedy, colour: style.green)
        return lines
    }
}
