import Lifecycles
import RetraceCore

/// Draws deployment lifecycles as state machines: for each lifecycle worth seeing, the states it went through in
/// order (coloured by what they mean), the success state it failed to reach (greyed), and the moves it made,
/// numbered, with the move into failure in bold red. A stack of hundreds of resources shows the ones that went
/// wrong; the graph says what it left out.
public struct LifecycleGraph {
    /// Lifecycles drawn at most; the rest are counted in a note.
    public static let lifecycleBudget = 12

    private let run: LifecycleRun
    private let diagnosis: Diagnosis
    private let direction: GraphDirection

    /// Creates a graph; lifecycles read best left to right, the default.
    public init(run: LifecycleRun, diagnosis: Diagnosis, direction: GraphDirection = .leftToRight) {
        self.run = run
        self.diagnosis = diagnosis
        self.direction = direction
    }

    /// The DOT text.
    public func dot() -> String {
        let redactor = CredentialRedactor.standard
        let subject = run.log.serviceName ?? run.instances.first { $0.parentKey == nil }?.name ?? "deployment"
        let headline = diagnosis.verdict?.isDegraded == true ? "⚠ DEGRADED" : Verdict.text(diagnosis.outcome)
        var caption = "\(headline)  \(redactor.redact(subject)) (\(run.source))\n"
        if let verdict = diagnosis.verdict { caption += redactor.redact(LifecycleVerdictText.line(verdict)) + "\n" }
        if let root = diagnosis.rootCause { caption += "root cause: \(redactor.redact(root.title))\n" }
        var writer = DOTWriter(
            name: "lifecycles",
            graphAttributes: [
                "rankdir": .text(direction.rawValue), "fontname": "Helvetica", "fontsize": 11, "compound": true,
                "labelloc": "t", "labeljust": "l", "label": .text(caption, alignment: .left),
            ],
            nodeDefaults: ["fontname": "Helvetica", "fontsize": 10, "shape": "box", "style": "rounded,filled"],
            edgeDefaults: ["fontname": "Helvetica", "fontsize": 9])
        let rootEvidence = Set(diagnosis.rootCause?.evidence ?? [])
        let chosen = LifecycleSelection.mostConcerning(
            run.instances, limit: LifecycleGraph.lifecycleBudget, troubledOnly: true,
            including: { !rootEvidence.isDisjoint(with: $0.eventIDs) })
        for (number, instance) in chosen.enumerated() {
            let title = ([instance.kind] + instance.scope + [instance.name]).joined(separator: " › ")
            let cluster = writer.addCluster(
                "l\(number)",
                ["label": .text(CredentialRedactor.standard.redact(title)), "style": "rounded", "color": "#999999"])
            var drawn: Set<String> = []
            for visit in instance.path where !drawn.contains(visit.state) {
                drawn.insert(visit.state)
                var node = attributes(for: visit.state, in: instance, visited: true)
                if instance.machine.failureStates.contains(visit.state) || instance.resultState == visit.state,
                    let id = visit.eventID, let event = run.event(id)
                {
                    node["label"] = .text(
                        failureLabel(state: visit.state, event: event, isRoot: rootEvidence.contains(id)))
                    node["fillcolor"] = "#ffcdd2"
                    node["color"] = "#c62828"
                }
                writer.addNode(nodeID(number, visit.state), node, in: cluster)
            }
            // Where it should have gone: the first success state it did not reach (CloudFormation machines have
            // a dozen terminal states; drawing every unreached one would bury the path).
            if instance.status != .succeeded,
                let goal = instance.machine.states.first(where: {
                    instance.machine.successStates.contains($0) && !drawn.contains($0)
                })
            {
                drawn.insert(goal)
                writer.addNode(nodeID(number, goal), attributes(for: goal, in: instance, visited: false), in: cluster)
            }
            for (step, transition) in instance.transitions.enumerated() {
                let intoFailure = instance.machine.failureStates.contains(transition.to)
                let isRoot = rootEvidence.contains(transition.eventID)
                var edge: DOTAttributes = [
                    "label": .text("\(step + 1). \(CredentialRedactor.standard.redact(transition.trigger))")
                ]
                if intoFailure || isRoot {
                    edge["color"] = "#c62828"
                    edge["fontcolor"] = "#c62828"
                    edge["penwidth"] = 2.5
                }
                if !transition.isExpected {
                    edge["style"] = "dashed"
                    edge["color"] = "#ef6c00"
                }
                writer.addEdge(from: nodeID(number, transition.from), to: nodeID(number, transition.to), edge)
            }
        }
        let omitted = run.instances.count - chosen.count
        if omitted > 0 {
            let troubled = run.instances.filter { $0.status == .failed || $0.status == .inProgress }.count
            let drawnTroubled = chosen.filter { $0.status == .failed || $0.status == .inProgress }.count
            let why =
                troubled > drawnTroubled
                ? "\(Noun("lifecycle").counted(troubled - drawnTroubled)) that failed or did not finish among them"
                : "none of them ended in failure or stayed unfinished"
            writer.addNode(
                "omitted",
                [
                    "shape": "note", "style": "filled", "fillcolor": "#f5f5f5",
                    "label": .text(
                        "\(Noun("more lifecycle", plural: "more lifecycles").counted(omitted)) not drawn (\(why))"),
                ])
        }
        writer.addNode(
            "legend",
            [
                "shape": "plaintext", "style": "",
                "label": .text(
                    "green: success state · red: failure state · blue: in between · grey dashed: not reached\n"
                        + "red bold move: into failure or the root cause · orange dashed: a move the lifecycle does not allow"
                ),
            ])
        return writer.render()
    }

    private func nodeID(_ instance: Int, _ state: String) -> String { "l\(instance)_\(state)" }

    /// A failure state's label: the state, the error (the root cause's where this is it), the reason shortened
    /// at a word, and the time.
    private func failureLabel(state: String, event: LifecycleEvent, isRoot: Bool) -> String {
        let redactor = CredentialRedactor.standard
        var lines = [state]
        if isRoot, let error = diagnosis.rootCause?.error, error != state { lines.append(redactor.redact(error)) }
        if let message = event.message, !message.isEmpty {
            lines.append(WordWrap.shortened(redactor.redact(message), to: 60))
        }
        if let time = event.time { lines.append(TimeText.human(time)) }
        return lines.joined(separator: "\n")
    }

    private func attributes(for state: String, in instance: MachineInstance, visited: Bool) -> DOTAttributes {
        var attributes: DOTAttributes = ["label": .text(state)]
        if !visited {
            attributes["style"] = "rounded,dashed"
            attributes["color"] = "#9e9e9e"
            attributes["fontcolor"] = "#9e9e9e"
            return attributes
        }
        if instance.machine.failureStates.contains(state) {
            attributes["fillcolor"] = "#ffcdd2"
            attributes["color"] = "#c62828"
            attributes["penwidth"] = 2
        } else if instance.machine.successStates.contains(state) {
            attributes["fillcolor"] = "#c8e6c9"
            attributes["color"] = "#2e7d32"
        } else {
            attributes["fillcolor"] = "#e3f2fd"
            attributes["color"] = "#1565c0"
        }
        if state == instance.state { attributes["peripheries"] = 2 }
        return attributes
    }
}
