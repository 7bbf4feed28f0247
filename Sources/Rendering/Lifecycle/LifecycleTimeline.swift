import Lifecycles
import RetraceCore

/// Deployment lifecycles as swimlanes: one lane per lifecycle (failed and unfinished first), its states as bars
/// along a shared time axis, the root-cause event marked. Our own SVG, no Graphviz.
public struct LifecycleTimeline {
    /// Lanes drawn at most; the rest are counted below the chart.
    public static let laneBudget = 60

    private let run: LifecycleRun
    private let diagnosis: Diagnosis

    private let labelWidth = 300.0
    private let chartWidth = 900.0
    private let laneHeight = 22.0
    private let top = 56.0

    /// Creates a timeline.
    public init(run: LifecycleRun, diagnosis: Diagnosis) {
        self.run = run
        self.diagnosis = diagnosis
    }

    /// The SVG document.
    public func svg() -> String {
        let redactor = CredentialRedactor.standard
        let times = run.events.compactMap(\.time)
        let rootEvidence = Set(diagnosis.rootCause?.evidence ?? [])
        let lanes = LifecycleSelection.mostConcerning(
            run.instances, limit: LifecycleTimeline.laneBudget, troubledOnly: false,
            including: { !rootEvidence.isDisjoint(with: $0.eventIDs) })
        let omitted = run.instances.filter { !$0.eventIDs.isEmpty }.count - lanes.count
        let height = top + Double(max(lanes.count, 1)) * laneHeight + 80
        var svg = SVGWriter(
            width: labelWidth + chartWidth + 40, height: height,
            title: "Lifecycles of \(redactor.redact(run.log.files.joined(separator: ", ")))")
        svg.addStyle(
            """
            text { font-family: Helvetica, Arial, sans-serif; font-size: 11px; fill: #212121; }
            .axis { stroke: #bdbdbd; } .tick { font-size: 10px; fill: #616161; }
            .success { fill: #81c784; } .failure { fill: #e57373; } .between { fill: #90caf9; }
            .root { stroke: #b71c1c; stroke-width: 2; } .note { font-style: italic; fill: #616161; }
            .heading { font-size: 14px; font-weight: bold; }
            """)
        let subject = run.log.serviceName ?? run.instances.first { $0.parentKey == nil }?.name ?? "deployment"
        let headline = diagnosis.verdict?.isDegraded == true ? "⚠ DEGRADED" : Verdict.text(diagnosis.outcome)
        let verdict = diagnosis.verdict.map { "  " + redactor.redact(LifecycleVerdictText.line($0)) } ?? ""
        svg.text(
            WordWrap.shortened("\(headline)  \(redactor.redact(subject))\(verdict)", to: 140), x: 10, y: 18,
            class: "heading")
        var caption =
            "\(run.source) · \(Noun("event").counted(run.events.count)) · "
            + Noun("lifecycle").counted(run.instances.count)
        if let root = diagnosis.rootCause { caption += " · root cause: \(redactor.redact(root.title))" }
        svg.text(WordWrap.shortened(caption, to: 180), x: 10, y: 34, class: "note")
        guard let first = times.min(), let last = times.max() else {
            svg.text(
                "The log's timestamps could not be read, so there is no time axis; `retrace analyze` lists the "
                    + "lifecycles and their order.", x: 10, y: top, class: "note")
            return svg.render()
        }
        let span = Double(max(first.milliseconds(until: last), 1))
        func x(_ instant: Instant) -> Double {
            labelWidth + chartWidth * Double(first.milliseconds(until: instant)) / span
        }
        svg.group(class: "axis") { svg in
            // Round steps (1 m, 5 m, 10 m …), as on the execution timeline.
            let spanMilliseconds = Int64(span)
            let step = TimelineAxis.step(forSpan: spanMilliseconds)
            var offset: Int64 = 0
            while offset <= spanMilliseconds {
                let position = labelWidth + chartWidth * Double(offset) / span
                svg.line(x1: position, y1: top - 8, x2: position, y2: height - 40, class: "axis")
                svg.text(
                    (offset == 0 ? "" : "+") + DurationFormatter.string(milliseconds: offset), x: position,
                    y: top - 12, anchor: offset == 0 ? .start : .middle, class: "tick")
                let (next, overflow) = offset.addingReportingOverflow(step)
                if overflow { break }
                offset = next
            }
        }
        let rootEvents = Set(diagnosis.rootCause?.evidence ?? [])
        for (index, instance) in lanes.enumerated() {
            let y = top + Double(index) * laneHeight
            let name = String(repeating: "  ", count: min(instance.scope.count, 4)) + instance.name
            svg.group(class: "lane") { svg in
                svg.text(
                    String(redactor.redact(name).prefix(48)), x: 10, y: y + 15,
                    tooltip: redactor.redact(
                        ([instance.kind] + instance.scope + [instance.name]).joined(separator: " › ")))
                for visit in instance.path {
                    guard let entered = visit.enteredAt else { continue }
                    let isFailure = instance.machine.failureStates.contains(visit.state)
                    let isSuccess = instance.machine.successStates.contains(visit.state)
                    let kind = isFailure ? "failure" : isSuccess ? "success" : "between"
                    // A state still in progress runs to the end of the log; a final state is the moment it was
                    // reached, not a span.
                    let exited = visit.exitedAt ?? (isFailure || isSuccess ? entered : last)
                    let width = max(x(exited) - x(entered), isFailure || isSuccess ? 4 : 2)
                    svg.rect(
                        x: x(entered), y: y + 3, width: width, height: laneHeight - 6, cornerRadius: 3, class: kind,
                        tooltip: "\(visit.state) · \(TimeText.human(entered))"
                            + (visit.durationMilliseconds.map { " · " + DurationFormatter.string(milliseconds: $0) }
                                ?? ""))
                    if width > Double(visit.state.count) * 6.5 + 8 {
                        svg.text(visit.state, x: x(entered) + 4, y: y + 15)
                    }
                }
                for transition in instance.transitions where rootEvents.contains(transition.eventID) {
                    if let time = transition.time {
                        svg.line(
                            x1: x(time), y1: y, x2: x(time), y2: y + laneHeight, class: "root",
                            tooltip: "root cause: \(redactor.redact(transition.trigger))")
                    }
                }
            }
        }
        let legendY = top + Double(lanes.count) * laneHeight + 24
        if omitted > 0 {
            svg.text(
                "\(Noun("more lifecycle", plural: "more lifecycles").counted(omitted)) not drawn.", x: 10, y: legendY,
                class: "note")
        }
        var legendX = 10.0
        for (kind, label) in [
            ("between", "in progress"), ("success", "reached success"), ("failure", "reached failure"),
        ] {
            svg.rect(x: legendX, y: legendY + 12, width: 12, height: 10, cornerRadius: 2, class: kind)
            svg.text(label, x: legendX + 16, y: legendY + 21)
            legendX += 130
        }
        svg.line(x1: legendX, y1: legendY + 11, x2: legendX, y2: legendY + 23, class: "root")
        svg.text("root-cause event", x: legendX + 6, y: legendY + 21)
        return svg.render()
    }
}
