import Diagnostics
import Foundation
import RetraceCore

/// `retrace report`: one self-contained HTML page about an execution, a deployment, or many executions.
///
/// The page is the template, style sheet and script of `ReportAssets` (written for this project, compiled in so
/// that an installed binary needs no resource files) with the logs' data embedded as JSON in
/// `<script type="application/json">` elements and their pictures as inert `<template>` elements. The script
/// builds the page from the data with `textContent` only; a batch's executions are parsed and drawn only when
/// opened, so a thousand of them stay quick to open. A Content-Security-Policy forbids every fetch and every
/// script or style but the page's own. Everything from the logs is redacted (`CredentialRedactor`) and escaped.
public struct HTMLReport {
    /// What the page is about.
    public enum Kind: String, Sendable {
        /// One Step Functions execution.
        case execution
        /// One deployment log's lifecycles.
        case deployment
        /// Many logs, with an index first.
        case batch
    }

    /// A batch larger than this draws no graphs or timelines (each needs a Graphviz layout, one at a time);
    /// the page says so.
    public static let pictureBudget = 100

    private let parts: [HTMLReportPart]
    private let batch: BatchDiagnosis?
    private let warnings: [LogWarning]

    /// A page about one log (`parts.count == 1`, `batch == nil`) or an index of many followed by each one.
    ///
    /// - Parameters:
    ///   - parts: each log's part, in the order of `batch.rows`.
    ///   - batch: the logs summed up and grouped by root cause, for a page about several.
    ///   - warnings: what was noticed about the inputs as a whole.
    public init(parts: [HTMLReportPart], batch: BatchDiagnosis? = nil, warnings: [LogWarning] = []) {
        self.parts = parts
        self.batch = batch
        self.warnings = warnings
    }

    /// What the page is about.
    public var kind: Kind {
        if batch != nil || parts.count != 1 { return .batch }
        return parts[0].isDeployment ? .deployment : .execution
    }

    /// The page, as UTF-8 bytes (for tests and callers that want it whole; `write(to:)` streams it).
    public func render() -> [UInt8] {
        var out: [UInt8] = []
        write { out += $0 }
        return out
    }

    /// Hands the page to `sink` piece by piece, in order: the template's text, the page's data, and each log's
    /// data, pictures and events as they were made, never copied into one buffer. A 45 MB page then costs no
    /// second and third copy of itself in memory (nor the page faults of making them) on its way to a file.
    public func write(to sink: ([UInt8]) throws -> Void) rethrows {
        let redactor = CredentialRedactor.standard
        let title: String
        switch kind {
        case .batch: title = "Retrace report · " + Noun("log").counted(parts.count)
        case .execution, .deployment: title = "Retrace report · " + redactor.redact(parts[0].name)
        }
        var page = JSONWriter()
        page.beginObject()
        page.member("schemaVersion", HTMLReport.schemaVersion)
        page.member("kind", kind.rawValue)
        page.member("title", title)
        page.member("logCount", parts.count)
        page.member("pictures", parts.contains { $0.graph != nil })
        page.member("pictureBudget", HTMLReport.pictureBudget)
        page.key("warnings")
        WarningsJSON.write(warnings, to: &page)
        // Each failure group's logs by position: names may repeat (two stacks called alike), positions do not.
        page.key("groupRows")
        page.beginArray()
        for group in batch?.groups ?? [] {
            page.beginArray()
            for row in group.rows { page.integer(row) }
            page.endArray()
        }
        page.endArray()
        page.key("index")
        var head = page.bytes
        if let batch {
            head += Array(BatchJSONReport(batch: batch).render().utf8)
        } else {
            head += Array("null".utf8)
        }
        head.append(UInt8(ascii: "}"))

        var styles = [ReportAssets.css]
        for part in parts {
            styles += part.graph?.styles ?? []
            styles += part.timeline?.styles ?? []
        }
        let policy = ContentSecurityPolicy(scripts: [ReportAssets.javascript], styles: styles)

        for piece in ReportAssets.html.split(separator: "{{", omittingEmptySubsequences: false).enumerated() {
            guard piece.offset > 0, let close = piece.element.range(of: "}}") else {
                try sink(Array(piece.element.utf8))
                continue
            }
            switch piece.element[..<close.lowerBound] {
            case "CSP": try sink(Array(XMLEscaper.escapeAttribute(policy.value).utf8))
            case "TITLE": try sink(Array(XMLEscaper.escapeText(XMLEscaper.removingIllegalCharacters(title)).utf8))
            case "STYLE": try sink(Array(ReportAssets.css.utf8))
            case "SCRIPT": try sink(Array(ReportAssets.javascript.utf8))
            case "DATA":
                // Before the script: what it draws first (the page's data; for one log, its data and pictures).
                try sink(Array("<script type=\"application/json\" id=\"retrace-page\">".utf8))
                try sink(ScriptJSON.embeddable(head))
                try sink(Array("</script>\n".utf8))
                if kind != .batch {
                    for (index, part) in parts.enumerated() { try writeData(of: part, index: index, to: sink) }
                }
            case "LATE":
                // After it: the events and a batch's logs, which the browser parses while the verdict is on screen.
                for (index, part) in parts.enumerated() {
                    if kind == .batch { try writeData(of: part, index: index, to: sink) }
                    try sink(Array("<script type=\"application/json\" id=\"retrace-events-\(index)\">".utf8))
                    for piece in part.events { try sink(piece) }
                    try sink(Array("</script>\n".utf8))
                }
            default: try sink(Array(("{{" + piece.element[..<close.upperBound]).utf8))
            }
            try sink(Array(piece.element[close.upperBound...].utf8))
        }
    }

    /// A log's data and pictures: its `retrace-log-N` script element and its graph and timeline templates.
    private func writeData(of part: HTMLReportPart, index: Int, to sink: ([UInt8]) throws -> Void) rethrows {
        try sink(Array("<script type=\"application/json\" id=\"retrace-log-\(index)\">".utf8))
        try sink(part.data)
        try sink(Array("</script>\n".utf8))
        if let graph = part.graph {
            try sink(Array("<template id=\"retrace-graph-\(index)\">".utf8))
            try sink(Array(graph.markup.utf8))
            try sink(Array("</template>\n".utf8))
        }
        if let timeline = part.timeline {
            try sink(Array("<template id=\"retrace-timeline-\(index)\">".utf8))
            try sink(Array(timeline.markup.utf8))
            try sink(Array("</template>\n".utf8))
        }
    }

    /// The version of the embedded data's layout (`docs/report.md`); bumped only for incompatible changes.
    public static let schemaVersion = 1
}
