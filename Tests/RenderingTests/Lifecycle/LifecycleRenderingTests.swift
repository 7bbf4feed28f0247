import Diagnostics
import Foundation
import Lifecycles
import RetraceCore
import RetraceTestSupport
import Testing

@testable import Rendering

@Suite("Lifecycle graphs and timelines")
struct LifecycleRenderingTests {
    private func load(_ names: String...) throws -> (LifecycleRun, Diagnosis) {
        let inputs = try names.map {
            try InputBuffer.read(path: PackagePaths.fixture($0, target: "LifecyclesTests").path)
        }
        let run = LifecycleRun(log: try LifecycleDecoder().decode(inputs))
        return (run, LifecycleDiagnoser.diagnose(run))
    }

    @Test func fleetGraphShowsThePathAndTheFailingMove() throws {
        let (run, diagnosis) = try load("gamelift_fail_building.json")
        let dot = LifecycleGraph(run: run, diagnosis: diagnosis).dot()
        let summary = try GraphvizRenderer.summarize(dot: dot)
        #expect(summary.subgraphNames.count == 1)
        for state in ["l0_NEW", "l0_DOWNLOADING", "l0_VALIDATING", "l0_BUILDING", "l0_ERROR"] {
            #expect(summary.nodeNames.contains(state), "\(state) missing from \(summary.nodeNames)")
        }
        #expect(dot.contains("l0_ACTIVE"), "the success state not reached is drawn, greyed")
        #expect(dot.contains("\"l0_BUILDING\" -> \"l0_ERROR\" [label=\"") && dot.contains("color=\"#c62828\""))
        let svg = SVGStructure(
            parsing: String(decoding: try GraphvizRenderer.render(dot: dot, format: .svg), as: UTF8.self))
        #expect(svg.isWellFormed)
        #expect(svg.groups(ofClass: "cluster").count == 1)
    }

    @Test func largeStacksDrawOnlyWhatWentWrong() throws {
        let (run, diagnosis) = try load("cfn_nested_parent.json", "cfn_nested_child.json")
        let dot = LifecycleGraph(run: run, diagnosis: diagnosis).dot()
        let summary = try GraphvizRenderer.summarize(dot: dot)
        let drawn = summary.subgraphNames.count
        #expect(drawn <= LifecycleGraph.lifecycleBudget)
        #expect(drawn < run.instances.count)
        #expect(summary.nodeNames.contains("omitted"))
        #expect(dot.contains("more lifecycle not drawn") || dot.contains("more lifecycles not drawn"))
        #expect(!dot.contains("lifecycle(s)"))
        // The root cause, deep in the nested stack, is drawn with its error, reason and time on the failure node.
        #expect(dot.contains("PublicSubnet"))
        #expect(dot.contains("InvalidRequest"))
        #expect(dot.contains("2024-06-01 09:00:23.000 UTC"))
        #expect(dot.contains("CREATE → ROLLBACK_COMPLETE: create failed, rolled back"))
    }

    @Test("the root cause is drawn however small the budget")
    func rootCauseAlwaysDrawn() throws {
        let (run, diagnosis) = try load("cfn_nested_parent.json", "cfn_nested_child.json")
        let root = try #require(diagnosis.rootCause)
        let chosen = LifecycleSelection.mostConcerning(
            run.instances, limit: 1, troubledOnly: true,
            including: { !Set(root.evidence).isDisjoint(with: $0.eventIDs) })
        #expect(chosen.map(\.name) == ["PublicSubnet"])
    }

    @Test("labels are shortened at a word, never inside one")
    func shortenedAtWords() {
        #expect(
            WordWrap.shortened("The CIDR '10.1.0.0/24' is invalid for this VPC", to: 30)
                == "The CIDR '10.1.0.0/24' is …")
        #expect(WordWrap.shortened("short", to: 30) == "short")
        #expect(WordWrap.shortened("Averyveryverylongwordwithoutspaces", to: 10) == "Averyvery…")
    }

    @Test func timelineHasALanePerLifecycleAndMarksTheRootCause() throws {
        let (run, diagnosis) = try load("modelarts_fail_startup.json")
        let text = LifecycleTimeline(run: run, diagnosis: diagnosis).svg()
        let svg = SVGStructure(parsing: text)
        #expect(svg.isWellFormed)
        let started = run.instances.filter { !$0.eventIDs.isEmpty }.count
        #expect(svg.groups(ofClass: "lane").count == started)
        #expect(svg.texts.contains { $0.hasPrefix("+") }, "a time axis in human units")
        #expect(text.contains("class=\"root\""))
    }

    @Test func secretsNeverReachTheDrawings() throws {
        let (run, diagnosis) = try load("gamelift_hostile_presigned_url.json")
        let outputs = [
            LifecycleGraph(run: run, diagnosis: diagnosis).dot(),
            LifecycleTimeline(run: run, diagnosis: diagnosis).svg(),
        ]
        for output in outputs {
            #expect(!output.contains("HOSTILESIG"))
            #expect(!output.contains("ASIA"))
        }
    }

    @Test func unreadableTimesSaySo() throws {
        let text =
            #"{"Events": [{"EventId": "a", "ResourceId": "fleet-1", "EventCode": "FLEET_CREATED", "EventTime": "soon"}]}"#
        let run = LifecycleRun(log: try LifecycleDecoder().decode([InputBuffer(name: "f.json", text: text)]))
        let svg = LifecycleTimeline(run: run, diagnosis: LifecycleDiagnoser.diagnose(run)).svg()
        #expect(SVGStructure(parsing: svg).isWellFormed)
        #expect(svg.contains("timestamps could not be read"))
    }
}

/// A stack status and a stack name are text from the log: the verdict line carries them into every output.
@Suite("Deployment verdicts with hostile text")
struct HostileVerdictTests {
    @Test("a hostile stack status reaches the text, Markdown, DOT and SVG reports only as text")
    func hostileStatus() throws {
        let status = "CREATE_COMPLETE\\u001b[31m|`**x**`<b>\\\"];"
        let text = """
            {"StackEvents": [
              {"EventId": "b", "StackName": "s\\u001b[2J", "LogicalResourceId": "s\\u001b[2J", "ResourceStatus": "\(status)", "Timestamp": "2024-01-01T00:00:03Z"},
              {"EventId": "a", "StackName": "s\\u001b[2J", "LogicalResourceId": "s\\u001b[2J", "ResourceStatus": "CREATE_IN_PROGRESS", "Timestamp": "2024-01-01T00:00:01Z"}
            ]}
            """
        let run = LifecycleRun(log: try LifecycleDecoder().decode([InputBuffer(name: "hostile.json", text: text)]))
        let diagnosis = LifecycleDiagnoser.diagnose(run)
        #expect(diagnosis.verdict?.status.contains("\u{1B}") == true, "the verdict keeps the status as recorded")
        let report = LifecycleTextReport(run: run, diagnosis: diagnosis, style: TextStyle(isEnabled: false)).render()
        #expect(!report.contains("\u{1B}"))
        #expect(report.contains("CREATE_COMPLETE"), "the verdict line is there, cleaned")
        let markdown = LifecycleMarkdownReport(run: run, diagnosis: diagnosis).render()
        #expect(!markdown.contains("\u{1B}"))
        #expect(!markdown.contains("<b>"))
        #expect(markdown.contains("CREATE\\_COMPLETE") || markdown.contains("CREATE_COMPLETE"))
        let dot = LifecycleGraph(run: run, diagnosis: diagnosis).dot()
        #expect(throws: Never.self) { try GraphvizRenderer.summarize(dot: dot) }
        let svg = SVGStructure(parsing: LifecycleTimeline(run: run, diagnosis: diagnosis).svg())
        #expect(svg.isWellFormed)
    }
}
