import Lifecycles
import RetraceCore
import Testing

@testable import Diagnostics

/// Every registered deployment service is diagnosed by exactly one diagnoser, and `--source` names every format.
@Suite("The registry of deployment diagnosers")
struct DeploymentDiagnoserRegistryTests {
    @Test func everyServiceHasOneDiagnoser() {
        let families = Set(LifecycleSource.allCases.map(\.family))
        #expect(Set(DeploymentDiagnosers.all.map { $0.family }) == families)
        #expect(DeploymentDiagnosers.all.count == families.count, "a service has two diagnosers")
        #expect(DeploymentDiagnosers.diagnoser(for: LifecycleSource.Family(rawValue: "unknown")) == nil)
    }

    @Test func onlyFleetsAreCreatedByStackResources() {
        #expect(DeploymentDiagnosers.creators.keys.sorted() == ["AWS::GameLift::Fleet"])
        #expect(DeploymentDiagnosers.creators["AWS::GameLift::Fleet"]?.family == .gameLift)
    }

    @Test func sourceNamesEveryRegisteredFormat() {
        #expect(LogSource.names == "stepfunctions, gamelift, cloudformation, parallelcluster, modelarts")
        for source in LifecycleSource.allCases {
            #expect(LogSource(rawValue: source.rawValue)?.lifecycleSource == source)
        }
        #expect(LogSource(rawValue: "stepfunctions")?.lifecycleSource == nil)
        #expect(LogSource(rawValue: "cloudwatch") == nil)
    }
}
