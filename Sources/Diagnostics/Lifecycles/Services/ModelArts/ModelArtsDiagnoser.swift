import Lifecycles
import RetraceCore

/// ModelArts: within the latest deployment, the phase reached, and the first abnormal event as the root cause
/// with the remedy for its family.
struct ModelArtsDiagnoser: DeploymentDiagnoser {
    static var family: LifecycleSource.Family { .modelArts }

    let run: LifecycleRun

    func diagnose() -> Diagnosis {
        guard let latest = run.operations.last, let deployment = run.instance(latest.instanceKey) else {
            return Diagnosis(outcome: .unknown, rootCause: nil, findings: [])
        }
        let service = deployment.scope.first ?? "service"
        let reached = phaseReached(in: deployment)
        var reader = ModelArtsModel.Reader()
        let abnormal = latest.eventIDs.compactMap { run.event($0) }.filter { reader.read($0).signal == .failed }
        var findings: [Finding] = [phaseFinding(deployment: deployment, reached: reached, service: service)]
        var rootCause: Finding?
        let outcome: RunOutcome
        switch deployment.state {
        case "RUNNING": outcome = .succeeded
        case "FAILED": outcome = .failed
        case "STOPPED": outcome = abnormal.isEmpty ? .aborted : .failed
        default: outcome = abnormal.isEmpty ? .running : .failed
        }
        // A service waiting for resources repeats the same abnormal event every few seconds: one finding per
        // text, with how many times it came.
        var repeats: [String: (finding: Int, count: Int)] = [:]
        for (index, event) in abnormal.enumerated() {
            if index > 0 || outcome == .succeeded, let seen = repeats[event.message ?? ""] {
                repeats[event.message ?? ""] = (seen.finding, seen.count + 1)
                if findings[seen.finding].evidence.count < 20 { findings[seen.finding].evidence.append(event.id) }
                continue
            }
            let phase = reader.read(event).phase ?? phase(of: event, in: deployment)
            let family = ModelArtsRemedies.family(of: event.message ?? "", phase: phase)
            var location: [LocationStep] = [.resource(service), .phase(deployment.name)]
            if let phase { location.append(.phase(phase.title)) }
            let text = event.message ?? ""
            if index == 0 && outcome != .succeeded {
                rootCause = Finding(
                    severity: .error, code: .modelArtsDeploymentFailed,
                    title: "Deployment failed in \(phase?.title ?? "an unknown phase"): "
                        + LifecycleDiagnoser.short(text, 90),
                    location: location, evidence: [event.id], error: family.rawValue, cause: text,
                    explanation: "This is the first abnormal event of the latest deployment (\(deployment.name), "
                        + "started \(startTime(of: latest))); the deployment had reached "
                        + "\(reached?.title ?? "no phase"). \(ModelArtsRemedies.explanation(family))",
                    remedy: ModelArtsRemedies.remedy(family))
            } else {
                findings.append(
                    Finding(
                        severity: .warning, code: .modelArtsAbnormalEvent,
                        title: "Abnormal event in \(phase?.title ?? deployment.name): "
                            + LifecycleDiagnoser.short(text, 90),
                        location: location, evidence: [event.id], error: family.rawValue, cause: text,
                        explanation: outcome == .succeeded
                            ? "The deployment recovered and is running, but reported this on the way. "
                                + ModelArtsRemedies.explanation(family)
                            : ModelArtsRemedies.explanation(family),
                        remedy: ModelArtsRemedies.remedy(family)))
                repeats[text] = (findings.count - 1, 1)
            }
        }
        for (_, seen) in repeats where seen.count > 1 {
            let lead = "Abnormal event"
            let title = findings[seen.finding].title
            findings[seen.finding].title = "\(lead) (\(seen.count)×)" + title.dropFirst(lead.count)
        }
        for operation in run.operations.dropLast() {
            guard let earlier = run.instance(operation.instanceKey), earlier.state == "FAILED" else { continue }
            findings.append(
                Finding(
                    severity: .info, code: .modelArtsEarlierDeploymentFailed,
                    title: "An earlier deployment (\(earlier.name)) failed", location: [.resource(service)],
                    evidence: earlier.transitions.filter { $0.to == "FAILED" }.map(\.eventID).prefix(1).map { $0 },
                    explanation: "The diagnosis covers the latest deployment only; this one came before it."))
        }
        var diagnosis = Diagnosis(outcome: outcome, rootCause: rootCause, findings: findings)
        diagnosis.verdict = verdict(deployment: deployment, reached: reached, outcome: outcome)
        return diagnosis
    }

    /// The service's status as ModelArts shows it (running, failed, stopped, deploying) and the phase the latest
    /// deployment reached.
    private func verdict(deployment: MachineInstance, reached: ModelArtsPhase?, outcome: RunOutcome)
        -> ServiceVerdict
    {
        let phase = reached?.title
        let status: String
        let summary: String
        switch outcome {
        case .succeeded:
            status = "RUNNING"
            summary = "running"
        case .failed:
            status = "FAILED"
            summary = "failed" + (phase.map { " in \($0)" } ?? "")
        case .aborted:
            status = "STOPPED"
            summary = "stopped" + (phase.map { " after \($0)" } ?? "")
        default:
            status = "DEPLOYING"
            summary = "deploying" + (phase.map { ", reached \($0)" } ?? "")
        }
        return ServiceVerdict(status: status, operation: phase, summary: summary)
    }

    /// The furthest phase the deployment started.
    private func phaseReached(in deployment: MachineInstance) -> ModelArtsPhase? {
        run.children(of: deployment.key).filter { $0.status != .notStarted }
            .compactMap { instance in ModelArtsPhase.allCases.first { $0.title == instance.name } }.max()
    }

    /// The phase the deployment was in when `event` happened.
    private func phase(of event: LifecycleEvent, in deployment: MachineInstance) -> ModelArtsPhase? {
        guard let position = run.position(of: event.id) else { return nil }
        var current: ModelArtsPhase?
        for transition in deployment.transitions {
            guard let at = run.position(of: transition.eventID), at <= position else { break }
            if let phase = ModelArtsPhase(rawValue: transition.to) { current = phase }
        }
        return current
    }

    private func startTime(of operation: LifecycleOperation) -> String {
        guard let first = operation.eventIDs.first, let event = run.event(first) else { return "at an unknown time" }
        return "at \(event.timeDescription)"
    }

    private func phaseFinding(deployment: MachineInstance, reached: ModelArtsPhase?, service: String) -> Finding {
        let path = deployment.statePath.joined(separator: " → ")
        let state: String
        switch deployment.state {
        case "RUNNING": state = "The service is running."
        case "FAILED": state = "The deployment failed."
        case "STOPPED": state = "The service was stopped."
        default: state = "The log ends before the deployment finished."
        }
        return Finding(
            severity: .info, code: .modelArtsPhaseReached,
            title:
                "\(deployment.name) reached \(deployment.state == "RUNNING" ? "running" : reached?.title ?? "no phase")",
            location: [.resource(service), .phase(deployment.name)], evidence: deployment.eventIDs.suffix(1).map { $0 },
            explanation: "\(state) Path: \(path).")
    }
}
