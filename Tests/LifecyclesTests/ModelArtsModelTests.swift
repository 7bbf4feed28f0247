import Lifecycles
import RetraceCore
import RetraceTestSupport
import Testing

@Suite("ModelArts deployments")
struct ModelArtsModelTests {
    static let readings: [(String, String, ModelArtsModel.Reading.Signal, ModelArtsPhase?)] = [
        ("normal", "start to deploy service", .deploymentStarted, nil),
        ("normal", "building image for model [TF 3.0.0]", .started, .imageBuilding),
        ("normal", "model (TF 3.0.0) build image success", .succeeded, .imageBuilding),
        ("normal", "preparing environment", .started, .environmentPreparation),
        ("normal", "[TF 3.0.0] prepare environment success", .succeeded, .environmentPreparation),
        ("normal", "[TF 3.0.0] schedule resource success", .succeeded, .resourceScheduling),
        ("normal", "[TF 3.0.0] pulling model image", .started, .imagePulling),
        ("normal", "[TF 3.0.0] pull image success", .succeeded, .imagePulling),
        ("normal", "[TF 3.0.0] starting model", .started, .modelStartup),
        ("normal", "service is running", .running, nil),
        ("abnormal", "Insufficient resources. Wait until idle resources are sufficient.", .failed, .resourceScheduling),
        ("abnormal", "Failed to create model image m1. For details, see logs", .failed, .imageBuilding),
        ("abnormal", "[m] pull image failed: manifest unknown", .failed, .imagePulling),
        ("normal", "The service has been stopped.", .stopped, nil),
        ("normal", "Auto stop has been disabled.", .other, nil),
    ]

    @Test("event texts are read as phases and signals", arguments: readings)
    func reads(type: String, text: String, signal: ModelArtsModel.Reading.Signal, phase: ModelArtsPhase?) {
        let event = LifecycleEvent(
            id: "#1", time: nil, code: type, resource: "s", message: text, file: "t", source: .modelArts)
        let reading = ModelArtsModel.read(event)
        #expect(reading.signal == signal)
        #expect(reading.phase == phase)
    }

    @Test(
        "the corpus example stops in model startup",
        .enabled(if: TestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)))
    func corpus() throws {
        let log = try LifecycleDecoder().decode(paths: [
            TestData.corpusPath("modelarts", "otc_docs_service_event_logs_example.json")
        ])
        let run = LifecycleRun(log: log)
        let deployment = try #require(run.instance(ModelArtsModel.deploymentKey(1)))
        #expect(
            deployment.statePath == [
                "DEPLOYING", "IMAGE_BUILDING", "ENVIRONMENT_PREPARATION", "RESOURCE_SCHEDULING", "IMAGE_PULLING",
                "MODEL_STARTUP",
            ])
        #expect(deployment.status == .inProgress)
        #expect(run.instance(ModelArtsModel.phaseKey(1, .imagePulling))?.status == .succeeded)
        #expect(run.instance(ModelArtsModel.phaseKey(1, .modelStartup))?.state == "IN_PROGRESS")
        #expect(run.anomalies.isEmpty)
        #expect(log.serviceName == "service-07085")
    }

    @Test("an update starts a second deployment")
    func deployments() throws {
        let run = try TestData.run(fixtures: "modelarts_fail_startup.json")
        #expect(run.operations.map(\.id) == ["deployment-1", "deployment-2"])
        #expect(run.instance("deployment-1")?.state == "RUNNING")
        #expect(run.instance("deployment-2")?.state == "FAILED")
        #expect(run.instance(ModelArtsModel.phaseKey(2, .modelStartup))?.state == "FAILED")
        #expect(run.instance(ModelArtsModel.phaseKey(2, .imageBuilding)) == nil, "skipped phases are not invented")
        #expect(run.anomalies.isEmpty)
    }

    @Test("scheduling that keeps failing stays FAILED without anomalies")
    func repeatedFailure() throws {
        let run = try TestData.run(fixtures: "modelarts_fail_scheduling.json")
        let deployment = try #require(run.instance("deployment-1"))
        #expect(deployment.statePath.last == "FAILED")
        #expect(deployment.statePath.filter { $0 == "FAILED" }.count == 1)
        #expect(run.anomalies.isEmpty)
    }
}
