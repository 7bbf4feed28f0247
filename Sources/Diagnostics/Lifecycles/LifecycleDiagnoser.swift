import Lifecycles
import RetraceCore

/// Names the root cause of a deployment from its reconstructed lifecycles, with the service's documented
/// meaning of the failure and a remedy, and lists what else is worth knowing.
///
/// Every text that goes into a finding passes through secret redaction first: GameLift messages and log links
/// carry pre-signed URLs with credentials.
public enum LifecycleDiagnoser {
    /// Diagnoses `run` with the rules of its service.
    public static func diagnose(_ run: LifecycleRun) -> Diagnosis {
        let diagnosis: Diagnosis
        switch run.source.family {
        case .gameLift: diagnosis = GameLiftDiagnoser(run: run).diagnose()
        case .stack: diagnosis = CloudFormationDiagnoser(run: run).diagnose()
        case .modelArts: diagnosis = ModelArtsDiagnoser(run: run).diagnose()
        }
        let all = Diagnosis(
            outcome: diagnosis.outcome, rootCause: diagnosis.rootCause,
            findings: diagnosis.findings + anomalyFindings(run))
        return all.redactingSecrets()
    }

    /// Findings for what the lifecycles did not allow or did not know: impossible or out-of-order moves are
    /// warnings (the log or our model is off), unknown codes are information (kept and shown, one finding per
    /// code).
    static func anomalyFindings(_ run: LifecycleRun) -> [Finding] {
        var findings: [Finding] = []
        var unknown: [String: (events: [String], instances: [String])] = [:]
        var unknownOrder: [String] = []
        for instance in run.instances {
            for anomaly in instance.anomalies {
                switch anomaly.kind {
                case .unknownTrigger:
                    let code = run.event(anomaly.eventID)?.code ?? anomaly.eventID
                    if unknown[code] == nil { unknownOrder.append(code) }
                    unknown[code, default: ([], [])].events.append(anomaly.eventID)
                    unknown[code, default: ([], [])].instances.append(instance.name)
                case .unexpectedTransition, .timeWentBackwards:
                    findings.append(
                        Finding(
                            severity: .warning,
                            code: anomaly.kind == .unexpectedTransition
                                ? .lifecycleUnexpectedTransition : .lifecycleTimeWentBackwards,
                            title: anomaly.kind == .unexpectedTransition
                                ? "Unexpected transition of \(instance.name)"
                                : "Out-of-order event for \(instance.name)",
                            location: location(of: instance), evidence: [anomaly.eventID],
                            error: run.event(anomaly.eventID)?.code, explanation: anomaly.message + ".",
                            remedy: nil))
                }
            }
        }
        for code in unknownOrder {
            guard let entry = unknown[code] else { continue }
            findings.append(
                Finding(
                    severity: .info, code: .lifecycleUnknownEvent,
                    title: "Unknown \(run.source.family == .stack ? "status" : "event code") \(code) "
                        + "(\(entry.events.count)×)",
                    evidence: Array(entry.events.prefix(20)), error: code,
                    explanation: "Retrace does not know \(code); the events are kept as recorded and shown, but play "
                        + "no part in the diagnosis. Seen on: \(Array(Set(entry.instances)).sorted().joined(separator: ", ")).",
                    remedy: nil))
        }
        return findings
    }

    /// An instance's location path: its scope, then its name.
    static func location(of instance: MachineInstance) -> [LocationStep] {
        instance.scope.map { LocationStep.resource($0) } + [.resource(instance.name)]
    }

    /// The worst of several outcomes: a failure anywhere makes the whole deployment a failure.
    static func worst(_ outcomes: [RunOutcome]) -> RunOutcome {
        let order: [RunOutcome] = [.failed, .timedOut, .aborted, .running, .unknown, .succeeded]
        for outcome in order where outcomes.contains(outcome) { return outcome }
        return .unknown
    }

    /// Text shortened for a title.
    static func short(_ text: String, _ limit: Int = 100) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}
