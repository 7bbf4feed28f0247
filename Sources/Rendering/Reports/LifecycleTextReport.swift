import Foundation
import Lifecycles
import RetraceCore

/// The report `retrace analyze` prints for a deployment log: verdict, root cause, the lifecycles side by side
/// (failed and unfinished ones first; a stack of 300 resources shows its problems, not 300 lines), findings,
/// warnings.
public struct LifecycleTextReport {
    /// Instances listed one by one up to this many; beyond, the ones that went well are counted.
    public static let instancesShownInFull = 30

    private let run: LifecycleRun
    private let diagnosis: Diagnosis
    private let style: TextStyle
    private let width: Int
    private let redactor = CredentialRedactor.standard

    /// Creates a report `width` cells wide (a terminal's width; 80 when piped).
    public init(run: LifecycleRun, diagnosis: Diagnosis, style: TextStyle, width: Int = 80) {
        self.run = run
        self.diagnosis = diagnosis
        self.style = style
        self.width = max(40, width)
    }

    /// The report text, ending with a newline.
    public func render() -> String {
        var sections = [header()]
        if let root = diagnosis.rootCause {
            let title = root.severity == .error ? "Root cause" : "What happened"
            sections.append(
                ([style.bold(title)] + FindingList.details(root, style: style, redactor: redactor, width: width))
                    .joined(separator: "\n"))
        }
        sections.append(lifecycles())
        let findings = diagnosis.findings
        if !findings.isEmpty {
            sections.append(FindingList.render(findings, style: style, redactor: redactor, width: width))
        }
        if !run.log.warnings.isEmpty {
            let lines = run.log.warnings.flatMap { warning in
                TerminalText.wrapped(FindingList.clean(warning.message, redactor), width: width - 4).enumerated().map {
                    ($0.offset == 0 ? "  " + style.yellow("!") + " " : "    ") + $0.element
                }
            }
            sections.append(style.bold("Warnings") + "\n" + lines.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    private func header() -> String {
        let degraded = diagnosis.verdict?.isDegraded == true
        let verdict = degraded ? "⚠ DEGRADED" : Verdict.text(diagnosis.outcome)
        let coloured =
            degraded
            ? style.yellow(verdict)
            : diagnosis.outcome == .succeeded
                ? style.green(verdict) : diagnosis.outcome.isFailure ? style.red(verdict) : style.cyan(verdict)
        let subject =
            run.log.serviceName ?? run.instances.first { $0.parentKey == nil }?.name
            ?? run.log.files.joined(separator: ", ")
        var lines = [
            "\(style.bold(coloured))  \(TerminalText.sanitized(redactor.redact(subject)))  \(style.dim("(\(run.source))"))"
        ]
        if let service = diagnosis.verdict {
            let text = FindingList.clean(LifecycleVerdictText.line(service), redactor)
            lines += TerminalText.wrapped(text, width: width - 4).enumerated().map {
                ($0.offset == 0 ? "  " : "    ") + $0.element
            }
        }
        let times = run.events.compactMap(\.time)
        var facts = [
            Noun("event").counted(run.events.count), Noun("lifecycle").counted(run.instances.count),
            Noun("operation").counted(run.operations.count),
        ]
        if let first = times.min(), let last = times.max() {
            facts.insert("\(TimeText.human(first)) → \(TimeText.human(last))", at: 0)
            facts.insert(DurationFormatter.string(milliseconds: first.elapsedMilliseconds(until: last)), at: 1)
        }
        lines += TerminalText.joined(facts, separator: " · ", width: width - 2).map { "  " + style.dim($0) }
        return lines.joined(separator: "\n")
    }

    private func lifecycles() -> String {
        var table = TextTable(columns: [
            .init("Lifecycle", maximumWidth: 32), .init("Kind", maximumWidth: 32), .init("Status"), .init("Path"),
        ])
        var rows: [[String]] = []
        let order: [MachineInstance.Status] = [.failed, .inProgress, .succeeded, .notStarted]
        let (shown, rest) = LifecycleSelection.tree(run.instances, limit: LifecycleTextReport.instancesShownInFull)
        var paths: [[String]?] = []
        for (instance, depth) in shown {
            let name = String(repeating: "  ", count: min(depth, 4)) + instance.name
            paths.append(instance.eventIDs.isEmpty ? nil : instance.statePath.map(TerminalText.sanitized))
            let path =
                instance.eventIDs.isEmpty
                ? style.dim("no events of its own in the log") : instance.statePath.joined(separator: " → ")
            rows.append([
                TerminalText.elidedInMiddle(FindingList.clean(name, redactor), toWidth: 32),
                TerminalText.sanitized(instance.kind),
                status(instance), TerminalText.sanitized(path),
            ])
        }
        // The path takes what the other columns leave, cut in the middle: where it started and where it ended.
        var used = 2 + 3 * table.separator.count
        for column in 0..<3 {
            let widest = (rows.map { TerminalText.width(of: $0[column]) } + [table.columns[column].header.count]).max()
            used += min(widest ?? 0, table.columns[column].maximumWidth ?? .max)
        }
        let room = max(24, width - used)
        for (index, var row) in rows.enumerated() {
            if index < paths.count, let states = paths[index] { row[3] = Self.path(states, width: room) }
            table.addRow(row)
        }
        if !rest.isEmpty {
            var counts: [MachineInstance.Status: Int] = [:]
            for instance in rest { counts[instance.status, default: 0] += 1 }
            let summary = order.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
            table.addRow([style.dim("… \(rest.count) more (\(summary.joined(separator: ", ")))"), "", "", ""])
        }
        let body = table.render(style: style).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        return style.bold("Lifecycles") + "\n" + body
    }

    /// `A → B → C` within `width` cells: the first state, `…`, and as many of the last as fit (the end is what
    /// matters), never a state cut.
    static func path(_ states: [String], width: Int) -> String {
        let whole = states.joined(separator: " → ")
        guard TerminalText.width(of: whole) > width, let first = states.first else { return whole }
        var tail: [String] = []
        for state in states.dropFirst().reversed() {
            let candidate = ([first, "…"] + [state] + tail).joined(separator: " → ")
            guard TerminalText.width(of: candidate) <= width else { break }
            tail.insert(state, at: 0)
        }
        if tail.isEmpty, let last = states.last { return TerminalText.elidedInMiddle("… → " + last, toWidth: width) }
        return ([first, "…"] + tail).joined(separator: " → ")
    }

    private func status(_ instance: MachineInstance) -> String {
        switch instance.status {
        case .failed: return style.red("✗ failed")
        case .succeeded: return style.green("✓ succeeded")
        case .inProgress: return style.cyan("▶ in progress")
        case .notStarted:
            // A parent whose own events are not in the log (only its nested stack's were given) is not "not
            // started": the log cannot say.
            return run.children(of: instance.key).isEmpty ? style.grey("· not started") : style.grey("· unknown")
        }
    }
}
