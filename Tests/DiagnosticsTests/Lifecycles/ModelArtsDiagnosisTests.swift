import Diagnostics
import Lifecycles
import RetraceCore
import RetraceTestSupport
import Testing

@Suite("ModelArts diagnosis")
struct ModelArtsDiagnosisTests {
    @Test(
        "the first abnormal event of the latest deployment is the root cause",
        arguments: [
            ("modelarts_fail_scheduling.json", "resource scheduling", "insufficient-resources", "#6", "deployment 1"),
            ("modelarts_fail_startup.json", "model startup", "health-check-or-startup", "#15", "deployment 2"),
        ])
    func failed(fixture: String, phase: String, family: String, evidence: String, deployment: String) throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(fixtures: fixture)
        #expect(diagnosis.outcome == .failed)
        let root = try #require(diagnosis.rootCause)
        #expect(root.code.rawValue == "modelarts-deployment-failed")
        #expect(root.error == family)
        #expect(root.evidence == [evidence])
        #expect(root.location.last == .phase(phase))
        #expect(root.location.contains(.phase(deployment)))
        #expect(root.remedy != nil)
        let reached = try #require(diagnosis.findings.first { $0.code.rawValue == "modelarts-phase-reached" })
        #expect(reached.title.contains(phase))
        // Later abnormal events are findings of their own, not the cause.
        #expect(diagnosis.findings.contains { $0.code.rawValue == "modelarts-abnormal-event" })
    }

    @Test("a deployment that recovers is a success with a warning")
    func recovered() throws {
        let text = """
            {"service_name": "svc", "events": [
              {"event_type": "normal", "event_info": "start to deploy service", "occur_time": 1000},
              {"event_type": "abnormal", "event_info": "Insufficient resources. Wait until idle resources are sufficient.", "occur_time": 2000},
              {"event_type": "normal", "event_info": "[m] schedule resource success", "occur_time": 3000},
              {"event_type": "normal", "event_info": "[m] starting model", "occur_time": 4000},
              {"event_type": "normal", "event_info": "service is running", "occur_time": 5000}
            ]}
            """
        let (_, diagnosis) = try LifecycleTestData.diagnose(text: text)
        #expect(diagnosis.outcome == .succeeded)
        #expect(diagnosis.rootCause == nil)
        #expect(diagnosis.findings.first?.code.rawValue == "modelarts-abnormal-event")
        #expect(diagnosis.findings.first?.severity == .warning)
    }

    @Test(
        "the corpus example is still starting its model",
        .enabled(if: LifecycleTestData.hasCorpus, Comment(rawValue: Corpus.missingMessage)))
    func corpus() throws {
        let (_, diagnosis) = try LifecycleTestData.diagnose(
            corpus: "modelarts", "otc_docs_service_event_logs_example.json")
        #expect(diagnosis.outcome == .running)
        #expect(diagnosis.rootCause == nil)
        #expect(diagnosis.findings.map(\.code.rawValue) == ["modelarts-phase-reached"])
        #expect(diagnosis.findings.first?.title.contains("model startup") == true)
    }

    @Test("an earlier failed deployment is mentioned when a later one runs")
    func earlier() throws {
        let text = """
            {"service_name": "svc", "events": [
              {"event_type": "normal", "event_info": "start to deploy service", "occur_time": 1000},
              {"event_type": "abnormal", "event_info": "[m] pull image failed", "occur_time": 2000},
              {"event_type": "normal", "event_info": "The service is being updated.", "occur_time": 3000},
              {"event_type": "normal", "event_info": "service is running", "occur_time": 5000}
            ]}
            """
        let (_, diagnosis) = try LifecycleTestData.diagnose(text: text)
        #expect(diagnosis.outcome == .succeeded)
        #expect(diagnosis.findings.contains { $0.code.rawValue == "modelarts-earlier-deployment-failed" })
    }
}
