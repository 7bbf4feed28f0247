import RetraceCore
import StepFunctions

extension Timeline {
    /// The timeline as an SVG document of our own (no Graphviz): a header, a time axis in human units, one
    /// row per entry with its bars, and a legend.
    ///
    /// Every text from the history goes through `SVGWriter`, which escapes it; credentials in pre-signed
    /// URLs are redacted first. Each status has a colour and, for failed attempts, a cross: the failures can
    /// be found without colour.
    public func svg() -> String {
        var drawing = TimelineDrawing(timeline: self)
        return drawing.render()
    }
}

/// Draws one `Timeline` with `SVGWriter`.
struct TimelineDrawing {
    static let width = 1200.0
    static let labelLeft = 12.0
    static let chartLeft = 340.0
    static let chartRight = 1180.0
    static let rowHeight = 20.0
    static let barHeight = 12.0
    static let indent = 12.0
    /// Approximate advance of one character cell at the label size, to cut labels before the chart.
    static let cellWidth = 6.4

    private let timeline: Timeline
    private let redactor = CredentialRedactor.standard

    init(timeline: Timeline) {
        self.timeline = timeline
    }

    mutating func render() -> String {
        let header = headerLines()
        let headerHeight = 18.0 * Double(header.count) + 12
        let axisY = headerHeight + 14
        let rowsTop = axisY + 10
        let rowsBottom = rowsTop + Self.rowHeight * Double(timeline.rows.count)
        let legendY = rowsBottom + 26
        let height = legendY + 24
        var svg = SVGWriter(width: Self.width, height: height, title: "Timeline · " + redactor.redact(timeline.title))
        svg.addStyle(Self.css)
        svg.group(class: "header") { svg in
            for (index, line) in header.enumerated() {
                svg.text(
                    line.text, x: Self.labelLeft, y: 20 + 18 * Double(index), class: line.className)
            }
        }
        if timeline.timesKnown {
            drawAxis(&svg, y: axisY, top: rowsTop, bottom: rowsBottom)
        }
        svg.group(id: "rows", class: "rows") { svg in
            for (index, row) in timeline.rows.enumerated() {
                drawRow(row, index: index, top: rowsTop + Self.rowHeight * Double(index), into: &svg)
            }
        }
        drawLegend(&svg, y: legendY)
        return svg.render()
    }

    // MARK: Header

    private func headerLines() -> [(text: String, className: String)] {
        var lines: [(String, String)] = [
            (Verdict.text(timeline.outcome) + "  " + clip(redactor.redact(timeline.title), 140), "title")
        ]
        if timeline.timesKnown, let start = timeline.start {
            var text = "started " + TimeText.human(start)
            text +=
                " · axis: time since the start, " + DurationFormatter.string(milliseconds: timeline.spanMilliseconds)
            lines.append((text, "subtitle"))
        } else {
            lines.append(
                (
                    "Timestamps are unknown in this history (unreadable or placeholders), so nothing can be placed in "
                        + "time: the states are listed in order, without bars.", "notice"
                ))
        }
        if let root = timeline.rootCause {
            var text = "root cause: "
            if !root.location.isEmpty { text += root.location.pathDescription + " — " }
            text += root.error ?? root.title
            lines.append((clip(redactor.redact(text), 170), "root-cause"))
        }
        for note in timeline.notes {
            lines.append(("· " + clip(redactor.redact(note), 170), "note"))
        }
        return lines
    }

    // MARK: Axis

    private func drawAxis(_ svg: inout SVGWriter, y: Double, top: Double, bottom: Double) {
        let step = TimelineAxis.step(forSpan: timeline.spanMilliseconds)
        svg.group(id: "axis", class: "axis") { svg in
            var tick: Int64 = 0
            while tick <= timeline.spanMilliseconds {
                let x = self.x(tick)
                svg.line(x1: x, y1: top - 4, x2: x, y2: bottom, class: "grid")
                svg.text(
                    DurationFormatter.string(milliseconds: tick), x: x, y: y, anchor: tick == 0 ? .start : .middle,
                    class: "tick")
                let (next, overflow) = tick.addingReportingOverflow(step)
                if overflow { break }
                tick = next
            }
        }
    }

    private func x(_ offset: Int64) -> Double {
        Self.chartLeft + Double(offset) / Double(timeline.spanMilliseconds) * (Self.chartRight - Self.chartLeft)
    }

    // MARK: Rows

    private func drawRow(_ row: TimelineRow, index: Int, top: Double, into svg: inout SVGWriter) {
        var classes = ["row", Self.kindClass(row.kind)]
        if let status = row.status { classes.append(status.rawValue) }
        if row.isRootCause { classes.append("root-cause") }
        var attributes: SVGAttributes = ["data-depth": String(row.depth)]
        if index % 2 == 1 { attributes["data-band"] = "odd" }
        svg.group(class: classes.joined(separator: " "), attributes: attributes) { svg in
            if index % 2 == 1 {
                svg.rect(
                    x: 0, y: top, width: Self.width, height: Self.rowHeight, class: "band")
            }
            drawLabel(row, top: top, into: &svg)
            let middle = top + Self.rowHeight / 2
            // A Task's visit is drawn as a faint frame behind its attempts.
            let hasAttempts = row.bars.contains { $0.kind == .attempt }
            for bar in row.bars {
                drawBar(bar, middle: middle, isFrame: hasAttempts && bar.kind == .visit, into: &svg)
            }
        }
    }

    private func drawLabel(_ row: TimelineRow, top: Double, into svg: inout SVGWriter) {
        let left = Self.labelLeft + Self.indent * Double(min(row.depth, 12))
        let cells = max(Int((Self.chartLeft - 8 - left) / Self.cellWidth), 4)
        var text = TerminalText.sanitized(redactor.redact(row.label))
        if row.isRootCause { text = "✗ " + text }
        if !row.detail.isEmpty { text += " · " + row.detail }
        text = TerminalText.truncated(text, toWidth: cells)
        if !timeline.timesKnown, row.kind == .visit || row.kind == .group, let status = row.status {
            text = TerminalText.truncated(text, toWidth: max(cells - 14, 4))
            text += " (" + TimelineBuilder.label(status) + ")"
        }
        svg.text(
            text, x: left, y: top + Self.rowHeight / 2 + 4, class: row.isRootCause ? "label root-cause" : "label",
            tooltip: TerminalText.sanitized(redactor.redact(row.label)))
    }

    private func drawBar(_ bar: TimelineBar, middle: Double, isFrame: Bool, into svg: inout SVGWriter) {
        let left = x(bar.startOffset)
        let width = max(x(bar.endOffset) - left, 1.5)
        let tooltip = TerminalText.sanitized(redactor.redact(bar.tooltip))
        var classes = ["bar", bar.kind.rawValue]
        if let status = bar.status { classes.append(status.rawValue) }
        if bar.isOpen { classes.append("open") }
        if bar.isRootCause { classes.append("root-cause") }
        let className = classes.joined(separator: " ")
        switch bar.kind {
        case .backoff:
            svg.line(
                x1: left, y1: middle, x2: left + width, y2: middle, class: className, tooltip: tooltip)
        case .span:
            svg.rect(
                x: left, y: middle - 3, width: width, height: 6, class: className,
                attributes: fill(bar.status), tooltip: tooltip)
        case .visit where isFrame:
            svg.rect(
                x: left, y: middle - Self.barHeight / 2 - 1, width: width, height: Self.barHeight + 2, cornerRadius: 2,
                class: className + " frame", attributes: fill(bar.status, faint: true), tooltip: tooltip)
        case .visit, .attempt, .coverage:
            svg.rect(
                x: left, y: middle - Self.barHeight / 2, width: width, height: Self.barHeight, cornerRadius: 2,
                class: className, attributes: fill(bar.status), tooltip: tooltip)
        }
        if bar.kind == .attempt, let status = bar.status, status.isFailure {
            // A cross at the end of a failed attempt: found without colour.
            var path = SVGPath()
            let end = left + width
            path.move(toX: end - 4, y: middle - 4)
            path.line(toX: end + 4, y: middle + 4)
            path.move(toX: end - 4, y: middle + 4)
            path.line(toX: end + 4, y: middle - 4)
            svg.path(path, class: "marker failed")
        }
    }

    private func fill(_ status: Status?, faint: Bool = false) -> SVGAttributes {
        var attributes: SVGAttributes = ["fill": Self.colour(status)]
        if faint { attributes["fill-opacity"] = "0.35" }
        return attributes
    }

    // MARK: Legend

    private func drawLegend(_ svg: inout SVGWriter, y: Double) {
        var used: [Status] = []
        var backoff = false
        var failedAttempt = false
        for row in timeline.rows {
            for bar in row.bars {
                if let status = bar.status, !used.contains(status) { used.append(status) }
                if bar.kind == .backoff { backoff = true }
                if bar.kind == .attempt, bar.status?.isFailure ?? false { failedAttempt = true }
            }
        }
        svg.group(id: "legend", class: "legend") { svg in
            var x = Self.labelLeft
            for status in Status.allCases where used.contains(status) {
                svg.rect(
                    x: x, y: y - 10, width: 14, height: 10, cornerRadius: 2, class: "swatch " + status.rawValue,
                    attributes: fill(status))
                let label = TimelineBuilder.label(status)
                svg.text(label, x: x + 18, y: y, class: "legend-text")
                x += 18 + Double(label.count) * Self.cellWidth + 16
            }
            if backoff {
                svg.line(x1: x, y1: y - 5, x2: x + 18, y2: y - 5, class: "bar backoff")
                svg.text("backoff before a retry", x: x + 22, y: y, class: "legend-text")
                x += 22 + 22 * Self.cellWidth + 16
            }
            if failedAttempt {
                var path = SVGPath()
                path.move(toX: x, y: y - 9)
                path.line(toX: x + 8, y: y - 1)
                path.move(toX: x, y: y - 1)
                path.line(toX: x + 8, y: y - 9)
                svg.path(path, class: "marker failed")
                svg.text("failed attempt", x: x + 12, y: y, class: "legend-text")
                x += 12 + 14 * Self.cellWidth + 16
            }
            if timeline.rows.contains(where: \.isRootCause) {
                svg.text("✗ root cause (red outline)", x: x, y: y, class: "legend-text root-cause")
            }
        }
    }

    // MARK: Style

    static func colour(_ status: Status?) -> String {
        switch status {
        case .succeeded?: return "#5cb85c"
        case .failed?: return "#d9534f"
        case .caught?: return "#f0ad4e"
        case .timedOut?: return "#e8743b"
        case .aborted?: return "#a0a0a0"
        case .running?: return "#5bc0de"
        case nil: return "#c8c8c8"
        }
    }

    static let css = """
        text { font-family: Helvetica, Arial, sans-serif; font-size: 11px; fill: #222222; }
        .title { font-size: 14px; font-weight: bold; }
        .subtitle, .note { fill: #555555; }
        .notice { fill: #8a4b00; font-weight: bold; }
        text.root-cause { fill: #b00020; font-weight: bold; }
        .band { fill: #f5f5f5; }
        .grid { stroke: #e0e0e0; stroke-width: 1; }
        .tick { fill: #666666; font-size: 10px; }
        .bar.backoff { stroke: #666666; stroke-width: 1.5; stroke-dasharray: 3 2; }
        .bar.open { stroke: #333333; stroke-dasharray: 2 2; }
        .bar.root-cause { stroke: #b00020; stroke-width: 2.5; }
        .marker { stroke: #000000; stroke-width: 1.6; fill: none; }
        .legend-text { fill: #444444; }
        """

    private static func kindClass(_ kind: TimelineRow.Kind) -> String {
        switch kind {
        case .visit: return "visit"
        case .group: return "group"
        case .merged: return "merged"
        case .omitted: return "omitted"
        }
    }

    private func clip(_ text: String, _ length: Int) -> String {
        TerminalText.clipped(text, toCharacters: length)
    }
}
