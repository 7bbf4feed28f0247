import Comparison
import RetraceCore

/// `retrace diff --format markdown`, for pull-request comments and CI summaries: the verdict, the split, and
/// tables of what differs. Log text is escaped so that it cannot break a table or inject markup.
public struct DiffMarkdownReport {
    private let differences: [ExecutionDifference]

    /// Creates a report of one or more comparisons against one baseline.
    public init(differences: [ExecutionDifference]) {
        self.differences = differences
    }

    private func cell(_ text: String) -> String { MarkdownText.escape(text) }

    /// The Markdown text, ending with a newline.
    public func render() -> String {
        var lines: [String] = []
        for (index, d) in differences.enumerated() {
            if index > 0 { lines += ["", "---", ""] }
            lines += ["## \(cell(d.other.name)) against \(cell(d.baseline.name))", "", "**\(cell(d.verdict))**", ""]
            lines += ["| run | outcome | duration | root cause |", "|---|---|---:|---|"]
            for (label, side) in [("baseline", d.baseline), ("other", d.other)] {
                lines.append(
                    "| \(label) \(cell(side.name)) | \(Verdict.text(side.outcome)) | "
                        + "\(side.durationMilliseconds.map { DurationFormatter.string(milliseconds: $0) } ?? "–") | "
                        + "\(side.rootCause.map(cell) ?? "–") |")
            }
            lines.append("")
            if let split = d.split {
                let scope = split.scope.isEmpty ? "" : "in \(cell(split.scope.pathDescription)), "
                let after = split.after.map { "after \(cell($0))" } ?? "at the first state"
                lines += [
                    "### Where the paths split", "",
                    "\(scope)\(after): the baseline went to \(cell(split.baselineNext ?? "its end")), the other to "
                        + "\(cell(split.otherNext ?? "its end")). Why: \(cell(split.reason)).",
                ]
                if !split.inputDifferences.isEmpty {
                    lines += ["", "| input path | change | baseline | other |", "|---|---|---|---|"]
                    for change in split.inputDifferences {
                        lines.append(
                            "| \(cell(change.path)) | \(change.kind.rawValue) | "
                                + "\(change.before.map { cell($0.serialized()) } ?? "–") | "
                                + "\(change.after.map { cell($0.serialized()) } ?? "–") |")
                    }
                }
                lines.append("")
            }
            if !d.states.isEmpty {
                lines += [
                    "### States that differ", "", "| state | type | visits | attempts | failures | time | Δ time |",
                    "|---|---|---:|---:|---:|---:|---:|",
                ]
                for state in d.states {
                    lines.append(
                        "| \(cell(state.name)) | \(state.type.rawValue) | \(pair(state.visits)) | "
                            + "\(pair(state.attempts)) | \(pair(state.failures)) | "
                            + "\(time(state.milliseconds.baseline)) → \(time(state.milliseconds.other)) | "
                            + "\(state.millisecondsDelta == 0 ? "–" : (state.millisecondsDelta > 0 ? "+" : "−") + DurationFormatter.string(milliseconds: abs(state.millisecondsDelta))) |"
                    )
                }
                lines.append("")
            }
            if !d.parts.isEmpty {
                lines += ["### Iterations and branches that ended differently", ""]
                lines += d.parts.prefix(20).map {
                    "- \(cell($0.location.pathDescription)): \($0.baseline?.rawValue ?? "not run") → "
                        + "\($0.other?.rawValue ?? "not run")"
                }
                lines.append("")
            }
            for (title, errors) in [
                ("Errors only in the other", d.otherOnlyErrors), ("Errors only in the baseline", d.baselineOnlyErrors),
            ] where !errors.isEmpty {
                lines += ["### \(title)", ""]
                lines += errors.map { "- \(cell($0.state)): \(cell($0.error))" }
                lines.append("")
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pair(_ values: (baseline: Int, other: Int)) -> String {
        values.baseline == values.other ? "\(values.baseline)" : "\(values.baseline) → \(values.other)"
    }

    private func time(_ milliseconds: Int64?) -> String {
        milliseconds.map { DurationFormatter.string(milliseconds: $0) } ?? "–"
    }
}
