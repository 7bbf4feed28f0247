import Lifecycles
import RetraceCore

/// What diagnostics know about one deployment service, behind one type: how a reconstructed run of it is
/// diagnosed (its verdict, root cause and findings) and which deployments of it other services create.
///
/// `LifecycleDiagnoser` and `DeploymentChain` ask the service of a run's family through `DeploymentDiagnosers`
/// and never switch over services.
protocol DeploymentDiagnoser: SendableMetatype {
    /// The service it diagnoses (`LifecycleSource.Family`).
    static var family: LifecycleSource.Family { get }

    /// The CloudFormation resource types that create a deployment of this service, whose physical resource id is
    /// the deployment's identity (`AWS::GameLift::Fleet`: the fleet id); empty when no stack creates one.
    static var createdByResourceTypes: Set<String> { get }

    /// What one deployment of the service is called ("fleet"), for the explanation of a chained root cause.
    static var deploymentNoun: String { get }

    /// A diagnoser of `run`.
    init(run: LifecycleRun)

    /// The verdict, the root cause and the findings of the run, by the service's rules.
    func diagnose() -> Diagnosis
}

extension DeploymentDiagnoser {
    static var createdByResourceTypes: Set<String> { [] }
    static var deploymentNoun: String { "deployment" }
}

/// The registry of deployment diagnosers: the one list a run's diagnoser is looked up in. A new service is a
/// folder under `Services/` with a type conforming to `DeploymentDiagnoser`, and one line here.
enum DeploymentDiagnosers {
    /// Every service's diagnoser.
    static let all: [any DeploymentDiagnoser.Type] = [
        GameLiftDiagnoser.self,
        CloudFormationDiagnoser.self,
        ModelArtsDiagnoser.self,
    ]

    /// The diagnoser of `family`'s runs, or `nil` when no diagnoser is registered for it.
    static func diagnoser(for family: LifecycleSource.Family) -> (any DeploymentDiagnoser.Type)? {
        all.first { $0.family == family }
    }

    /// Which diagnoser's deployments each resource type creates.
    static let creators: [String: any DeploymentDiagnoser.Type] = {
        var result: [String: any DeploymentDiagnoser.Type] = [:]
        for diagnoser in all {
            for type in diagnoser.createdByResourceTypes { result[type] = diagnoser }
        }
        return result
    }()
}
