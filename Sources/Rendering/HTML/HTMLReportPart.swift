import Diagnostics
import Foundation
import Lifecycles
import RetraceCore
import StepFunctions

/// One log's share of an HTML report: its data as embeddable JSON, and its pictures as inline SVG.
///
/// Built from the same pieces as every other output — the JSON report (`ExecutionJSONReport`,
/// `LifecycleJSONReport`), the graph (`ExecutionGraph` / `LifecycleGraph` laid out by `GraphvizRenderer`), the
/// timeline (`Timeline`, `LifecycleTimeline`) — so the page shows what `analyze`, `graph` and `timeline` say.
/// Parts are built independently, so a batch builds them on every core (Graphviz takes its turn).
public struct HTMLReportPart: Sendable {
    /// The log's data: `{"kind", "name", "graphNodes", "report"}`, escaped for a script element.
    var data: [UInt8]
    /// The log's events, `[[id, previous id, time, type, place, failed, details]]`, escaped for a script element,
    /// in pieces to be written one after the other (slices written on several threads): kept apart, since they
    /// are most of the bytes and the page parses them only after the verdict and graph are on screen.
    var events: [[UInt8]]
    /// The graph, when drawn.
    var graph: InlineSVG?
    /// The timeline or swimlanes, when drawn.
    var timeline: InlineSVG?
    /// The log's name, for the page title.
    public var name: String
    /// Whether the log is a deployment's.
    var isDeployment = false

    /// The part for `log`; `pictures` false leaves out the graph and timeline (a large batch draws none).
    ///
    /// - Throws: `RenderError` when Graphviz cannot lay the graph out.
    public init(_ log: AnalyzedLog, pictures: Bool = true) throws(RenderError) {
        switch log {
        case .execution(let execution): try self.init(execution: execution, pictures: pictures)
        case .deployment(let deployment): try self.init(deployment: deployment, pictures: pictures)
        }
    }

    private init(execution: AnalyzedExecution, pictures: Bool) throws(RenderError) {
        let redactor = CredentialRedactor.standard
        name = execution.entry.name
        // The events are most of the work: written in slices on other threads while this one draws the pictures.
        let slices = EventSlices(execution)
        var graphNodes: [ExecutionGraphNode] = []
        if pictures {
            let graph = ExecutionGraph(tree: execution.tree, diagnosis: execution.diagnosis)
            graphNodes = graph.nodes
            self.graph = InlineSVG(try Self.svg(graph.dot()))
            timeline = InlineSVG(Timeline(tree: execution.tree, diagnosis: execution.diagnosis).svg())
        }
        var head = JSONWriter()
        head.beginObject()
        head.member("kind", "execution")
        head.member("name", redactor.redact(name))
        head.key("graphNodes")
        head.beginArray()
        for node in graphNodes {
            head.beginObject()
            head.member("id", node.id)
            head.member("name", redactor.redact(node.name))
            head.member("kind", Self.kindName(node.kind))
            head.member("status", node.status?.rawValue)
            head.member("rootCause", node.isRootCause)
            head.endObject()
        }
        head.endArray()
        var report: [UInt8] = []
        ExecutionJSONReport(tree: execution.tree, diagnosis: execution.diagnosis).write {
            report.append(contentsOf: $0)
        }
        data = Self.finish(head: &head, report: report)
        events = slices.pieces()
    }

    /// `events` of `tree`, each `[id, previous id, time, type, place, failed, details]`, written compact and
    /// HTML-safe in one pass (payloads straight from the parser's bytes), separated by commas.
    fileprivate static func writeEvents(_ events: ArraySlice<HistoryEvent>, of tree: ExecutionTree) -> [UInt8] {
        let redactor = CredentialRedactor.standard
        var list = JSONWriter(compact: true, escapingMarkup: true)
        list.reserveCapacity(estimatedSize(of: events))
        // Neighbouring events mostly share their place: its text is made (and redacted) once for each run of them.
        var lastPath: [LocationStep] = []
        var lastPlace = ""
        for event in events {
            list.beginArray()
            writeID(event.id, to: &list)
            writeID(event.previousEventID, to: &list)
            list.instant(event.timestamp)
            list.string(event.type.name)
            let path = event.id > 0 ? tree.location(ofEvent: event.id) : []
            if path != lastPath {
                lastPath = path
                lastPlace = redactor.redact(path.pathDescription)
            }
            list.string(lastPlace)
            list.bool(event.type.recordsFailure)
            EventListReport.writeDetails(event.details, to: &list)
            list.endArray()
        }
        return list.bytes
    }

    private init(deployment: AnalyzedDeployment, pictures: Bool) throws(RenderError) {
        let redactor = CredentialRedactor.standard
        let run = deployment.run
        name = run.log.name
        isDeployment = true
        if pictures {
            graph = InlineSVG(try Self.svg(LifecycleGraph(run: run, diagnosis: deployment.diagnosis).dot()))
            timeline = InlineSVG(LifecycleTimeline(run: run, diagnosis: deployment.diagnosis).svg())
        }
        var head = JSONWriter()
        head.beginObject()
        head.member("kind", "deployment")
        head.member("name", redactor.redact(name))
        var list = JSONWriter(compact: true, escapingMarkup: true)
        list.beginArray()
        for event in run.events {
            list.beginArray()
            list.string(redactor.redact(event.id))
            list.null()
            list.string(event.time?.iso8601 ?? event.unparsedTime)
            list.string(redactor.redact(event.code))
            list.string(redactor.redact(event.resource))
            list.bool(Self.recordsFailure(event.code))
            list.beginObject()
            list.member("message", event.message.map(redactor.redact))
            list.member("resourceType", event.resourceType)
            list.member("physicalResourceId", event.physicalResourceID.map(redactor.redact))
            list.member("file", event.file)
            list.endObject()
            list.endArray()
        }
        let report = Array(LifecycleJSONReport(run: run, diagnosis: deployment.diagnosis).render().utf8)
        data = Self.finish(head: &head, report: report)
        list.endArray()
        events = [list.bytes]
    }

    /// The part's data, embeddable: `head` (an open object) closed with `"report": report`.
    private static func finish(head: inout JSONWriter, report: [UInt8]) -> [UInt8] {
        head.key("report")
        var bytes = head.bytes
        bytes += report
        bytes.append(UInt8(ascii: "}"))
        return ScriptJSON.embeddable(bytes)
    }

    /// About the size of the events' list: their payloads and a little for the rest of each event, so that the
    /// list is allocated once rather than copied as it grows.
    private static func estimatedSize(of events: ArraySlice<HistoryEvent>) -> Int {
        var total = 64
        for event in events {
            let details = event.details
            total += 160 + (details.input?.byteCount ?? 0) + (details.output?.byteCount ?? 0)
            total += (details.parameters?.byteCount ?? 0)
        }
        // Quotes inside payloads are escaped, a byte each: room for one in four.
        return total + total / 4
    }

    /// Whether a deployment event's status or code reads as a failure (`CREATE_FAILED`, `FLEET_STATE_ERROR`,
    /// `ROLLBACK_IN_PROGRESS`…), for the event table's "failed only" filter.
    static func recordsFailure(_ code: String) -> Bool {
        let upper = code.uppercased()
        return ["FAIL", "ERROR", "ROLLBACK", "TIMEOUT", "TIMED_OUT"].contains { upper.contains($0) }
    }

    /// An event id as a JSON number when JavaScript reads it exactly (below 2^53), else as a string: the page
    /// must show and link the id the log holds, not a rounded one.
    private static func writeID(_ id: Int64?, to writer: inout JSONWriter) {
        guard let id else { return writer.null() }
        if id.magnitude < 1 << 53 { writer.integer(id) } else { writer.string(String(id)) }
    }

    private static func svg(_ dot: String) throws(RenderError) -> String {
        String(decoding: try GraphvizRenderer.render(dot: dot, format: .svg), as: UTF8.self)
    }

    private static func kindName(_ kind: ExecutionGraphNode.Kind) -> String {
        switch kind {
        case .state: return "state"
        case .iterations: return "iterations"
        case .start: return "start"
        case .end: return "end"
        case .omitted: return "omitted"
        }
    }
}

/// An execution's events written as the page's list, in slices on other threads when there are many: started when
/// made, gathered by `pieces()`. A long history's list (45 MB for 25,000 events) is then written on every core
/// while the caller draws the graph and timeline; a short one is written at once, on the caller's thread.
private final class EventSlices: @unchecked Sendable {
    /// Fewer events than this are written as one slice, on the caller's thread.
    private static let sliceSize = 4_096
    private let lock = NSLock()
    private let group = DispatchGroup()
    private var slices: [[UInt8]]

    init(_ execution: AnalyzedExecution) {
        let events = execution.tree.events
        let count = events.count < Self.sliceSize ? 1 : min(16, 2 * ProcessInfo.processInfo.activeProcessorCount)
        slices = Array(repeating: [], count: count)
        guard count > 1 else {
            slices[0] = HTMLReportPart.writeEvents(events[...], of: execution.tree)
            return
        }
        for slice in 0..<count {
            let range = (events.count * slice / count)..<(events.count * (slice + 1) / count)
            DispatchQueue.global().async(group: group) { [self] in
                let bytes = HTMLReportPart.writeEvents(events[range], of: execution.tree)
                lock.withLock { slices[slice] = bytes }
            }
        }
    }

    /// Waits for every slice; the list as pieces to write in order: `[`, the slices with commas between, `]`.
    func pieces() -> [[UInt8]] {
        group.wait()
        let written = lock.withLock { slices.filter { !$0.isEmpty } }
        var pieces: [[UInt8]] = [[UInt8(ascii: "[")]]
        for (index, slice) in written.enumerated() {
            if index > 0 { pieces.append([UInt8(ascii: ",")]) }
            pieces.append(slice)
        }
        pieces.append([UInt8(ascii: "]")])
        return pieces
    }
}
