import Diagnostics
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
    public static let visitsShownInFull = 12
    /// Visits kept at each end of a folded loop.
    public static let visitsKeptAtEachEnd = 5

    private let tree: ExecutionTree
    private let diagnosis: Diagnosis?
    private let style: TextStyle
    private let width: Int
    private let verbose: Bool
    private let redactor = CredentialRedactor.standard

    /// Creates a report `width` cells wide (a terminal's width; 80 when piped); `verbose` adds the cause as
    /// recorded to the root cause.
    public init(tree: ExecutionTree, diagnosis: Diagnosis?, style: TextStyle, width: Int = 80, verbose: Bool = false) {
        self.tree = tree
        self.diagnosis = diagnosis
        self.style = style
        self.width = max(40, width)
        self.verbose = verbose
    }

    /// The report text, ending with a newline.
    public func render() -> String {
        var sections = [header()]
        if let root = diagnosis?.rootCause { sections.append(rootCause(root)) }
        sections.append(states())
        sections.append(summary())
        let findings = (diagnosis?.findings ?? []).filter { !$0.code.isLogAnomaly }
        if !findings.isEmpty {
            sections.append(FindingList.render(findings, style: style, redactor: redactor, width: width))
        }
        if !tree.warnings.isEmpty { sections.append(warnings()) }
        return sections.joined(separator: "\n\n") + "\n"
    }

    // MARK: Header

    private func header() -> String {
        let verdict = Verdict.text(tree.outcome)
        let coloured =
            tree.outcome == .succeeded
            ? style.green(verdict) : tree.outcome.isFailure ? style.red(verdict) : style.cyan(verdict)
        let name = FindingList.clean(
            tree.history.executionArn ?? tree.history.sources.joined(separator: ", "), redactor)
        // The name is copied into other tools: never cut. When it does not fit beside the verdict, it gets a line.
        var lines: [String]
        if TerminalText.width(of: verdict) + 2 + TerminalText.width(of: name) <= width {
            lines = ["\(style.bold(coloured))  \(name)"]
        } else {
            lines = [style.bold(coloured), "  " + name]
        }
        var times: [String] = []
        if let start = tree.start { times.append("started \(TimeText.human(start))") }
        if let end = tree.end { times.append("ended \(TimeText.human(end))") }
        if let duration = tree.durationMilliseconds {
            let lead = tree.end != nil ? "took " : tree.outcome == .running ? "running for " : "lasted at least "
            times.append(lead + DurationFormatter.string(milliseconds: duration))
        }
        if times.isEmpty { times.append("times unknown (timestamps unreadable)") }
        lines += TerminalText.joined(times, separator: " · ", width: width - 2).map { "  " + $0 }
        var counts = [
            Noun("event").counted(tree.events.count), Noun("state transition").counted(tree.stateTransitionCount),
        ]
        if tree.redriveCount > 0 { counts.append(Noun("redrive").counted(tree.redriveCount)) }
        if tree.history.pageCount > 1 { counts.append(Noun("page").counted(tree.history.pageCount)) }
        lines += TerminalText.joined(counts, separator: " · ", width: width - 2).map { "  " + style.dim($0) }
        let completeness = tree.history.completeness
        if !completeness.isComplete {
            let text = "incomplete: not given: " + completeness.missingPieces.joined(separator: "; ")
            for (index, line) in TerminalText.wrapped(FindingList.clean(text, redactor), width: width - 4).enumerated()
            {
                lines.append(index == 0 ? "  " + style.yellow("incomplete:") + line.dropFirst(11) : "    " + line)
            }
        }
        if let run = tree.runs.last, tree.outcome.isFailure, diagnosis?.rootCause == nil {
            let text = "error: \(run.error ?? "none")" + (run.cause.map { " — " + ReportedCause.clipped($0) } ?? "")
            lines += TerminalText.wrapped(FindingList.clean(text, redactor), width: width - 4, maximumLines: 3).map {
                "  " + $0
            }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Root cause

    private func rootCause(_ finding: Finding) -> String {
        var lines = [style.bold(finding.severity == .error ? "Root cause" : "What happened")]
        lines.append(
            contentsOf: FindingList.details(finding, style: style, redactor: redactor, width: width, verbose: verbose))
        return lines.joined(separator: "\n")
    }

    // MARK: Tree

    private func states() -> String {
        var table = TextTable(columns: [
            .init("State", maximumWidth: max(24, width * 2 / 5)), .init("Type"), .init("Duration", alignment: .right),
            .init("Detail"),
        ])
        addVisits(tree.visits, depth: 0, to: &table)
        if tree.visits.isEmpty { table.addRow(["(no states were entered)", "", "", ""]) }
        // The detail column takes what the others leave of the width.
        var used = 2 + 3 * table.separator.count
        for column in 0..<3 {
            let cells = table.rows.map { TerminalText.width(of: $0[column]) } + [table.columns[column].header.count]
            used += min(cells.max() ?? 0, table.columns[column].maximumWidth ?? .max)
        }
        table.columns[3].maximumWidth = max(16, width - used)
        return style.bold("States") + "\n" + indent(table.render(style: style))
    }

    private func addVisits(_ visits: [StateVisit], depth: Int, to table: inout TextTable) {
        let limit = ExecutionTextReport.visitsShownInFull
        let kept = ExecutionTextReport.visitsKeptAtEachEnd
        if visits.count > limit {
            let head = visits.prefix(kept)
            let tail = visits.suffix(kept)
            let folded = visits.dropFirst(kept).dropLast(kept)
            for visit in head { addVisit(visit, depth: depth, to: &table) }
            let failures = folded.filter { $0.status.isFailure || $0.status == .caught }.count
            table.addRow([
                pad(depth)
                    + style.dim(
                        "… \(Noun("more visit").counted(folded.count))"
                            + (failures > 0 ? " (\(failures) failed or caught)" : "")),
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
                pad(depth + 1) + marker + " branch \(branch.number)", "", duration(branch.durationMilliseconds),
                "",
            ])
            addVisits(branch.visits, depth: depth + 2, to: &table)
        }
        if !visit.iterations.isEmpty { addIterations(of: visit, depth: depth + 1, to: &table) }
    }

    /// A Map visit's items and iterations, counted the same way everywhere.
    private static func counts(of visit: StateVisit) -> MapCounts {
        let iterations = visit.iterations
        return MapCounts(
            items: Int(clamping: visit.itemCount ?? 0), started: iterations.count,
            succeeded: iterations.count { $0.status == .succeeded }, failed: iterations.count { $0.status.isFailure },
            aborted: iterations.count { $0.status == .aborted })
    }

    private func addIterations(of visit: StateVisit, depth: Int, to table: inout TextTable) {
        let iterations = visit.iterations
        if iterations.count <= ExecutionTextReport.iterationsShownInFull {
            for iteration in iterations { addIteration(iteration, depth: depth, expand: true, to: &table) }
            return
        }
        // The outcomes in one row, then the failed iterations, the slowest, and how many more.
        table.addRow([
            pad(depth) + Noun("iteration").counted(iterations.count), "", "", Self.counts(of: visit).outcomesPhrase,
        ])
        let failed = iterations.filter { $0.status.isFailure }
        for iteration in failed.prefix(ExecutionTextReport.failedIterationsShown) {
            addIteration(iteration, depth: depth, expand: true, to: &table)
        }
        let slowest = iterations.filter { $0.status == .succeeded && $0.durationMilliseconds != nil }
            .max { ($0.durationMilliseconds ?? 0) < ($1.durationMilliseconds ?? 0) }
        if let slowest { addIteration(slowest, depth: depth, expand: false, label: "slowest", to: &table) }
        let shown = min(failed.count, ExecutionTextReport.failedIterationsShown) + (slowest == nil ? 0 : 1)
        if iterations.count > shown {
            table.addRow([
                pad(depth) + style.dim("… \(Noun("more iteration").counted(iterations.count - shown))"), "", "", "",
            ])
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
        if visit.attempts.count > 1 { parts.append(Noun("attempt").counted(visit.attempts.count)) }
        if visit.run > 0 { parts.append("redrive \(visit.run)") }
        if let run = visit.mapRun {
            parts.append("map run \(StatusMarker.label(run.status))")
        }
        if visit.type == .map, visit.mapRun == nil, !visit.iterations.isEmpty || visit.itemCount != nil {
            parts.append(Self.counts(of: visit).itemsPhrase)
        }
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
            .init("State", maximumWidth: max(16, width - 60)), .init("Type"), .init("Visits", alignment: .right),
            .init("Attempts", alignment: .right), .init("Total", alignment: .right), .init("Max", alignment: .right),
            .init("Events", alignment: .right),
        ])
        // Each count with how many of it failed: a retried visit that succeeded reads "1" visit, "4, 3 failed"
        // attempts.
        func count(_ total: Int, failed: Int) -> String {
            failed > 0 ? "\(total), " + style.red("\(failed) failed") : String(total)
        }
        let shown = StateSummaryShown(rows)
        for row in shown.rows {
            table.addRow([
                TerminalText.sanitized(row.name), row.type.rawValue, count(row.visits, failed: row.failedVisits),
                row.attempts == 0 ? style.dim("–") : count(row.attempts, failed: row.failedAttempts),
                duration(row.totalMilliseconds), duration(row.maxMilliseconds), String(row.events),
            ])
        }
        if let folded = shown.folded, let name = shown.foldedName {
            table.addRow([
                style.dim(name), "", count(folded.visits, failed: folded.failedVisits), "", "", "",
                String(folded.events),
            ])
        }
        return style.bold("Per state") + "\n" + indent(table.render(style: style))
    }

    // MARK: Warnings

    private func warnings() -> String {
        let lines = tree.warnings.flatMap { warning in
            TerminalText.wrapped(FindingList.clean(warning.message, redactor), width: width - 4).enumerated().map {
                ($0.offset == 0 ? "  " + style.yellow("!") + " " : "    ") + $0.element
            }
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
