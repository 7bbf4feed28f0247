import Foundation
import Lifecycles
import RetraceCore
import RetraceTestSupport
import Testing

/// The registry of services is the one place a format is tied to its service: every signature the detector
/// knows is read by exactly one registered service, and the names people use stay what they were.
@Suite("The registry of deployment services")
struct ServiceRegistryTests {
    @Test func everyDetectedFormatIsReadByOneService() {
        let read = LifecycleSource.allCases.map(\.signature)
        #expect(Set(read) == Set(EventLogSignature.deploymentLogs))
        #expect(read.count == Set(read).count, "a format is read by two services")
        for source in LifecycleSource.allCases {
            #expect(LifecycleSource(.deploymentLog(source.signature)) == source)
            #expect(LifecycleSource(rawValue: source.rawValue) == source)
            #expect(source.family.sources.contains(source))
        }
    }

    @Test func namesAndFamiliesStayAsTheyWere() {
        #expect(
            LifecycleSource.allCases.map(\.rawValue) == ["gamelift", "cloudformation", "parallelcluster", "modelarts"])
        #expect(LifecycleSource.gameLift.signature == .gameLift)
        #expect(LifecycleSource.cloudFormation.signature == .cloudFormation)
        #expect(LifecycleSource.parallelCluster.signature == .parallelCluster)
        #expect(LifecycleSource.modelArts.signature == .modelArts)
        // ParallelCluster is a dialect of the stack service, not a service of its own.
        #expect(LifecycleSource.parallelCluster.family == .stack)
        #expect(LifecycleSource.Family.stack.sources == [.cloudFormation, .parallelCluster])
        #expect(LifecycleSource.gameLift.family == .gameLift)
        #expect(LifecycleSource.modelArts.family == .modelArts)
        #expect(LifecycleSource(rawValue: "stepfunctions") == nil)
        #expect(LifecycleSource(rawValue: "") == nil)
    }

    @Test func serviceFactsComeFromTheService() {
        #expect(LifecycleSource.Family.stack.codeNoun == "status")
        #expect(LifecycleSource.Family.gameLift.codeNoun == "event code")
        #expect(LifecycleSource.Family.modelArts.cloudProvider == "huawei_cloud")
        #expect(LifecycleSource.Family.gameLift.cloudProvider == "aws")
        // A family nobody registered has no formats and the plain defaults.
        let unknown = LifecycleSource.Family(rawValue: "unknown")
        #expect(unknown.sources.isEmpty)
        #expect(unknown.codeNoun == "event code")
    }
}
