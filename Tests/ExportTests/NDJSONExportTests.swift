import Diagnostics
import Export
import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions
import Testing

/// The NDJSON tables, queried by DuckDB as an analyst would, against Retrace's own analysis of the same files.
@Suite("Export: NDJSON tables")
struct NDJSONExportTests {
    static let hasDuckDB = PythonProcess.canImport("duckdb")
    static let duckDBMissing = "duckdb is not installed; run Scripts/install-dependencies"

    /// Failures per root-cause signature (top-level runs) and p50 / p95 visit duration per state, as JSON.
    static let queries = """
        import duckdb, json, sys
        folder = sys.argv[1]
        def table(name):
            return f"read_json('{folder}/{name}/**/*.jsonl', format='newline_delimited', hive_partitioning=true)" \\
                if len(sys.argv) > 2 else f"read_json('{folder}/{name}.jsonl', format='newline_delimited')"
        con = duckdb.connect()
        failures = con.execute(f'''
            select root_cause_signature, count(*) from {table('executions')}
            where parent_execution_id is null and outcome in ('failed', 'timed_out', 'aborted')
            group by 1 order by 1''').fetchall()
        durations = con.execute(f'''
            select type, state, quantile_cont(duration_ms, 0.5), quantile_cont(duration_ms, 0.95), count(*)
            from {table('visits')} group by 1, 2 order by 1, 2''').fetchall()
        counts = con.execute(f"select count(*) from {table('attempts')}").fetchone()[0]
        print(json.dumps({'failures': [[s, n] for s, n in failures],
            'durations': [[t, s, p50, p95, n] for t, s, p50, p95, n in durations], 'attempts': counts}))
        """

    struct Answer: Equatable, CustomStringConvertible {
        var failures: [String: Int]
        var durations: [String: (p50: Double?, p95: Double?, count: Int)]
        var attempts: Int

        static func == (lhs: Answer, rhs: Answer) -> Bool {
            guard lhs.failures == rhs.failures, lhs.attempts == rhs.attempts,
                lhs.durations.keys.sorted() == rhs.durations.keys.sorted()
            else { return false }
            return lhs.durations.allSatisfy { key, value in
                guard let other = rhs.durations[key], other.count == value.count else { return false }
                return close(value.p50, other.p50) && close(value.p95, other.p95)
            }
        }

        private static func close(_ a: Double?, _ b: Double?) -> Bool {
            switch (a, b) {
            case (nil, nil): return true
            case (let a?, let b?): return abs(a - b) < 1e-6
            default: return false
            }
        }

        var description: String {
            "failures \(failures.sorted { $0.key < $1.key }), \(durations.count) states, \(attempts) attempts"
        }
    }

    static func askDuckDB(_ folder: URL, partitioned: Bool = false) throws -> Answer {
        let output = try PythonProcess.run(["-c", queries, folder.path] + (partitioned ? ["partitioned"] : []))
        #expect(output.status == 0, "\(String(decoding: output.stderr, as: UTF8.self))")
        let object = try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any])
        var answer = Answer(failures: [:], durations: [:], attempts: object["attempts"] as? Int ?? -1)
        for row in object["failures"] as? [[Any]] ?? [] {
            answer.failures[row[0] as? String ?? "(null)"] = row[1] as? Int
        }
        for row in object["durations"] as? [[Any]] ?? [] {
            let key = "\(row[0] as? String ?? "")\t\(row[1] as? String ?? "")"
            answer.durations[key] = (
                (row[2] as? NSNumber)?.doubleValue, (row[3] as? NSNumber)?.doubleValue, row[4] as? Int ?? -1
            )
        }
        return answer
    }

    /// Linear interpolation between the closest ranks (what SQL's `quantile_cont` / `percentile_cont` compute).
    static func percentile(_ sorted: [Int64], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = fraction * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return Double(sorted[lower]) + (position - Double(lower)) * Double(sorted[upper] - sorted[lower])
    }

    /// The same answers from Retrace's own analysis: `BatchDiagnosis` groups, and the visit durations of the trees.
    static func askRetrace(_ inputs: [String]) throws -> Answer {
        let (set, rows) = try LogSet.analyzeAll(inputs) { BatchDiagnosis.Row($0) }
        let batch = BatchDiagnosis(rows: rows, warnings: set.warnings)
        var failures: [String: Int] = [:]
        for group in batch.groups {
            failures[NDJSONTableEncoder.signature(group.signature)] = group.rows.count
        }
        let logs = try set.analyzeEach { try ExportedLog($0, in: set) }
        var durations: [String: [Int64?]] = [:]
        var attempts = 0
        func add(_ execution: ExportedExecution) {
            for placed in execution.execution.tree.placedVisits {
                let visit = placed.visit
                durations["\(visit.type.rawValue)\t\(CredentialRedactor.standard.redact(visit.name))", default: []]
                    .append(visit.durationMilliseconds)
                attempts += visit.attempts.count
            }
            execution.children.forEach(add)
        }
        for log in logs {
            switch log {
            case .execution(let execution): add(execution)
            case .deployment(let deployment):
                for instance in deployment.run.instances {
                    for stay in instance.path {
                        durations["\(instance.kind)\t\(stay.state)", default: []].append(stay.durationMilliseconds)
                    }
                }
            }
        }
        return Answer(
            failures: failures,
            durations: durations.mapValues { values in
                let known = values.compactMap { $0 }.sorted()
                return (percentile(known, 0.5), percentile(known, 0.95), values.count)
            }, attempts: attempts)
    }

    @Test(
        .enabled(if: hasDuckDB, Comment(rawValue: duckDBMissing)),
        .enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.missingMessage)))
    func duckDBAnswersAsRetraceDoesOverTheCorpus() throws {
        let inputs = [Corpus.directory.path]
        let tables = try ExportFixture.export(inputs, format: .ndjson)
        let duck = try Self.askDuckDB(tables)
        let retrace = try Self.askRetrace(inputs)
        #expect(!retrace.failures.isEmpty)
        #expect(retrace.durations.values.contains { $0.p50 != nil }, "the corpus has timed visits")
        #expect(duck == retrace)
    }

    @Test(.enabled(if: hasDuckDB, Comment(rawValue: duckDBMissing)))
    func duckDBReadsThePartitionedTables() throws {
        let inputs = [PackagePaths.root.appendingPathComponent("Samples").path]
        let tables = try ExportFixture.export(inputs, format: .ndjson, partition: true)
        let retrace = try Self.askRetrace(inputs)
        #expect(try Self.askDuckDB(tables, partitioned: true) == retrace)
        #expect(retrace.failures.values.reduce(0, +) == 2)
    }

    @Test func partitionsAreTheStartDates() throws {
        let inputs = [PackagePaths.root.appendingPathComponent("Samples").path]
        let tables = try ExportFixture.export(inputs, format: .ndjson, partition: true)
        let logs = try ExportFixture.analysed(inputs)
        let dates = Set(logs.map { $0.start.map { String($0.iso8601.prefix(10)) } ?? "unknown" })
        for table in ExportTable.allCases where table != .attempts {
            let folders = try FileManager.default.contentsOfDirectory(
                atPath: tables.appendingPathComponent(table.rawValue).path)
            #expect(Set(folders) == Set(dates.map { "date=\($0)" }), "\(table)")
            for folder in folders {
                let part = tables.appendingPathComponent("\(table.rawValue)/\(folder)/part-0.jsonl")
                #expect(FileManager.default.fileExists(atPath: part.path))
            }
        }
    }

    @Test func everyRowHasEveryColumnWithOneType() throws {
        let tables = try ExportFixture.export(
            [
                PackagePaths.root.appendingPathComponent("Samples").path,
                ExportFixture.fixture("cfn_update_rollback_failed.json", target: "LifecyclesTests"),
            ], format: .ndjson)
        for table in ExportTable.allCases {
            let lines = try ExportFixture.text(tables.appendingPathComponent("\(table.rawValue).jsonl"))
                .split(separator: "\n")
            #expect(!lines.isEmpty, "\(table)")
            var columns: [String]?
            var types: [String: String] = [:]
            for line in lines {
                let row = try #require(try JSONValue.parse(String(line)).objectValue)
                if let columns { #expect(row.keys == columns, "\(table)") } else { columns = row.keys }
                #expect(row["schema_version"] == .integer(Int64(NDJSONTableEncoder.schemaVersion)))
                for key in row.keys {
                    guard let value = row[key], value != .null else { continue }
                    let type = value.kindDescription
                    if let known = types[key] { #expect(known == type, "\(table).\(key)") } else { types[key] = type }
                }
            }
        }
    }

    @Test func everyColumnAndAttributeIsDocumented() throws {
        let document = try String(
            contentsOf: PackagePaths.root.appendingPathComponent("docs/export.md"), encoding: .utf8)
        let inputs = [
            PackagePaths.root.appendingPathComponent("Samples").path,
            ExportFixture.fixture("cfn_update_rollback_failed.json", target: "LifecyclesTests"),
        ]
        let tables = try ExportFixture.export(inputs, format: .ndjson, includePayloads: true)
        var names = Set<String>()
        for table in ExportTable.allCases {
            for line in try ExportFixture.text(tables.appendingPathComponent("\(table.rawValue).jsonl"))
                .split(separator: "\n")
            {
                names.formUnion(try #require(try JSONValue.parse(String(line)).objectValue).keys)
            }
        }
        let traces = try ExportFixture.text(try ExportFixture.export(inputs, format: .otlp, includePayloads: true))
        var attributes = Set<String>()
        for line in traces.split(separator: "\n") {
            collectKeys(try JSONValue.parse(String(line)), into: &attributes)
        }
        #expect(attributes.count > 20)
        for name in names.union(attributes).sorted() {
            // A time column is documented as `NAME`/`NAME_ms`; a dotted attribute as written, or as a family
            // (`retrace.root_cause.code`, `.title`).
            let documented =
                document.contains("`\(name)`") || document.contains("\(name)`/`")
                || document.contains("/`\(name)`") || document.contains("`.\(name.split(separator: ".").last ?? "")`")
            #expect(documented, "\(name) is not in docs/export.md")
        }
    }

    /// The `key` of every OTLP attribute in `value`.
    private func collectKeys(_ value: JSONValue, into keys: inout Set<String>) {
        switch value {
        case .object(let object):
            if case .string(let key)? = object["key"], object["value"] != nil { keys.insert(key) }
            for key in object.keys { if let member = object[key] { collectKeys(member, into: &keys) } }
        case .array(let elements): for element in elements { collectKeys(element, into: &keys) }
        default: break
        }
    }

    @Test func matchesTheGoldenFiles() throws {
        let tables = try ExportFixture.export(
            [PackagePaths.root.appendingPathComponent("Samples").path], format: .ndjson)
        for table in ExportTable.allCases {
            Snapshot.expectMatches(
                try ExportFixture.text(tables.appendingPathComponent("\(table.rawValue).jsonl")),
                named: "samples.\(table.rawValue).jsonl")
        }
    }

    @Test func anUnwritableFolderIsAnErrorThatNamesIt() throws {
        let inputs = [ExportFixture.sample("order-success.json")]
        let blocked = try ExportFixture.temporaryFolder().appendingPathComponent("file")
        try Data("x".utf8).write(to: blocked)
        #expect(throws: ExportError.notAFolder(path: blocked.path)) {
            try Exporter(options: ExportOptions(format: .ndjson)).export(inputs, to: blocked.path)
        }
        let missing = blocked.appendingPathComponent("traces.jsonl").path
        #expect(throws: ExportError.self) {
            try Exporter(options: ExportOptions(format: .otlp)).export(inputs, to: missing)
        }
        #expect(throws: ExportError.partitionNeedsTables(.chrome)) {
            try Exporter(options: ExportOptions(format: .chrome, partition: true)).export(inputs, to: missing)
        }
    }
}
