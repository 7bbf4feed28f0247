import Lifecycles
import RetraceCore

/// The chain across services: a CloudFormation stack whose `AWS::GameLift::Fleet` resource failed (it did not
/// stabilise) failed because the fleet did; given the fleet's own events too, the root cause continues into the
/// fleet's failure (FLEET_ACTIVATION_FAILED, a launch path not found, …). The link is made from content — the
/// resource's physical id is the fleet id — so the files may come in any order.
enum DeploymentChain {
    /// The resource types whose physical id names a deployment of another service that Retrace reads.
    static let fleetResourceType = "AWS::GameLift::Fleet"

    /// The deployments with every fleet a stack created moved under that stack (`LogSet.Deployment.linked`).
    static func link(_ deployments: [LogSet.Deployment]) -> [LogSet.Deployment] {
        var fleets: [String: Int] = [:]
        for (index, deployment) in deployments.enumerated() where deployment.log.source.family == .gameLift {
            if let fleet = deployment.log.identity { fleets[fleet] = index }
        }
        guard !fleets.isEmpty else { return deployments }
        var result = deployments
        var moved = Set<Int>()
        for (index, deployment) in deployments.enumerated() where deployment.log.source.family == .stack {
            var created: [String] = []
            for event in deployment.log.events where event.resourceType == fleetResourceType {
                if let fleet = event.physicalResourceID, !created.contains(fleet) { created.append(fleet) }
            }
            for fleet in created {
                guard let position = fleets[fleet], !moved.contains(position) else { continue }
                result[index].linked.append(deployments[position].log)
                moved.insert(position)
            }
        }
        return result.enumerated().filter { !moved.contains($0.offset) }.map(\.element)
    }

    /// `diagnosis` of a stack, its root cause continued into the failure of the fleet its failed resource
    /// created, when that fleet's events were given and name a root cause; otherwise `diagnosis` unchanged.
    /// The stack's own finding stays, as a warning that says what CloudFormation saw.
    static func chain(_ diagnosis: Diagnosis, run: LifecycleRun, linked: [(run: LifecycleRun, diagnosis: Diagnosis)])
        -> Diagnosis
    {
        guard let stackCause = diagnosis.rootCause,
            let event = stackCause.evidence.lazy.compactMap({ run.event($0) }).first(where: {
                $0.resourceType == fleetResourceType
            }),
            let fleet = event.physicalResourceID,
            let fleetDiagnosis = linked.first(where: { $0.run.log.identity == fleet })?.diagnosis,
            var cause = fleetDiagnosis.rootCause
        else { return diagnosis }
        cause.location = stackCause.location + cause.location
        cause.evidence += stackCause.evidence
        cause.explanation =
            "\(event.resource) (\(fleetResourceType)) failed in the stack with \(stackCause.error ?? event.code) "
            + "because the fleet it created, \(fleet), failed. \(cause.explanation)"
        var seen = stackCause
        seen.severity = .warning
        seen.title = "The stack saw: " + seen.title
        var chained = Diagnosis(
            outcome: diagnosis.outcome, rootCause: cause,
            findings: [seen] + diagnosis.findings + fleetDiagnosis.findings)
        chained.verdict = diagnosis.verdict
        return chained
    }
}
