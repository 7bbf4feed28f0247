import CGraphviz
import Foundation

/// Turns DOT text into SVG, PNG or PDF bytes in memory, through the Graphviz C library linked into the
/// process (no `dot` executable needed).
///
/// Graphviz is not thread-safe, so every render takes a process-wide turn: renders from many tasks are safe
/// but run one at a time, and each call blocks its thread until done. A layout cannot be cancelled; keep
/// graphs within a node budget (the `dot` layout takes seconds beyond a few thousand nodes).
public enum GraphvizRenderer {
    /// The layout engine used unless another is asked for: hierarchical, top to bottom, suits runs.
    public static let defaultLayout = "dot"

    /// Renders `dot` in `format` with the layout engine `layout` and returns the output bytes.
    ///
    /// For `.dot` the text's own UTF-8 bytes are returned without involving Graphviz. Graphviz's warnings
    /// are dropped; use `renderCollectingWarnings` to keep them.
    public static func render(
        dot: String,
        format: GraphFormat,
        layout: String = defaultLayout
    ) throws(RenderError) -> [UInt8] {
        try renderCollectingWarnings(dot: dot, format: format, layout: layout).bytes
    }

    /// Renders like `render(dot:format:layout:)`, and also returns what Graphviz warned about.
    public static func renderCollectingWarnings(
        dot: String,
        format: GraphFormat,
        layout: String = defaultLayout
    ) throws(RenderError) -> RenderedGraph {
        if format == .dot {
            return RenderedGraph(bytes: Array(dot.utf8), warnings: [])
        }
        return try render(dot: dot, graphvizFormat: format.graphvizName, layout: layout, plugins: .installed)
    }

    /// Parses `dot` with Graphviz (no layout) and reports what it found: node names, edge count, subgraphs.
    ///
    /// Cheap compared with rendering; useful to check generated DOT and to report syntax errors early.
    public static func summarize(dot: String) throws(RenderError) -> DOTGraphSummary {
        try checkForNUL(dot)
        return try GraphvizSession.withExclusiveAccess { () throws(RenderError) -> DOTGraphSummary in
            try summarizeHoldingLock(dot: dot)
        }
    }

    /// `summarize` without taking the lock: call only inside `GraphvizSession.withExclusiveAccess` (tests use
    /// it to make several reads in a row that no other render can come between).
    static func summarizeHoldingLock(dot: String) throws(RenderError) -> DOTGraphSummary {
        let graph = try read(dot)
        defer { agclose(graph) }
        var nodeNames: [String] = []
        var node = agfstnode(graph)
        while let current = node {
            nodeNames.append(name(of: UnsafeMutableRawPointer(current)))
            node = agnxtnode(graph, current)
        }
        return DOTGraphSummary(
            name: name(of: UnsafeMutableRawPointer(graph)),
            isDirected: agisdirected(graph) != 0,
            nodeNames: nodeNames,
            edgeCount: Int(agnedges(graph)),
            subgraphNames: subgraphNames(of: graph)
        )
    }

    /// Where a render's Graphviz context finds its plugins. `none` exists so tests can reproduce a Graphviz
    /// installation whose plugins were never registered.
    enum PluginSource {
        /// The plugins registered on this machine (Graphviz's `config6a`).
        case installed
        /// No plugins at all.
        case none
    }

    /// The render itself, in Graphviz's words: `graphvizFormat` is a `-T` name.
    static func render(
        dot: String,
        graphvizFormat: String,
        layout: String,
        plugins: PluginSource
    ) throws(RenderError) -> RenderedGraph {
        try checkForNUL(dot)
        guard !layout.utf8.contains(0), !layout.isEmpty else {
            throw .unknownLayout(engine: layout, available: [])
        }
        return try GraphvizSession.withExclusiveAccess { () throws(RenderError) -> RenderedGraph in
            let context: OpaquePointer?
            switch plugins {
            case .installed: context = gvContext()
            case .none: context = gvContextPlugins(nil, 0)
            }
            guard let context else {
                throw .contextUnavailable
            }
            // The `defer`s below run in reverse order, which is the order Graphviz requires:
            // render data, then layout, then graph, then context.
            defer { gvFreeContext(context) }
            let graph = try read(dot)
            defer { agclose(graph) }

            guard gvLayout(context, graph, layout) == 0 else {
                throw layoutError(engine: layout, context: context)
            }
            defer { gvFreeLayout(context, graph) }

            var data: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            let status = gvRenderData(context, graph, graphvizFormat, &data, &length)
            defer {
                if let data {
                    gvFreeRenderData(data)
                }
            }
            guard status == 0, let data else {
                throw renderError(format: graphvizFormat, context: context)
            }
            let bytes = Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(data), count: Int(length)))
            return RenderedGraph(bytes: bytes, warnings: GraphvizSession.takeMessages())
        }
    }

    private static func checkForNUL(_ dot: String) throws(RenderError) {
        if let offset = dot.utf8.firstIndex(of: 0) {
            throw .nulCharacter(offset: dot.utf8.distance(from: dot.utf8.startIndex, to: offset))
        }
    }

    /// Parses `dot`; call only inside `GraphvizSession.withExclusiveAccess`.
    private static func read(_ dot: String) throws(RenderError) -> UnsafeMutablePointer<Agraph_t> {
        // Graphviz's lexer outlives a read: it keeps text read ahead (a second graph) and its line count.
        // Without a reset, the next caller's render would parse this leftover instead of its own text.
        aglexbad()
        agreadline(1)
        guard let graph = dot.withCString({ agmemread($0) }) else {
            let messages = GraphvizSession.takeMessages()
            if messages.isEmpty {
                throw .noGraph
            }
            throw .syntax(message: messages.joined(separator: "; "))
        }
        return graph
    }

    private static func layoutError(engine: String, context: OpaquePointer) -> RenderError {
        let messages = GraphvizSession.takeMessages()
        let available = GraphvizSession.pluginNames(kind: "layout", context: context)
        if available.isEmpty {
            return .pluginsNotRegistered(detail: messages.first ?? "no layout engine is registered")
        }
        if !available.contains(engine) {
            return .unknownLayout(engine: engine, available: available)
        }
        return .layoutFailed(engine: engine, messages: messages)
    }

    private static func renderError(format: String, context: OpaquePointer) -> RenderError {
        let messages = GraphvizSession.takeMessages()
        let available = GraphvizSession.pluginNames(kind: "device", context: context)
        if available.isEmpty {
            return .pluginsNotRegistered(detail: messages.first ?? "no output format is registered")
        }
        if !available.contains(format) {
            return .formatUnavailable(format: format, available: available)
        }
        return .renderFailed(format: format, messages: messages)
    }

    private static func name(of object: UnsafeMutableRawPointer) -> String {
        guard let name = agnameof(object) else {
            return ""
        }
        return String(cString: name)
    }

    /// Walks the subgraph tree without recursion, so a deeply nested hostile graph cannot exhaust the stack.
    ///
    /// Graphviz 2.42 keeps subgraphs ordered by an internal id derived from memory addresses, so siblings
    /// are sorted by name to give the same answer on every run.
    private static func subgraphNames(of graph: UnsafeMutablePointer<Agraph_t>) -> [String] {
        func children(of parent: UnsafeMutablePointer<Agraph_t>) -> [(
            name: String, graph: UnsafeMutablePointer<Agraph_t>
        )] {
            var found: [(name: String, graph: UnsafeMutablePointer<Agraph_t>)] = []
            var child = agfstsubg(parent)
            while let current = child {
                found.append((name(of: UnsafeMutableRawPointer(current)), current))
                child = agnxtsubg(current)
            }
            return found.sorted { $0.name < $1.name }
        }
        var names: [String] = []
        var pending = Array(children(of: graph).reversed())
        while let subgraph = pending.popLast() {
            names.append(subgraph.name)
            pending.append(contentsOf: children(of: subgraph.graph).reversed())
        }
        return names
    }
}
