import Diagnostics
import RetraceCore

/// The text report of many executions at once: a line each, the failures grouped by root cause, then totals
/// and warnings. Every text from the logs is redacted and made safe for a terminal.
public struct BatchTextReport {
    private let batch: BatchDiagnosis
    private let style: TextStyle
    private let width: Int
    private let redactor = CredentialRedactor.standard

    /// Creates a report about `width` cells wide (the root-cause column takes what the others leave).
    public init(batch: BatchDiagnosis, style: TextStyle, width: Int = 80) {
        self.batch = batch
        self.style = style
        self.width = max(40, width)
    }

    /// The report, ending with a newline.
    public func render() -> String {
        var sections = [rows()]
        if !batch.groups.isEmpty { sections.append(groups()) }
        sections.append(style.bold(BatchLine.totals(batch)))
        if !batch.warnings.isEmpty {
            let lines = batch.warnings.flatMap { warning in
                TerminalText.wrapped(FindingList.clean(warning.message, redactor), width: width - 4).enumerated().map {
                    ($0.offset == 0 ? "  " + style.yellow("!") + " " : "    ") + $0.element
                }
            }
            sections.append(style.bold("Warnings") + "\n" + lines.joined(separator: "\n"))
        }
        return sections.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }.joined(separator: "\n\n") + "\n"
    }

    private func rows() -> String {
        var table = TextTable(columns: [
            .init(""), .init(batch.rows.allSatisfy(\.isExecution) ? "Execution" : "Log", maximumWidth: 40),
            .init("Started (UTC)"), .init("Duration", alignment: .right), .init("Root cause"),
        ])
        var cells: [[String]] = []
        for row in batch.rows {
            var name = TerminalText.sanitized(redactor.redact(row.name))
            if !row.isComplete { name += " (incomplete)" }
            if row.childCount > 0 { name += " (+\(Noun("child", plural: "children").counted(row.childCount)))" }
            cells.append([
                status(row.outcome), TerminalText.truncated(name, toWidth: 40), row.start.map(Self.startTime) ?? "–",
                row.durationMilliseconds.map { DurationFormatter.string(milliseconds: $0) } ?? "–",
                FindingList.clean(BatchLine.rootCause(row, redactor: redactor), redactor),
            ])
        }
        // The root cause takes what the other columns leave of the width, cut in the middle so that the failing
        // state and its error stay in view.
        var used = 4 * table.separator.count
        for column in 0..<4 {
            used += (cells.map { TerminalText.width(of: $0[column]) } + [table.columns[column].header.count]).max() ?? 0
        }
        let room = max(24, width - used)
        for (index, var row) in cells.enumerated() where TerminalText.width(of: row[4]) > room {
            // Too long with its whole path: the innermost place and the error, as the groups name it.
            // The error is kept whole when it leaves room for some of the place.
            if let signature = batch.rows[index].signature {
                let error = ": " + FindingList.clean(signature.error, redactor)
                let place = FindingList.clean(signature.place, redactor)
                let placeRoom = room - TerminalText.width(of: error)
                row[4] = placeRoom >= 6 ? TerminalText.elidedInMiddle(place, toWidth: placeRoom) + error : place + error
            }
            cells[index][4] = TerminalText.elidedInMiddle(row[4], toWidth: room)
        }
        for row in cells { table.addRow(row) }
        return table.render(style: style)
    }

    /// `2026-11-18 14:03:12`: to the second, the zone in the column's header.
    private static func startTime(_ instant: Instant) -> String {
        String(TimeText.human(instant).prefix(19))
    }

    private func groups() -> String {
        var table = TextTable(columns: [
            .init("", alignment: .right), .init("Where", maximumWidth: 28), .init("Error", maximumWidth: 28),
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
        let name = TerminalText.elidedInMiddle(FindingList.clean(row.name, redactor), toWidth: 24)
        return row.start.map { "\(name) (\(TimeText.human($0).dropFirst(11).prefix(8)))" } ?? name
    }

    private func status(_ outcome: RunOutcome) -> String {
        let text = Verdict.text(outcome)
        if outcome == .succeeded { return style.green(text) }
        return outcome.isFailure ? style.red(text) : style.cyan(text)
    }
}
