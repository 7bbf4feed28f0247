import Comparison
import RetraceCore

/// `retrace diff` for people: the verdict first, then where the paths split and why, the data at the split, the
/// states that differ (largest time difference first), iterations and branches that ended differently, and the
/// errors only one side met. Log text is made safe for a terminal.
public struct DiffTextReport {
    private let difference: ExecutionDifference
    private let style: TextStyle

    /// Creates a report.
    public init(difference: ExecutionDifference, style: TextStyle = .plain) {
        self.difference = difference
        self.style = style
    }

    private func safe(_ text: String) -> String { TerminalText.sanitized(text) }

    /// The text, ending with a newline.
    public func render() -> String {
        let d = difference
        var lines: [String] = []
        lines.append(style.bold("\(safe(d.other.name)) against \(safe(d.baseline.name))"))
        lines.append(
            d.outcomesDiffer ? style.red("verdict: " + safe(d.verdict)) : "verdict: " + safe(d.verdict))
        lines.append("")
        var sides = TextTable(columns: [
            .init("run"), .init("outcome"), .init("duration", alignment: .right), .init("root cause"),
        ])
        for (label, side) in [("baseline", d.baseline), ("other", d.other)] {
            sides.addRow([
                "\(label) \(safe(side.name))", Verdict.text(side.outcome),
                side.durationMilliseconds.map { DurationFormatter.string(milliseconds: $0) } ?? "–",
                side.rootCause.map { safe($0) } ?? "–",
            ])
        }
        lines += sides.render(style: style).split(separator: "\n").map(String.init)
        lines.append("")
        if let split = d.split {
            lines.append(style.bold("Where the paths split"))
            let scope = split.scope.isEmpty ? "" : "in \(safe(split.scope.pathDescription)), "
            let after = split.after.map { "after \(safe($0))" } ?? "at the first state"
            lines.append(
                "  \(scope)\(after): the baseline went to \(safe(split.baselineNext ?? "its end")), "
                    + "the other to \(safe(split.otherNext ?? "its end"))")
            lines.append("  why: \(safe(split.reason))")
            if !split.inputDifferences.isEmpty {
                lines.append("  input at the split:")
                var table = TextTable(columns: [.init("path"), .init("change"), .init("baseline"), .init("other")])
                for change in split.inputDifferences {
                    table.addRow([
                        safe(change.path), change.kind.rawValue, value(change.before), value(change.after),
                    ])
                }
                lines += table.render(style: style).split(separator: "\n").map {
                    "    " + $0
                }
            }
        } else {
            lines.append("The paths are the same.")
        }
        if !d.states.isEmpty {
            lines.append("")
            lines.append(style.bold("States that differ") + " (largest time difference first)")
            var table = TextTable(columns: [
                .init("state"), .init("type"), .init("visits", alignment: .right), .init("attempts", alignment: .right),
                .init("failures", alignment: .right), .init("time", alignment: .right),
                .init("Δ time", alignment: .right),
            ])
            for state in d.states {
                table.addRow([
                    safe(state.name), state.type.rawValue, pair(state.visits.baseline, state.visits.other),
                    pair(state.attempts.baseline, state.attempts.other),
                    pair(state.failures.baseline, state.failures.other),
                    "\(time(state.milliseconds.baseline)) → \(time(state.milliseconds.other))",
                    state.millisecondsDelta == 0
                        ? "–"
                        : (state.millisecondsDelta > 0 ? "+" : "−")
                            + DurationFormatter.string(milliseconds: abs(state.millisecondsDelta)),
                ])
            }
            lines += table.render(style: style).split(separator: "\n").map {
                "  " + $0
            }
        }
        lines += section(
            "Iterations and branches that ended differently",
            d.parts.map {
                ($0.location.pathDescription, $0.baseline?.rawValue ?? "not run", $0.other?.rawValue ?? "not run")
            })
        lines += section(
            "Child executions that ended differently",
            d.children.map { ($0.name, $0.baseline?.rawValue ?? "not given", $0.other?.rawValue ?? "not given") })
        for (title, errors) in [
            ("Errors only in the other", d.otherOnlyErrors), ("Errors only in the baseline", d.baselineOnlyErrors),
        ]
        where !errors.isEmpty {
            lines.append("")
            lines.append(style.bold(title))
            lines += errors.map { "  \(safe($0.state)): \(safe($0.error))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A titled list of what ended differently, `place: baseline → other`, at most 20 lines and a count of the rest.
    private func section(_ title: String, _ rows: [(place: String, baseline: String, other: String)]) -> [String] {
        guard !rows.isEmpty else { return [] }
        var lines = ["", style.bold(title)]
        lines += rows.prefix(20).map { "  \(safe($0.place)): \($0.baseline) → \($0.other)" }
        if rows.count > 20 { lines.append("  … and \(rows.count - 20) more") }
        return lines
    }

    private func pair(_ a: Int, _ b: Int) -> String { a == b ? "\(a)" : "\(a) → \(b)" }

    private func time(_ milliseconds: Int64?) -> String {
        milliseconds.map { DurationFormatter.string(milliseconds: $0) } ?? "–"
    }

    private func value(_ value: JSONValue?) -> String {
        guard let value else { return "–" }
        return TerminalText.truncated(safe(value.serialized()), toWidth: 40)
    }
}
