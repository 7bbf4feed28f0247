import RetraceCore
import StepFunctions

extension ExecutionGraph {
    /// The graph as DOT text, flowing in `direction`, with a legend and a caption saying what was collapsed.
    ///
    /// Every text from the history (state names, errors, causes, the execution's name) is passed to
    /// `DOTWriter` as text, which escapes it; credentials in pre-signed URLs are redacted first. The output
    /// depends only on the graph, so it can be compared byte for byte.
    public func dot(direction: GraphDirection = .topToBottom) -> String {
        var writer = ExecutionGraphDOTWriter(graph: self, direction: direction)
        return writer.render()
    }
}

/// Writes one `ExecutionGraph` through `DOTWriter`: attributes per node, edge and cluster kind.
struct ExecutionGraphDOTWriter {
    /// Longest state name shown in a label; the full name is in the tooltip.
    static let nameLength = 48
    /// Longest error shown in a label.
    static let errorLength = 60
    /// Longest cause shown in a tooltip.
    static let causeLength = 600

    private let graph: ExecutionGraph
    private let redactor = CredentialRedactor.standard
    private var writer: DOTWriter
    private var made: [Int: DOTWriter.Cluster] = [:]

    init(graph: ExecutionGraph, direction: GraphDirection) {
        self.graph = graph
        writer = DOTWriter(
            name: "execution",
            graphAttributes: [
                "rankdir": .text(direction.rawValue), "fontname": "Helvetica", "fontsize": 11, "labelloc": "t",
                "labeljust": "l", "nodesep": 0.3, "ranksep": 0.35,
            ],
            nodeDefaults: ["fontname": "Helvetica", "fontsize": 10, "margin": "0.12,0.06"],
            edgeDefaults: ["fontname": "Helvetica", "fontsize": 9, "color": "#444444", "arrowsize": 0.7]
        )
    }

    mutating func render() -> String {
        let rows = IterationRows(graph)
        writer.graphAttributes["label"] = .text(caption(rows: rows), alignment: .left)
        writer.graphAttributes["tooltip"] = .text(redactor.redact(graph.title))
        for node in graph.nodes {
            let cluster = clusterFor(node.cluster)
            writer.addNode(node.id, attributes(of: node), in: cluster)
        }
        addLegend()
        for (index, edge) in graph.edges.enumerated() where !rows.hiddenEdges.contains(index) {
            writer.addEdge(from: edge.from, to: edge.to, attributes(of: edge))
        }
        for edge in rows.rowEdges {
            writer.addEdge(from: edge.from, to: edge.to, ["style": "invis"])
        }
        return writer.render()
    }

    // MARK: Caption

    private func caption(rows: IterationRows) -> String {
        var lines: [String] = []
        lines.append(Verdict.text(graph.outcome) + "  " + clip(redactor.redact(graph.title), 120))
        if let duration = graph.durationMilliseconds {
            lines.append("took " + DurationFormatter.string(milliseconds: duration))
        } else {
            lines.append("duration unknown: the history's timestamps are unreadable")
        }
        if let root = graph.rootCause {
            var text = "root cause: "
            if !root.location.isEmpty { text += root.location.pathDescription + " — " }
            text += root.error ?? root.title
            lines.append(clip(redactor.redact(text), 160))
        }
        for note in graph.notes {
            lines.append("· " + clip(redactor.redact(note), 160))
        }
        for map in rows.wrapped {
            lines.append(
                "· " + clip(redactor.redact(map.name), Self.nameLength)
                    + ": \(map.count) iterations drawn apart, in rows of \(map.rowLength); "
                    + "the hollow arrows enter the first row")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Clusters

    /// The writer's cluster for the graph's cluster `index`, made (with its parents) on first use so that
    /// clusters appear where their first node does.
    private mutating func clusterFor(_ index: Int?) -> DOTWriter.Cluster {
        guard let index, graph.clusters.indices.contains(index) else { return .root }
        if let cluster = made[index] { return cluster }
        var chain: [Int] = []
        var current: Int? = index
        while let step = current, made[step] == nil, graph.clusters.indices.contains(step),
            chain.count <= graph.clusters.count
        {
            chain.append(step)
            current = graph.clusters[step].parent
        }
        var parent = current.flatMap { made[$0] } ?? .root
        for step in chain.reversed() {
            let cluster = graph.clusters[step]
            parent = writer.addCluster(cluster.id, attributes(of: cluster), in: parent)
            made[step] = parent
        }
        return parent
    }

    private func attributes(of cluster: ExecutionGraphCluster) -> DOTAttributes {
        let name = clip(redactor.redact(cluster.stateName), Self.nameLength)
        var parts: [String]
        var attributes: DOTAttributes = ["fontsize": 10]
        switch cluster.kind {
        case .branch(let number):
            parts = [name, "branch \(number)"]
            attributes["style"] = "dashed"
            attributes["color"] = "#999999"
        case .iteration(let index):
            parts = [name, "iteration \(index)"]
            let look = GraphStyle.look(cluster.status ?? .succeeded)
            attributes["style"] = .text(look.dash)
            attributes["color"] = .text(look.border)
            attributes["penwidth"] = .number(look.penWidth)
        case .mergedIterations(let count):
            parts = [name, count > 0 ? "iterations merged" : "iterations"]
            attributes["style"] = "rounded,filled"
            attributes["fillcolor"] = "#f6f6f6"
            attributes["color"] = "#bbbbbb"
        case .neverEntered:
            parts = [name, "never entered"]
            attributes["style"] = "dotted"
            attributes["color"] = "#bbbbbb"
            attributes["fontcolor"] = "#888888"
        }
        if let status = cluster.status, status != .succeeded { parts.append(ExecutionGraphBuilder.label(status)) }
        if let duration = cluster.durationMilliseconds {
            parts.append(DurationFormatter.string(milliseconds: duration))
        }
        attributes["label"] = .text(parts.joined(separator: " · "))
        return attributes
    }

    // MARK: Nodes

    private func attributes(of node: ExecutionGraphNode) -> DOTAttributes {
        switch node.kind {
        case .state: return stateAttributes(node)
        case .iterations(let total, let merged): return aggregateAttributes(node, total: total, merged: merged)
        case .start:
            return [
                "shape": "circle", "label": "start", "fontsize": 8, "width": 0.4, "fixedsize": true,
                "style": "filled", "fillcolor": "#f0f0f0",
            ]
        case .end(let outcome): return endAttributes(node, outcome: outcome)
        case .omitted(let states, let visits):
            return [
                "shape": "note", "style": "dashed",
                "label": .text(
                    "… \(states) more state\(states == 1 ? "" : "s") (\(visits) visit\(visits == 1 ? "" : "s"))\n"
                        + "not drawn: node budget reached"),
            ]
        }
    }

    private func stateAttributes(_ node: ExecutionGraphNode) -> DOTAttributes {
        let shape = GraphStyle.shape(node.type)
        let look = GraphStyle.look(node.status)
        var attributes = styled(look: look, rounded: shape.rounded, isRootCause: node.isRootCause)
        attributes["shape"] = .text(shape.name)
        if shape.peripheries > 1 { attributes["peripheries"] = .integer(shape.peripheries) }
        var lines = [clip(redactor.redact(node.name), Self.nameLength)]
        var facts = [node.type?.rawValue ?? "State"]
        if node.visits > 1 { facts.append("×\(node.visits)") }
        if let total = node.totalMilliseconds {
            facts.append(DurationFormatter.string(milliseconds: total) + (node.visits > 1 ? " total" : ""))
        }
        lines.append(facts.joined(separator: " · "))
        if node.visits == 0 {
            lines.append("never entered")
        } else if let status = statusText(node) {
            lines.append(status)
        }
        if node.attempts > node.visits || node.failedAttempts > 0 {
            var text = "\(node.attempts) attempt\(node.attempts == 1 ? "" : "s")"
            if node.failedAttempts > 0 { text += ", \(node.failedAttempts) failed" }
            lines.append(text)
        }
        if let items = node.itemCount, node.mapRunStatus == nil {
            lines.append("\(items) item\(items == 1 ? "" : "s")")
        }
        if let run = node.mapRunStatus { lines.append("map run " + ExecutionGraphBuilder.label(run)) }
        if node.lastRun > 0 { lines.append("redrive \(node.lastRun)") }
        if let line = errorLine(node) { lines.append(line) }
        attributes["label"] = .text(lines.joined(separator: "\n"))
        attributes["tooltip"] = .text(tooltip(node))
        return attributes
    }

    private func aggregateAttributes(_ node: ExecutionGraphNode, total: Int, merged: Int) -> DOTAttributes {
        var attributes = styled(look: GraphStyle.look(node.status), rounded: false, isRootCause: false)
        attributes["shape"] = "tab"
        var lines = [clip(redactor.redact(node.name), Self.nameLength) + ": \(total) iteration\(total == 1 ? "" : "s")"]
        lines.append(counts(node.statusCounts))
        switch merged {
        case 0: lines.append("all drawn apart")
        case total: lines.append("all merged below")
        default: lines.append("\(merged) merged below, the rest drawn apart")
        }
        attributes["label"] = .text(lines.joined(separator: "\n"))
        attributes["tooltip"] = .text(lines.joined(separator: "\n"))
        return attributes
    }

    private func endAttributes(_ node: ExecutionGraphNode, outcome: RunOutcome) -> DOTAttributes {
        let status: Status?
        switch outcome {
        case .succeeded: status = .succeeded
        case .failed: status = .failed
        case .timedOut: status = .timedOut
        case .aborted: status = .aborted
        case .running: status = .running
        case .unknown: status = nil
        }
        var attributes = styled(look: GraphStyle.look(status), rounded: true, isRootCause: node.isRootCause)
        attributes["shape"] = "box"
        var lines = [Verdict.text(outcome)]
        if let error = node.error {
            lines.append((node.isRootCause ? "ROOT CAUSE: " : "") + clip(redactor.redact(error), Self.errorLength))
        }
        if let duration = graph.durationMilliseconds { lines.append(DurationFormatter.string(milliseconds: duration)) }
        attributes["label"] = .text(lines.joined(separator: "\n"))
        var tooltip = lines.joined(separator: "\n")
        if let cause = node.cause {
            tooltip +=
                "\ncause: "
                + clip(redactor.redact(ReportedCause.clipped(cause, toCharacters: Self.causeLength)), Self.causeLength)
        }
        attributes["tooltip"] = .text(tooltip)
        return attributes
    }

    private func styled(look: GraphStyle.Look, rounded: Bool, isRootCause: Bool) -> DOTAttributes {
        var style = ["filled"]
        if rounded { style.append("rounded") }
        if look.dash != "solid" { style.append(look.dash) }
        var attributes: DOTAttributes = [
            "style": .text(style.joined(separator: ",")), "fillcolor": .text(look.fill),
            "color": .text(isRootCause ? GraphStyle.rootCauseColor : look.border),
            "penwidth": .number(isRootCause ? GraphStyle.rootCausePenWidth : look.penWidth),
        ]
        if look.fontColor != "#000000" { attributes["fontcolor"] = .text(look.fontColor) }
        return attributes
    }

    /// The status in words, for a node whose visits did not all simply succeed.
    private func statusText(_ node: ExecutionGraphNode) -> String? {
        let nonSucceeded = node.statusCounts.contains { $0.key != .succeeded && $0.value > 0 }
        guard nonSucceeded || node.status != .succeeded else { return nil }
        if node.visits == 1, let status = node.status { return ExecutionGraphBuilder.label(status) }
        return counts(node.statusCounts)
    }

    private func errorLine(_ node: ExecutionGraphNode) -> String? {
        guard let error = node.error else { return node.isRootCause ? "ROOT CAUSE" : nil }
        let text = clip(redactor.redact(error), Self.errorLength)
        if node.isRootCause { return "ROOT CAUSE: " + text }
        switch node.status {
        case .caught?: return "caught: " + text
        case .succeeded?, .running?:
            let failedBefore = node.statusCounts[.failed, default: 0] + node.statusCounts[.timedOut, default: 0] > 0
            return (failedBefore && node.lastRun > 0 ? "before redrive: " : "retried: ") + text
        default: return "error: " + text
        }
    }

    private func tooltip(_ node: ExecutionGraphNode) -> String {
        var lines = [redactor.redact(node.name) + " (" + (node.type?.rawValue ?? "State") + ")"]
        if node.visits == 0 {
            lines.append("never entered")
        } else {
            lines.append("\(node.visits) visit\(node.visits == 1 ? "" : "s"): " + counts(node.statusCounts))
        }
        if let total = node.totalMilliseconds, let longest = node.maxMilliseconds {
            lines.append(
                "time: " + DurationFormatter.string(milliseconds: total)
                    + (node.visits > 1 ? " total, longest " + DurationFormatter.string(milliseconds: longest) : ""))
        }
        if node.attempts > 0 { lines.append("attempts: \(node.attempts), failed: \(node.failedAttempts)") }
        if node.isRootCause { lines.append("root cause of the execution's outcome") }
        if let error = node.error { lines.append("error: " + clip(redactor.redact(error), Self.causeLength)) }
        if let cause = node.cause {
            lines.append(
                "cause: "
                    + clip(
                        redactor.redact(ReportedCause.clipped(cause, toCharacters: Self.causeLength)), Self.causeLength)
            )
        }
        return lines.joined(separator: "\n")
    }

    private func counts(_ counts: [Status: Int]) -> String {
        Status.allCases.compactMap { status in
            counts[status].flatMap { $0 > 0 ? "\($0) \(ExecutionGraphBuilder.label(status))" : nil }
        }.joined(separator: ", ")
    }

    // MARK: Edges

    private func attributes(of edge: ExecutionGraphEdge) -> DOTAttributes {
        let times = edge.count > 1 ? "×\(edge.count)" : ""
        switch edge.kind {
        case .transition:
            return times.isEmpty ? [:] : ["label": .text(times)]
        case .redrive:
            return [
                "label": .text(["redrive", times].filter { !$0.isEmpty }.joined(separator: " ")), "style": "bold",
                "color": .text(GraphStyle.redriveColor), "fontcolor": .text(GraphStyle.redriveColor),
            ]
        case .caught(let error):
            let label = "Catch" + (error.map { ": " + clip(redactor.redact($0), 40) } ?? "")
            return [
                "label": .text([label, times].filter { !$0.isEmpty }.joined(separator: " ")), "style": "dashed",
                "color": .text(GraphStyle.catchColor), "fontcolor": .text(GraphStyle.catchColor), "penwidth": 1.5,
            ]
        case .fanOut:
            return ["color": .text(GraphStyle.fanOutColor), "arrowhead": "empty"]
        case .notTaken:
            return ["style": "dotted", "color": .text(GraphStyle.notTakenColor), "arrowhead": "open"]
        case .layout:
            return ["style": "invis"]
        }
    }

    // MARK: Legend

    private mutating func addLegend() {
        let legend = writer.addCluster(
            "legend", ["label": "Legend", "style": "rounded", "color": "#cccccc", "fontsize": 10])
        var shown: [Status] = []
        var neverEntered = false
        var rootCause = false
        for node in graph.nodes {
            switch node.kind {
            case .state, .iterations:
                if let status = node.status, !shown.contains(status) { shown.append(status) }
                if node.isNeverEntered { neverEntered = true }
                if node.isRootCause { rootCause = true }
            case .end:
                if node.isRootCause { rootCause = true }
            default:
                break
            }
        }
        for status in Status.allCases where shown.contains(status) {
            let look = GraphStyle.look(status)
            var attributes = styled(look: look, rounded: false, isRootCause: false)
            attributes["shape"] = "box"
            attributes["fontsize"] = 9
            attributes["label"] = .text(ExecutionGraphBuilder.label(status) + "\n" + look.description)
            writer.addNode("legend_" + status.rawValue, attributes, in: legend)
        }
        if neverEntered {
            let look = GraphStyle.look(nil)
            var attributes = styled(look: look, rounded: false, isRootCause: false)
            attributes["shape"] = "box"
            attributes["fontsize"] = 9
            attributes["label"] = .text("never entered (from the definition)\n" + look.description)
            writer.addNode("legend_never_entered", attributes, in: legend)
        }
        if rootCause {
            var attributes = styled(look: GraphStyle.look(.failed), rounded: false, isRootCause: true)
            attributes["shape"] = "box"
            attributes["fontsize"] = 9
            attributes["label"] = "root cause\nthickest border, labelled ROOT CAUSE"
            writer.addNode("legend_root_cause", attributes, in: legend)
        }
        let key = [
            "Shapes: " + GraphStyle.shapeDescription[0], GraphStyle.shapeDescription[1],
            "Edges: plain = transition taken (×count), dashed = Catch, bold = redrive,",
            "hollow arrow = into branches or iterations, dotted = never taken",
            "Each status has its own border style and is named in the label:",
            "the graph reads without colour.",
        ]
        writer.addNode(
            "legend_key",
            ["shape": "plaintext", "fontsize": 9, "label": .text(key.joined(separator: "\n"), alignment: .left)],
            in: legend)
    }

    // MARK: Text

    /// `text` cut to `length` characters (an ellipsis marks the cut), on one line.
    private func clip(_ text: String, _ length: Int) -> String {
        TerminalText.clipped(text, toCharacters: length)
    }
}

/// How the Map iterations drawn apart are placed: side by side under their Map, in rows once there are more
/// than fit one readable row.
///
/// Graphviz puts every iteration entered from the Map on the same rank, so 200 iterations drawn apart made
/// a strip 200 clusters wide (14,599 × 764 pt for one state each) that no screen or page shows legibly. Past
/// `rowLength` iterations, each iteration is instead tied below the one `rowLength` places before it by an
/// invisible edge; only the first row keeps its arrow from the Map, and only the last row its invisible tie
/// to what follows the Map: an edge from the Map to the tenth row would run through every row above it, and
/// Graphviz widens each row it crosses. The rows aim at a roughly square block.
struct IterationRows {
    /// Indices in `graph.edges` not written: fan-out arrows into later rows, ties out of earlier rows.
    var hiddenEdges: Set<Int> = []
    /// Invisible edges that stack each row under the one before.
    var rowEdges: [(from: String, to: String)] = []
    /// The Maps laid out in rows, for the caption.
    var wrapped: [(name: String, count: Int, rowLength: Int)] = []

    /// The row length for `count` iterations of `states` nodes each (on average), aiming at a block about as
    /// wide as tall: an iteration's box is ≈ 160 pt wide (its label) and ≈ 45 pt tall per node plus 45 for the
    /// label, so `rows · 45 · (states + 1) ≈ columns · 160`. Never fewer than 8 a row, so that a small Map
    /// keeps its one row.
    static func rowLength(forIterations count: Int, states: Double) -> Int {
        max(8, Int((Double(count) * 45 * (states + 1) / 160).squareRoot().rounded(.up)))
    }

    init(_ graph: ExecutionGraph) {
        var members: [Int: [Int]] = [:]
        for (index, node) in graph.nodes.enumerated() {
            if let cluster = node.cluster { members[cluster, default: []].append(index) }
        }
        // Iterations of one Map share their parent cluster and their Map's name.
        var groups: [[Int]] = []
        var groupOf: [String: Int] = [:]
        for (index, cluster) in graph.clusters.enumerated() {
            guard case .iteration = cluster.kind else { continue }
            let key = "\(cluster.parent ?? -1)\u{0}\(cluster.stateName)"
            if let group = groupOf[key] {
                groups[group].append(index)
            } else {
                groupOf[key] = groups.count
                groups.append([index])
            }
        }
        let clusterOf = graph.nodes.map(\.cluster)
        var edgesInto: [String: [Int]] = [:]
        var edgesOutOf: [String: [Int]] = [:]
        for (index, edge) in graph.edges.enumerated() {
            edgesInto[edge.to, default: []].append(index)
            edgesOutOf[edge.from, default: []].append(index)
        }
        let idIndex = Dictionary(graph.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for group in groups {
            let states = Double(group.reduce(0) { $0 + (members[$1]?.count ?? 0) }) / Double(group.count)
            let rowLength = Self.rowLength(forIterations: group.count, states: states)
            guard group.count > rowLength else { continue }
            let ordered = group.sorted {
                Self.iterationIndex(graph.clusters[$0]) < Self.iterationIndex(graph.clusters[$1])
            }
            let lastRow = (ordered.count - 1) / rowLength
            var entries: [String?] = []
            var exits: [[String]] = []
            for cluster in ordered {
                let inside = members[cluster] ?? []
                let ids = inside.map { graph.nodes[$0].id }
                // The entry is the node the Map's arrow reaches; the exits, the nodes tied to what follows.
                let fanOuts = ids.flatMap { id in
                    (edgesInto[id] ?? []).filter { edge in
                        guard case .fanOut = graph.edges[edge].kind else { return false }
                        return idIndex[graph.edges[edge].from].map { clusterOf[$0] != cluster } ?? true
                    }
                }
                entries.append(fanOuts.first.map { graph.edges[$0].to } ?? ids.first)
                let ties = ids.flatMap { id in
                    (edgesOutOf[id] ?? []).filter { edge in
                        guard case .layout = graph.edges[edge].kind else { return false }
                        return idIndex[graph.edges[edge].to].map { clusterOf[$0] != cluster } ?? true
                    }
                }
                exits.append(Array(Set(ties.map { graph.edges[$0].from })).sorted())
                if exits[exits.count - 1].isEmpty, let last = ids.last { exits[exits.count - 1] = [last] }
                let position = entries.count - 1
                if position >= rowLength { hiddenEdges.formUnion(fanOuts) }
                if position / rowLength < lastRow { hiddenEdges.formUnion(ties) }
            }
            for position in rowLength..<ordered.count {
                guard let entry = entries[position] else { continue }
                for exit in exits[position - rowLength] { rowEdges.append((exit, entry)) }
            }
            wrapped.append((graph.clusters[ordered[0]].stateName, ordered.count, rowLength))
        }
    }

    private static func iterationIndex(_ cluster: ExecutionGraphCluster) -> Int {
        if case .iteration(let index) = cluster.kind { return index }
        return Int.max
    }
}
