import Diagnostics
import Export
import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// OTLP/JSON traces, read back by the OpenTelemetry protobuf messages themselves.
@Suite("Export: OTLP/JSON")
struct OTLPExportTests {
    static let hasProto = PythonProcess.canImport(
        "google.protobuf.json_format", "opentelemetry.proto.trace.v1.trace_pb2")
    static let protoMissing = "opentelemetry-proto is not installed; run Scripts/install-dependencies"

    /// Parses each line with `json_format.Parse` into `TracesData` (unknown fields refused) and prints, per span,
    /// its trace, id, parent, name and kind attribute, tab-separated.
    static let reader = """
        import sys
        from google.protobuf import json_format
        from opentelemetry.proto.trace.v1 import trace_pb2
        for line in open(sys.argv[1], encoding='utf-8'):
            data = json_format.Parse(line, trace_pb2.TracesData())
            for resource_spans in data.resource_spans:
                for scope_spans in resource_spans.scope_spans:
                    for span in scope_spans.spans:
                        attrs = {a.key: a.value for a in span.attributes}
                        kind = attrs['retrace.span.kind'].string_value
                        root = attrs['retrace.root_cause'].bool_value if 'retrace.root_cause' in attrs else False
                        print('\\t'.join([span.trace_id.hex(), span.span_id.hex(), span.parent_span_id.hex(),
                            span.name, kind, str(span.status.code), str(int(root)),
                            str(span.start_time_unix_nano), str(span.end_time_unix_nano),
                            str(attrs['retrace.attempt.backoff_ms'].int_value if 'retrace.attempt.backoff_ms' in attrs else -1),
                            str(len([e for e in span.events if e.name == 'exception']))]))
        """

    struct ParsedSpan {
        var trace: String
        var id: String
        var parent: String
        var name: String
        var kind: String
        var status: Int
        var isRoot: Bool
        var start: UInt64
        var end: UInt64
        var backoff: Int64
        var exceptions: Int
    }

    static func parse(_ url: URL) throws -> [ParsedSpan] {
        let output = try PythonProcess.run(["-c", reader, url.path])
        let errors = String(decoding: output.stderr, as: UTF8.self)
        #expect(output.status == 0, "protobuf refused the export: \(errors)")
        return String(decoding: output.stdout, as: UTF8.self).split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return ParsedSpan(
                trace: fields[0], id: fields[1], parent: fields[2], name: fields[3], kind: fields[4],
                status: Int(fields[5]) ?? -1, isRoot: fields[6] == "1", start: UInt64(fields[7]) ?? 0,
                end: UInt64(fields[8]) ?? 0, backoff: Int64(fields[9]) ?? -1, exceptions: Int(fields[10]) ?? 0)
        }
    }

    /// Each visit span's path: the names of the spans above it (the execution's excepted), joined as locations are.
    static func visitPaths(_ spans: [ParsedSpan]) -> [String] {
        let byID = Dictionary(spans.map { ($0.trace + $0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return spans.filter { $0.kind == "visit" }.map { span in
            var names = [span.name]
            var current = span
            while let parent = byID[current.trace + current.parent], parent.kind != "execution" {
                names.append(parent.name)
                current = parent
            }
            return names.reversed().joined(separator: " › ")
        }.sorted()
    }

    @Test(
        .enabled(if: hasProto, Comment(rawValue: protoMissing)),
        arguments: ["map-failure.json", "retry-then-catch.json", "heartbeat-timeout.json", "order-success.json"])
    func theSpanTreeIsTheExecutionTree(sample: String) throws {
        let input = ExportFixture.sample(sample)
        let url = try ExportFixture.export([input], format: .otlp)
        let spans = try Self.parse(url)
        let logs = try ExportFixture.analysed([input])
        guard case .execution(let exported) = try #require(logs.first) else {
            Issue.record("not an execution")
            return
        }
        let tree = exported.execution.tree
        #expect(Self.visitPaths(spans) == tree.placedVisits.map { $0.path.pathDescription }.sorted())
        #expect(spans.count { $0.kind == "attempt" } == tree.placedVisits.reduce(0) { $0 + $1.visit.attempts.count })
        #expect(spans.count { $0.kind == "execution" } == 1)
        #expect(Set(spans.map(\.trace)).count == 1)
        #expect(Set(spans.map(\.id)).count == spans.count, "span ids are unique")
        // Every span but the root has a parent in the trace.
        let ids = Set(spans.map(\.id))
        #expect(spans.filter { $0.parent.isEmpty }.count == 1)
        #expect(spans.allSatisfy { $0.parent.isEmpty || ids.contains($0.parent) })
        // The execution's outcome is its status: ERROR (2) when it failed, OK (1) when it succeeded.
        let root = try #require(spans.first { $0.kind == "execution" })
        #expect(root.status == (tree.outcome.isFailure ? 2 : 1))
    }

    @Test(.enabled(if: hasProto, Comment(rawValue: protoMissing)))
    func theRootCauseIsOneSpanWithItsException() throws {
        let input = ExportFixture.sample("map-failure.json")
        let spans = try Self.parse(try ExportFixture.export([input], format: .otlp))
        let logs = try ExportFixture.analysed([input])
        let diagnosis = try #require(
            logs.first.map { log -> Diagnosis? in
                if case .execution(let execution) = log { return execution.execution.diagnosis }
                return nil
            } ?? nil)
        let rootCause = try #require(diagnosis.rootCause)
        let marked = spans.filter(\.isRoot)
        #expect(marked.count == 1)
        let lastState = rootCause.location.reversed().compactMap { step -> String? in
            if case .state(let name) = step { return name }
            return nil
        }.first
        let span = try #require(marked.first)
        #expect(span.name == lastState || span.name.hasPrefix((lastState ?? "") + " attempt"))
        #expect(span.status == 2)
        #expect(span.exceptions == 1)
    }

    @Test(.enabled(if: hasProto, Comment(rawValue: protoMissing)))
    func backoffIsTheGapBetweenAttemptSpans() throws {
        let input = ExportFixture.sample("retry-then-catch.json")
        let spans = try Self.parse(try ExportFixture.export([input], format: .otlp))
        let attempts = spans.filter { $0.kind == "attempt" }
        let retried = attempts.filter { $0.backoff >= 0 }
        #expect(!retried.isEmpty, "the sample retries")
        for attempt in retried {
            let earlier = attempts.filter { $0.parent == attempt.parent && $0.end <= attempt.start }
            let previous = try #require(earlier.max { $0.end < $1.end })
            #expect(Int64((attempt.start - previous.end) / 1_000_000) == attempt.backoff)
        }
    }

    @Test(.enabled(if: hasProto, Comment(rawValue: protoMissing)))
    func deploymentsAreTracesToo() throws {
        let input = ExportFixture.fixture("cfn_update_rollback_failed.json", target: "LifecyclesTests")
        let spans = try Self.parse(try ExportFixture.export([input], format: .otlp))
        let logs = try ExportFixture.analysed([input])
        guard case .deployment(let deployment) = try #require(logs.first) else {
            Issue.record("not a deployment")
            return
        }
        #expect(spans.count { $0.kind == "deployment" } == 1)
        #expect(spans.count { $0.kind == "instance" } == deployment.run.instances.count)
        #expect(spans.count { $0.kind == "stay" } == deployment.run.instances.reduce(0) { $0 + $1.path.count })
        #expect(spans.first { $0.kind == "deployment" }?.status == 2)
    }

    @Test(.enabled(if: hasProto, Comment(rawValue: protoMissing)))
    func childExecutionsAreInTheirParentsTraceUnderTheMapState() throws {
        let inputs = [
            ExportFixture.fixture("distributed_map_failed.json", target: "StepFunctionsTests"),
            ExportFixture.fixture("child_row-2.json", target: "DiagnosticsTests"),
            ExportFixture.fixture("child_row-3.json", target: "DiagnosticsTests"),
        ]
        let url = try ExportFixture.export(inputs, format: .otlp)
        #expect(try ExportFixture.text(url).split(separator: "\n").count == 1, "one trace: the parent's")
        let spans = try Self.parse(url)
        let children = spans.filter { $0.kind == "child_execution" }
        #expect(children.count == 2)
        let byID = Dictionary(spans.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for child in children {
            let holder = try #require(byID[child.parent])
            #expect(holder.kind == "visit", "under the distributed Map state's visit")
        }
        let tables = try ExportFixture.export(inputs, format: .ndjson)
        let rows = try ExportFixture.text(tables.appendingPathComponent("executions.jsonl")).split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows.filter { $0.contains("\"parent_execution_id\":null") }.count == 1)
    }

    @Test func reExportsGiveTheSameIDs() throws {
        let inputs = [ExportFixture.sample("map-failure.json"), ExportFixture.sample("order-success.json")]
        let first = try ExportFixture.text(try ExportFixture.export(inputs, format: .otlp))
        let second = try ExportFixture.text(try ExportFixture.export(inputs.reversed(), format: .otlp))
        #expect(first == second)
        #expect(first.split(separator: "\n").count == 2, "one TracesData line per execution")
    }

    @Test func payloadsOnlyWhenAskedAndRedacted() throws {
        let history = """
            {"events": [
              {"id": 1, "previousEventId": 0, "timestamp": "2026-12-05T10:00:00.000Z", "type": "ExecutionStarted",
               "executionStartedEventDetails": {"input": "{\\"url\\": \\"https://b.s3.amazonaws.com/k?X-Amz-Signature=abcdef0123456789\\"}",
               "roleArn": "arn:aws:iam::123456789012:role/r"}},
              {"id": 2, "previousEventId": 1, "timestamp": "2026-12-05T10:00:01.000Z", "type": "PassStateEntered",
               "stateEnteredEventDetails": {"name": "Copy", "input": "{\\"secret\\": \\"X-Amz-Signature=abcdef0123456789\\"}"}},
              {"id": 3, "previousEventId": 2, "timestamp": "2026-12-05T10:00:02.000Z", "type": "PassStateExited",
               "stateExitedEventDetails": {"name": "Copy", "output": "{}"}},
              {"id": 4, "previousEventId": 3, "timestamp": "2026-12-05T10:00:03.000Z", "type": "ExecutionSucceeded",
               "executionSucceededEventDetails": {"output": "{}"}}
            ]}
            """
        let folder = try ExportFixture.temporaryFolder()
        let file = folder.appendingPathComponent("history.json")
        try Data(history.utf8).write(to: file)
        let without = try ExportFixture.text(try ExportFixture.export([file.path], format: .otlp))
        #expect(!without.contains("retrace.input"))
        #expect(!without.contains("abcdef0123456789"))
        let with = try ExportFixture.text(try ExportFixture.export([file.path], format: .otlp, includePayloads: true))
        #expect(with.contains("retrace.input"))
        #expect(!with.contains("abcdef0123456789"))
        #expect(with.contains("REDACTED"))
        let tables = try ExportFixture.export([file.path], format: .ndjson, includePayloads: true)
        let visits = try ExportFixture.text(tables.appendingPathComponent("visits.jsonl"))
        #expect(visits.contains("\"input\":"))
        #expect(!visits.contains("abcdef0123456789"))
    }

    @Test func matchesTheGoldenFile() throws {
        let inputs = ["map-failure.json", "retry-then-catch.json"].map(ExportFixture.sample)
        Snapshot.expectMatches(
            try ExportFixture.text(try ExportFixture.export(inputs, format: .otlp)), named: "samples.otlp.jsonl")
    }
}
