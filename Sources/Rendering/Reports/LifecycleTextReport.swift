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
    private let redactor = CredentialRedactor.standard

    /// Creates a report.
    public init(run: LifecycleRun, diagnosis: Diagnosis, style: TextStyle) {
        self.run = run
        self.diagnosis = diagnosis
        self.style = style
    }

    /// The report text, ending with a newline.
    public func render() -> String {
        var sections = [header()]
        if let root = diagnosis.rootCause {
            let title = root.severity == .error ? "Root cause" : "What happened"
            sections.append(
                ([style.bold(title)] + FindingList.details(root, style: style, redactor: redactor)).joined(
                    separator: "\n"))
        }
        sections.append(lifecycles())
        let findings = diagnosis.findings
        if !findings.isEmpty { sections.append(FindingList.render(findings, style: style, redactor: redactor)) }
        if !run.log.warnings.isEmpty {
            let lines = run.log.warnings.map {
                "  " + style.yellow("!") + " " + TerminalText.sanitized(redactor.redact($0.message))
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
            lines.append("  " + TerminalText.sanitized(redactor.redact(LifecycleVerdictText.line(service))))
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
        lines.append("  " + style.dim(facts.joined(separator: " · ")))
        return lines.joined(separator: "\n")
    }

    private func lifecycles() -> String {
        var table = TextTable(columns: [
            .init("Lifecycle", maximumWidth: 48), .init("Kind", maximumWidth: 32), .init("Status"),
            .init("Path", maximumWidth: 90),
        ])
        let order: [MachineInstance.Status] = [.failed, .inProgress, .succeeded, .notStarted]
        let (shown, rest) = LifecycleSelection.tree(run.instances, limit: LifecycleTextReport.instancesShownInFull)
        for (instance, depth) in shown {
            let name = String(repeating: "  ", count: min(depth, 4)) + instance.name
            let path =
                instance.eventIDs.isEmpty
                ? style.dim("no events of its own in the log") : instance.statePath.joined(separator: " → ")
            table.addRow([
                TerminalText.sanitized(redactor.redact(name)), TerminalText.sanitized(instance.kind),
                status(instance), TerminalText.sanitized(path),
            ])
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
