import Lifecycles
import RetraceCore

/// The chain across services: a CloudFormation stack whose resource created a deployment of another service (an
/// `AWS::GameLift::Fleet` creates a fleet) and failed with it (it did not stabilise) failed because that
/// deployment did; given the deployment's own events too, the root cause continues into its failure
/// (FLEET_ACTIVATION_FAILED, a launch path not found, …). The link is made from content — the resource's physical
/// id is the deployment's identity — so the files may come in any order. Which resource types create which
/// service's deployments, each service's diagnoser says (`DeploymentDiagnoser.createdByResourceTypes`).
enum DeploymentChain {
    /// The deployments with every deployment a stack's resource created moved under that stack
    /// (`LogSet.Deployment.linked`).
    static func link(_ deployments: [LogSet.Deployment]) -> [LogSet.Deployment] {
        let creators = DeploymentDiagnosers.creators
        let createdFamilies = Set(creators.values.map { $0.family })
        var created: [String: Int] = [:]
        for (index, deployment) in deployments.enumerated()
        where createdFamilies.contains(deployment.log.source.family) {
            if let identity = deployment.log.identity { created[identity] = index }
        }
        guard !created.isEmpty else { return deployments }
        var result = deployments
        var moved = Set<Int>()
        // Only stack events name resources: the other deployments (a million fleet events) are not walked.
        for (index, deployment) in deployments.enumerated() where deployment.log.events.first?.stack != nil {
            var identities: [String] = []
            for event in deployment.log.events {
                guard let type = event.resourceType, let creator = creators[type],
                    let identity = event.physicalResourceID,
                    !identities.contains(identity),
                    let position = created[identity], deployments[position].log.source.family == creator.family
                else { continue }
                identities.append(identity)
            }
            for identity in identities {
                guard let position = created[identity], position != index, !moved.contains(position) else { continue }
                result[index].linked.append(deployments[position].log)
                moved.insert(position)
            }
        }
        return result.enumerated().filter { !moved.contains($0.offset) }.map(\.element)
    }

    /// `diagnosis` of a stack, its root cause continued into the failure of the deployment its failed resource
    /// created, when that deployment's events were given and name a root cause; otherwise `diagnosis` unchanged.
    /// The stack's own finding stays, as a warning that says what CloudFormation saw.
    static func chain(_ diagnosis: Diagnosis, run: LifecycleRun, linked: [(run: LifecycleRun, diagnosis: Diagnosis)])
        -> Diagnosis
    {
        let creators = DeploymentDiagnosers.creators
        guard let stackCause = diagnosis.rootCause,
            let event = stackCause.evidence.lazy.compactMap({ run.event($0) }).first(where: {
                $0.resourceType.map { creators[$0] != nil } ?? false
            }),
            let resourceType = event.resourceType, let creator = creators[resourceType],
            let identity = event.physicalResourceID,
            let createdDiagnosis = linked.first(where: { $0.run.log.identity == identity })?.diagnosis,
            var cause = createdDiagnosis.rootCause
        else { return diagnosis }
        cause.location = stackCause.location + cause.location
        cause.evidence += stackCause.evidence
        cause.explanation =
            "\(event.resource) (\(resourceType)) failed in the stack with \(stackCause.error ?? event.code) "
            + "because the \(creator.deploymentNoun) it created, \(identity), failed. \(cause.explanation)"
        var seen = stackCause
        seen.severity = .warning
        seen.title = "The stack saw: " + seen.title
        var chained = Diagnosis(
            outcome: diagnosis.outcome, rootCause: cause,
            findings: [seen] + diagnosis.findings + createdDiagnosis.findings)
        chained.verdict = diagnosis.verdict
        return chained
    }
}
