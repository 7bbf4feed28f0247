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
        let diagnosis =
            DeploymentDiagnosers.diagnoser(for: run.source.family)?.init(run: run).diagnose()
            ?? Diagnosis(outcome: .unknown, rootCause: nil, findings: [])
        var all = Diagnosis(
            outcome: diagnosis.outcome, rootCause: diagnosis.rootCause,
            findings: diagnosis.findings + anomalyFindings(run))
        all.verdict = diagnosis.verdict
        return all.redactingSecrets()
    }

    /// Findings for what the lifecycles did not allow or did not know: impossible or out-of-order moves are
    /// warnings (the log or our model is off), unknown codes are information (kept and shown, one finding per
    /// code).
    static func anomalyFindings(_ run: LifecycleRun) -> [Finding] {
        var findings: [Finding] = []
        var unknown: [String: (events: [String], instances: [String], count: Int)] = [:]
        var unknownOrder: [String] = []
        for instance in run.instances {
            // The same odd move repeated (a status reported again and again) is one finding with a count.
            var repeated: [String: (finding: Int, count: Int)] = [:]
            for anomaly in instance.anomalies {
                switch anomaly.kind {
                case .unknownTrigger:
                    let code = run.event(anomaly.eventID)?.code ?? anomaly.eventID
                    if unknown[code] == nil { unknownOrder.append(code) }
                    var entry = unknown[code] ?? ([], [], 0)
                    entry.count += 1
                    if entry.events.count < 20 { entry.events.append(anomaly.eventID) }
                    if entry.instances.last != instance.name { entry.instances.append(instance.name) }
                    unknown[code] = entry
                case .timeWentBackwards:
                    // The log's `timestamp-backwards` warning (`LifecycleRun`), not a finding.
                    continue
                case .unexpectedTransition:
                    let code = run.event(anomaly.eventID)?.code
                    let key = "\(anomaly.kind.rawValue)|\(code ?? "")"
                    if let seen = repeated[key] {
                        repeated[key] = (seen.finding, seen.count + 1)
                        if findings[seen.finding].evidence.count < 20 {
                            findings[seen.finding].evidence.append(anomaly.eventID)
                        }
                        continue
                    }
                    repeated[key] = (findings.count, 1)
                    findings.append(
                        Finding(
                            severity: .warning,
                            code: .lifecycleUnexpectedTransition,
                            title: "Unexpected transition of \(instance.name)",
                            location: location(of: instance), evidence: [anomaly.eventID], error: code,
                            explanation: anomaly.message + ".", remedy: nil))
                }
            }
            for (_, seen) in repeated where seen.count > 1 {
                findings[seen.finding].title += " (\(seen.count)×)"
                findings[seen.finding].explanation += " The same happened \(Noun("time").counted(seen.count)) in all."
            }
        }
        for code in unknownOrder {
            guard let entry = unknown[code] else { continue }
            findings.append(
                Finding(
                    severity: .info, code: .lifecycleUnknownEvent,
                    title: "Unknown \(run.source.family.codeNoun) \(code) (\(entry.count)×)",
                    evidence: entry.events, error: code,
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
