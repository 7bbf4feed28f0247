import ASLExpressions
import Diagnostics
import Foundation
import Lifecycles
import Rendering
import Replay
import RetraceCore
import StepFunctions

/// What the fuzz harness drives: one pipeline per target, from untrusted bytes to every output a person or a
/// program reads, checking on the way the promises Retrace makes about its output.
///
/// The same code serves the libFuzzer entry point (`Sources/RetraceFuzzer`, built only by `Scripts/fuzz`) and
/// the ordinary test suite, which runs every crasher ever found (`Fuzz/Regressions/<target>/`) through it: a
/// crasher fixed stays fixed without the fuzzer being built.
///
/// Errors thrown for bad input are the expected answer and are ignored; a trap, a sanitizer report, a hang or
/// a broken promise (`FuzzTarget.Violation`, raised as a trap so that libFuzzer keeps the input) is a finding.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Bytes as a Step Functions history → tree → diagnosis → text, JSON, Markdown, events, DOT and timeline.
    case history
    /// Bytes as a deployment log (any service) → lifecycles → diagnosis → text, JSON, Markdown, DOT and timeline.
    case deployment
    /// Bytes as a state machine definition (JSON, then YAML) → replay against the sample histories.
    case definition
    /// The first line as a JSONata expression, a JSONPath and an intrinsic call; the rest as the document.
    case expression

    /// Runs one input through the target's pipeline.
    ///
    /// - Returns: the promises the outputs broke (empty when all held), for the tests; the fuzzer traps on any.
    @discardableResult
    public func run(_ bytes: UnsafeRawBufferPointer) -> [String] {
        var checker = OutputChecker()
        switch self {
        case .history: FuzzTarget.history(bytes, &checker)
        case .deployment: FuzzTarget.deployment(bytes, &checker)
        case .definition: FuzzTarget.definition(bytes, &checker)
        case .expression: FuzzTarget.expression(bytes)
        }
        return checker.violations
    }

    /// Runs one input given as an array.
    @discardableResult
    public func run(_ bytes: [UInt8]) -> [String] {
        bytes.withUnsafeBytes { run($0) }
    }

    private static func history(_ bytes: UnsafeRawBufferPointer, _ checker: inout OutputChecker) {
        let input = InputBuffer(name: "fuzz.json", bytes: bytes)
        var pieced = HistoryDecoder()
        (pieced.piecesThreshold, pieced.pieceBytes) = (0, 64)
        let outcome = Result { try HistoryDecoder().decode([input]) }
        checker.same("history read in pieces", outcome.map(\.events), Result { try pieced.decode([input]).events })
        guard let history = try? outcome.get() else { return }
        let tree = ExecutionTree(history: history)
        let diagnosis = ExecutionDiagnoser().diagnose(tree)
        checker.human("text report", ExecutionTextReport(tree: tree, diagnosis: diagnosis, style: .plain).render())
        checker.human("Markdown report", ExecutionMarkdownReport(tree: tree, diagnosis: diagnosis).render())
        checker.json("JSON report", ExecutionJSONReport(tree: tree, diagnosis: diagnosis).render())
        let events = EventListReport(tree: tree, filter: EventListReport.Filter())
        checker.human("event list", events.text(style: .plain))
        checker.json("event list JSON", EventListReport.json([events]))
        let failed = EventListReport(tree: tree, filter: EventListReport.Filter(failedOnly: true))
        checker.human("failed events", failed.text(style: .plain))
        // DOT text only: Graphviz layout is slow and not thread-safe, and DOT is what Retrace itself writes.
        checker.inert("DOT", ExecutionGraph(tree: tree, diagnosis: diagnosis).dot(direction: .topToBottom))
        checker.inert("timeline", Timeline(tree: tree, diagnosis: diagnosis).svg())
        let reenactment = Reenactment(tree: tree)
        if let last = tree.events.last {
            checker.human("snapshot", SnapshotText(snapshot: reenactment.snapshot(at: last.id)).render())
        }
    }

    private static func deployment(_ bytes: UnsafeRawBufferPointer, _ checker: inout OutputChecker) {
        let input = InputBuffer(name: "fuzz.json", bytes: bytes)
        var pieced = LifecycleDecoder()
        (pieced.piecesThreshold, pieced.pieceBytes) = (0, 64)
        let outcome = Result { try LifecycleDecoder().decode([input]) }
        checker.same(
            "deployment log read in pieces", outcome.map(\.events), Result { try pieced.decode([input]).events })
        guard let log = try? outcome.get() else { return }
        let run = LifecycleRun(log: log)
        let diagnosis = LifecycleDiagnoser.diagnose(run)
        checker.human("text report", LifecycleTextReport(run: run, diagnosis: diagnosis, style: .plain).render())
        checker.human("Markdown report", LifecycleMarkdownReport(run: run, diagnosis: diagnosis).render())
        checker.json("JSON report", LifecycleJSONReport(run: run, diagnosis: diagnosis).render())
        checker.inert("DOT", LifecycleGraph(run: run, diagnosis: diagnosis).dot())
        checker.inert("timeline", LifecycleTimeline(run: run, diagnosis: diagnosis).svg())
    }

    private static func definition(_ bytes: UnsafeRawBufferPointer, _ checker: inout OutputChecker) {
        var machines: [StateMachineDefinition] = []
        let input = InputBuffer(name: "fuzz.asl.json", bytes: bytes)
        if let value = try? JSONValue.parse(utf8: bytes) {
            if let machine = try? StateMachineDefinition(input: input) { machines.append(machine) }
            if let machine = try? DefinitionDocument.definition(in: value, file: "fuzz.json") {
                machines.append(machine)
            }
        }
        // Error messages are not checked here: the command line sanitises them where it writes them.
        if let value = try? YAMLDocument.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml"),
            let machine = try? DefinitionDocument.definition(in: value, file: "fuzz.yaml")
        {
            machines.append(machine)
        }
        for machine in machines.prefix(1) {
            for tree in SampleHistories.trees {
                let report = DefinitionReplayer(definition: machine).replay(tree, input: nil)
                checker.human("replay report", ReplayReportText(report: report, all: true).render())
                checker.inert(
                    "DOT with definition",
                    ExecutionGraph(tree: tree, diagnosis: nil, definition: machine).dot(direction: .leftToRight))
            }
        }
    }

    /// Small limits keep each input quick, so that the fuzzer tries many; the limits' own checks are what is
    /// exercised, whatever their values.
    private static let limits: JSONataLimits = {
        var limits = JSONataLimits()
        limits.maximumSteps = 200_000
        limits.maximumRangeSize = 100_000
        limits.maximumStringLength = 1 << 20
        limits.maximumClosures = 10_000
        return limits
    }()

    private static func expression(_ bytes: UnsafeRawBufferPointer) {
        let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<newline]), as: UTF8.self)
        let rest = UnsafeRawBufferPointer(rebasing: bytes[min(newline + 1, bytes.count)...])
        let document = (try? JSONValue.parse(utf8: rest)) ?? SampleHistories.document
        let options = JSONataOptions(
            limits: limits, nondeterminism: JSONataSeededSource(now: Instant(millisecondsSinceEpoch: 0)))
        let bindings = JSONataBindings(variables: ["states": .object(JSONObject([("input", document)]))])
        if let expression = try? JSONataExpression(text, limits: limits) {
            _ = try? expression.evaluate(bindings, context: document, options: options)
        }
        let environment = ExpressionEnvironment(input: document, context: document, variables: ["v": document])
        if let path = try? JSONPath(text) {
            _ = try? path.evaluate(in: environment)
            _ = try? path.matches(in: environment)
            _ = path.exists(in: environment)
        }
        _ = try? JSONPath(referencePath: text)
        let intrinsics = IntrinsicEvaluator(randomness: FixedRandomness())
        _ = try? intrinsics.evaluate(text, in: environment)
    }
}

/// Deterministic randomness for intrinsic calls, so that a crasher reproduces.
private struct FixedRandomness: IntrinsicRandomness {
    func randomInteger(in range: ClosedRange<Int64>, seed: Int64?) -> Int64 { range.lowerBound }
    func randomUUID() -> String { "00000000-0000-4000-8000-000000000000" }
}

/// The histories in `Samples/`, reconstructed once: what fuzzed definitions are replayed against.
enum SampleHistories {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    static let trees: [ExecutionTree] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let input = try? InputBuffer.read(path: folder.appendingPathComponent(name).path),
                let history = try? HistoryDecoder().decode([input])
            else { return nil }
            return ExecutionTree(history: history)
        }
    }()

    /// A document for expressions given without one.
    static let document: JSONValue = .object(
        JSONObject([
            ("order", .object(JSONObject([("id", .string("A-1")), ("items", .array([.integer(1), .number(2.5)]))]))),
            ("flag", .bool(true)), ("nothing", .null), ("text", .string("a\u{1b}b")),
        ]))
}

/// The promises every output keeps whatever the input: JSON parses, text for people holds no escape or carriage
/// return (they are shown as visible escapes), and nothing inert becomes active.
struct OutputChecker {
    private(set) var violations: [String] = []

    /// Text a person reads on a terminal or in Markdown: no ESC, no CR, no other C0 control but tab and newline.
    mutating func human(_ what: String, _ text: String) {
        if let control = text.unicodeScalars.first(where: { isForbiddenControl($0) }) {
            violations.append(
                "\(what) holds the control character U+\(Hex.uppercase(UInt64(control.value), digits: 4))")
        }
    }

    /// Text a program reads: must parse as JSON (which also keeps C0 controls such as ESC escaped; DEL and C1
    /// characters are valid JSON text).
    mutating func json(_ what: String, _ text: String) {
        if (try? JSONValue.parse(text)) == nil { violations.append("\(what) is not valid JSON") }
    }

    /// DOT and SVG: only characters XML 1.0 allows (a C0 control other than tab, LF or CR makes a browser refuse
    /// the whole picture; DOT's labels become SVG text).
    mutating func inert(_ what: String, _ text: String) {
        if let bad = text.unicodeScalars.first(where: { !XMLEscaper.isAllowed($0) }) {
            violations.append(
                "\(what) holds the character U+\(Hex.uppercase(UInt64(bad.value), digits: 4)), which XML forbids")
        }
    }

    /// A large input is parsed in pieces (`JSONReader.forEachPiece`): whatever it holds, the same events or the
    /// same error as when parsed whole.
    mutating func same<Value: Equatable, Failure: Error>(
        _ what: String, _ whole: Result<Value, Failure>, _ pieces: Result<Value, Failure>
    ) {
        switch (whole, pieces) {
        case (.success(let a), .success(let b)) where a == b: return
        case (.failure(let a), .failure(let b)) where String(describing: a) == String(describing: b): return
        default: violations.append("\(what) differs from the whole read")
        }
    }

    private func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F
            || (0x80...0x9F).contains(scalar.value)
    }

}
