import Foundation
import RetraceCore
import StepFunctions

/// The report `retrace analyze` prints for people: the verdict and root cause first, then a compact tree
/// (a Map of 500 iterations shows its counts and the iterations that matter, not 500 lines), a per-state
/// table, further findings and the log's warnings. Colour only when `style` says so.
public struct ExecutionTextReport {
    /// Iterations listed one by one up to this many; beyond, the Map is summarised.
    public static let iterationsShownInFull = 6
    /// Failed iterations expanded when a Map is summarised.
    public static let failedIterationsShown = 5
    /// Visits listed in one thread before the middle of a long loop is folded.
    public static let visitsShownInFull = 40

    private let tree: ExecutionTree
    private let diagnosis: Diagnosis?
    private let style: TextStyle
    private let redactor = CredentialRedactor.standard

    /// Creates a report.
    public init(tree: ExecutionTree, diagnosis: Diagnosis?, style: TextStyle) {
        self.tree = tree
        self.diagnosis = diagnosis
        self.style = style
    }

    /// The report text, ending with a newline.
    public func render() -> String {
        var sections = [header()]
        if let root = diagnosis?.rootCause { sections.append(rootCause(root)) }
        sections.append(states())
        sections.append(summary())
        let findings = (diagnosis?.findings ?? []).filter { !$0.code.hasPrefix("log-") }
        if !findings.isEmpty { sections.append(FindingList.render(findings, style: style, redactor: redactor)) }
        if !tree.warnings.isEmpty { sections.append(warnings()) }
        return sections.joined(separator: "\n\n") + "\n"
    }

    // MARK: Header

    private func header() -> String {
        let verdict = Verdict.text(tree.outcome)
        let coloured =
            tree.outcome == .succeeded
            ? style.green(verdict) : tree.outcome.isFailure ? style.red(verdict) : style.cyan(verdict)
        let name = tree.history.executionArn ?? tree.history.sources.joined(separator: ", ")
        var lines = ["\(style.bold(coloured))  \(TerminalText.sanitized(redactor.redact(name)))"]
        var times: [String] = []
        if let start = tree.start { times.append("started \(TimeText.human(start))") }
        if let end = tree.end { times.append("ended \(TimeText.human(end))") }
        if let duration = tree.durationMilliseconds {
            let lead = tree.end != nil ? "took " : tree.outcome == .running ? "running for " : "lasted at least "
            times.append(lead + DurationFormatter.string(milliseconds: duration))
        }
        if times.isEmpty { times.append("times unknown (timestamps unreadable)") }
        lines.append("  " + times.joined(separator: " · "))
        var counts = [
            "\(tree.events.count) events",
            "\(tree.stateTransitionCount) state transition\(tree.stateTransitionCount == 1 ? "" : "s")",
            "\(tree.redriveCount) redrive\(tree.redriveCount == 1 ? "" : "s")",
        ]
        if tree.history.pageCount > 1 { counts.append("\(tree.history.pageCount) pages") }
        lines.append("  " + style.dim(counts.joined(separator: " · ")))
        let completeness = tree.history.completeness
        if !completeness.isComplete {
            lines.append(
                "  " + style.yellow("incomplete:") + " not given: " + completeness.missingPieces.joined(separator: "; ")
            )
        }
        if let run = tree.runs.last, tree.outcome.isFailure, diagnosis?.rootCause == nil {
            let text =
                "error: \(run.error ?? "none")"
                + (run.cause.map { " — " + redactor.redact(ReportedCause.clipped($0)) } ?? "")
            lines.append("  " + TerminalText.sanitized(text))
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Root cause

    private func rootCause(_ finding: Finding) -> String {
        var lines = [style.bold(finding.severity == .error ? "Root cause" : "What happened")]
        lines.append(contentsOf: FindingList.details(finding, style: style, redactor: redactor))
        return lines.joined(separator: "\n")
    }

    // MARK: Tree

    private func states() -> String {
        var table = TextTable(columns: [
            .init("State", maximumWidth: 64), .init("Type"), .init("Duration", alignment: .right),
            .init("Detail", maximumWidth: 70),
        ])
        addVisits(tree.visits, depth: 0, to: &table)
        if tree.visits.isEmpty { table.addRow(["(no states were entered)", "", "", ""]) }
        return style.bold("States") + "\n" + indent(table.render(style: style))
    }

    private func addVisits(_ visits: [StateVisit], depth: Int, to table: inout TextTable) {
        let limit = ExecutionTextReport.visitsShownInFull
        if visits.count > limit {
            let head = visits.prefix(limit / 2)
            let tail = visits.suffix(limit / 2)
            let folded = visits.dropFirst(limit / 2).dropLast(limit / 2)
            for visit in head { addVisit(visit, depth: depth, to: &table) }
            let failures = folded.filter { $0.status.isFailure || $0.status == .caught }.count
            table.addRow([
                pad(depth)
                    + style.dim(
                        "… \(folded.count) more visits" + (failures > 0 ? " (\(failures) failed or caught)" : "")),
                "", "", "",
            ])
            for visit in tail { addVisit(visit, depth: depth, to: &table) }
        } else {
            for visit in visits { addVisit(visit, depth: depth, to: &table) }
        }
    }

    private func addVisit(_ visit: StateVisit, depth: Int, to table: inout TextTable) {
        let marker = StatusMarker.styled(visit.status, StatusMarker.symbol(visit.status), style: style)
        let name = TerminalText.sanitized(visit.name)
        table.addRow([
            pad(depth) + marker + " " + name, visit.type.rawValue, duration(visit.durationMilliseconds),
            visitDetail(visit),
        ])
        for branch in visit.branches {
            let marker = StatusMarker.styled(branch.status, StatusMarker.symbol(branch.status), style: style)
            table.addRow([
                pad(depth + 1) + marker + " branch \(branch.number)", "", duration(branch.durationMilliseconds), "",
            ])
            addVisits(branch.visits, depth: depth + 2, to: &table)
        }
        if !visit.iterations.isEmpty { addIterations(visit.iterations, depth: depth + 1, to: &table) }
    }

    private func addIterations(_ iterations: [MapIteration], depth: Int, to table: inout TextTable) {
        if iterations.count <= ExecutionTextReport.iterationsShownInFull {
            for iteration in iterations { addIteration(iteration, depth: depth, expand: true, to: &table) }
            return
        }
        var counts: [Status: Int] = [:]
        for iteration in iterations { counts[iteration.status, default: 0] += 1 }
        let parts = Status.allCases.compactMap { status in
            counts[status].map { "\($0) \(StatusMarker.label(status))" }
        }
        table.addRow([pad(depth) + "\(iterations.count) iterations", "", "", parts.joined(separator: ", ")])
        let failed = iterations.filter { $0.status.isFailure }
        for iteration in failed.prefix(ExecutionTextReport.failedIterationsShown) {
            addIteration(iteration, depth: depth, expand: true, to: &table)
        }
        let slowest = iterations.filter { $0.status == .succeeded && $0.durationMilliseconds != nil }
            .sorted { ($0.durationMilliseconds ?? 0) > ($1.durationMilliseconds ?? 0) }.prefix(2)
        for iteration in slowest { addIteration(iteration, depth: depth, expand: false, label: "slowest", to: &table) }
        let shown = min(failed.count, ExecutionTextReport.failedIterationsShown) + slowest.count
        if iterations.count > shown {
            table.addRow([pad(depth) + style.dim("… \(iterations.count - shown) more iterations"), "", "", ""])
        }
    }

    private func addIteration(
        _ iteration: MapIteration, depth: Int, expand: Bool, label: String = "", to table: inout TextTable
    ) {
        let marker = StatusMarker.styled(iteration.status, StatusMarker.symbol(iteration.status), style: style)
        table.addRow([
            pad(depth) + marker + " iteration \(iteration.index)", "", duration(iteration.durationMilliseconds),
            style.dim(label),
        ])
        if expand { addVisits(iteration.visits, depth: depth + 1, to: &table) }
    }

    private func visitDetail(_ visit: StateVisit) -> String {
        var parts: [String] = []
        if visit.attempts.count > 1 { parts.append("\(visit.attempts.count) attempts") }
        if visit.run > 0 { parts.append("redrive \(visit.run)") }
        if let run = visit.mapRun {
            parts.append("map run \(StatusMarker.label(run.status))")
        }
        if visit.type == .map, let count = visit.itemCount, visit.mapRun == nil { parts.append("\(count) items") }
        if let error = visit.error ?? visit.attempts.last(where: { $0.error != nil })?.error {
            switch visit.status {
            case .caught: parts.append("caught \(error)")
            case .succeeded: parts.append("retried after \(error)")
            default: parts.append(error)
            }
        }
        if visit.status == .running || (visit.isUnfinished && visit.status == .aborted) { parts.append("unfinished") }
        let text = TerminalText.sanitized(redactor.redact(parts.joined(separator: " · ")))
        return visit.status.isFailure ? style.red(text) : text
    }

    // MARK: Summary table

    private func summary() -> String {
        let rows = StateSummary.rows(of: tree)
        var table = TextTable(columns: [
            .init("State", maximumWidth: 40), .init("Type"), .init("Visits", alignment: .right),
            .init("Attempts", alignment: .right), .init("Failed", alignment: .right),
            .init("Total", alignment: .right), .init("Max", alignment: .right), .init("Events", alignment: .right),
        ])
        for row in rows {
            let failed = row.failures > 0 ? style.red(String(row.failures)) : "0"
            table.addRow([
                TerminalText.sanitized(row.name), row.type.rawValue, String(row.visits), String(row.attempts), failed,
                duration(row.totalMilliseconds), duration(row.maxMilliseconds), String(row.events),
            ])
        }
        return style.bold("Per state") + "\n" + indent(table.render(style: style))
    }

    // MARK: Warnings

    private func warnings() -> String {
        let lines = tree.warnings.map {
            "  " + style.yellow("!") + " " + TerminalText.sanitized(redactor.redact($0.message))
        }
        return style.bold("Warnings") + "\n" + lines.joined(separator: "\n")
    }

    // MARK: Helpers

    private func duration(_ milliseconds: Int64?) -> String {
        milliseconds.map { DurationFormatter.string(milliseconds: $0) } ?? style.dim("–")
    }

    private func pad(_ depth: Int) -> String { String(repeating: "  ", count: depth) }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    }
}

/// The one-word verdict at the top of every report.
enum Verdict {
    static func text(_ outcome: RunOutcome) -> String {
        switch outcome {
        case .succeeded: return "✓ SUCCEEDED"
        case .failed: return "✗ FAILED"
        case .timedOut: return "⏱ TIMED OUT"
        case .aborted: return "⊘ ABORTED"
        case .running: return "▶ RUNNING"
        case .unknown: return "? UNKNOWN"
        }
    }
}

/// Times as people read them in reports: `2024-05-01 10:00:00.123 UTC`.
enum TimeText {
    static func human(_ instant: Instant) -> String {
        instant.iso8601.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }
}
