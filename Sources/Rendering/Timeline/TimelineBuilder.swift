import RetraceCore
import StepFunctions

/// Computes a `Timeline` from a run: rows in reading order, within the row budget.
struct TimelineBuilder {
    private let tree: ExecutionTree
    private let diagnosis: Diagnosis?
    private let options: TimelineOptions
    private let root: RootCauseLocator?
    private let rootEvidence: Int64?
    private let origin: Instant?
    private let horizon: Instant?
    private let redactor = CredentialRedactor.standard
    /// Gaps shorter than this (a fraction of the run's length, finer than the drawing can show) are closed
    /// when merging many intervals into one bar.
    private let resolution: Int64

    private var rows: [TimelineRow] = []
    private var latest: Int64 = 0
    private var placedBars = 0
    private var omittedRows = 0
    private var mapNotes: [String] = []
    private var loopNotes: [String] = []
    private var tooDeep = 0

    init(tree: ExecutionTree, diagnosis: Diagnosis?, options: TimelineOptions) {
        self.tree = tree
        self.diagnosis = diagnosis
        self.options = options
        root = RootCauseLocator(tree: tree, finding: diagnosis?.rootCause)
        rootEvidence = diagnosis?.rootCause?.evidence.first.flatMap { Int64($0) }
        origin = tree.start
        horizon = tree.end ?? tree.history.events.last(where: { $0.timestamp != nil })?.timestamp ?? tree.start
        let length = max(tree.durationMilliseconds ?? 0, 0)
        resolution = length / Int64(max(options.resolution, 1))
    }

    mutating func build() -> Timeline {
        addThread(tree.visits, depth: 0)
        if omittedRows > 0 {
            rows.append(
                TimelineRow(
                    kind: .omitted(rows: omittedRows), label: "… \(omittedRows) more rows not drawn",
                    detail: "row budget (\(options.rowBudget)) reached", depth: 0, status: nil))
        }
        let known = origin != nil && placedBars > 0
        let span = max(latest, known ? (tree.durationMilliseconds ?? 0) : 0, 1)
        return Timeline(
            title: tree.history.executionArn ?? tree.history.sources.joined(separator: ", "), outcome: tree.outcome,
            start: origin, spanMilliseconds: span, timesKnown: known, rows: rows, notes: notes(),
            rootCause: diagnosis?.rootCause)
    }

    // MARK: Threads and visits

    private mutating func addThread(_ visits: [StateVisit], depth: Int) {
        guard depth <= options.maximumDepth else {
            tooDeep += 1
            return
        }
        if visits.count > options.visitsShownInFull {
            loopNotes.append(
                "\(visits.count) visits in one thread (a loop) merged into one row per state; "
                    + "their branches and iterations are not drawn")
            addMergedRows(visits, depth: depth, nested: false)
            return
        }
        for visit in visits { addVisit(visit, depth: depth) }
    }

    private mutating func addVisit(_ visit: StateVisit, depth: Int) {
        guard hasRoom() else {
            omittedRows += Self.rowCount(of: visit)
            return
        }
        let isRoot = root?.visitEnteredEventID == visit.enteredEventID
        var detail = [visit.type.rawValue]
        if visit.attempts.count > 1 { detail.append("\(visit.attempts.count) attempts") }
        if visit.status != .succeeded { detail.append(Self.label(visit.status)) }
        if visit.run > 0 { detail.append("redrive \(visit.run)") }
        var row = TimelineRow(
            kind: .visit, label: visit.name, detail: detail.joined(separator: " · "), depth: depth,
            status: visit.status, isRootCause: isRoot)
        let name = clip(visit.name)
        if let bar = bar(
            .visit, from: visit.start, to: visit.end, status: visit.status, isRoot: isRoot && visit.attempts.isEmpty,
            tooltip: visitTooltip(visit, name: name))
        {
            row.bars.append(bar)
        }
        var previousEnd: Instant?
        for attempt in visit.attempts {
            if let previousEnd, let scheduled = attempt.scheduled,
                let gap = bar(
                    .backoff, from: previousEnd, to: scheduled, status: nil, isRoot: false,
                    tooltip: "\(name) · backoff before attempt \(attempt.number) · "
                        + duration(previousEnd, scheduled))
            {
                row.bars.append(gap)
            }
            let isRootAttempt =
                isRoot
                && (rootEvidence.map { $0 == attempt.endEventID } ?? false
                    || (attempt.number == visit.attempts.count && attempt.status.isFailure))
            if let bar = bar(
                .attempt, from: attempt.scheduled, to: attempt.ended, status: attempt.status, isRoot: isRootAttempt,
                tooltip: attemptTooltip(attempt, of: visit, name: name))
            {
                row.bars.append(bar)
            }
            previousEnd = attempt.ended
        }
        rows.append(row)
        for branch in visit.branches {
            guard depth + 1 <= options.maximumDepth else {
                tooDeep += 1
                break
            }
            addGroup(
                label: "branch \(branch.number)", of: visit.name, status: branch.status, start: branch.start,
                end: branch.end, depth: depth + 1)
            addThread(branch.visits, depth: depth + 2)
        }
        if !visit.iterations.isEmpty {
            addIterations(visit.iterations, of: visit.name, depth: depth + 1)
        }
    }

    private mutating func addGroup(
        label: String, of stateName: String, status: Status, start: Instant?, end: Instant?, depth: Int
    ) {
        guard hasRoom() else {
            omittedRows += 1
            return
        }
        var row = TimelineRow(
            kind: .group, label: label, detail: status == .succeeded ? "" : Self.label(status), depth: depth,
            status: status)
        let tooltip = "\(clip(stateName)) · \(label) · \(Self.label(status))" + durationSuffix(start, end)
        if let bar = bar(.span, from: start, to: end, status: status, isRoot: false, tooltip: tooltip) {
            row.bars.append(bar)
        }
        rows.append(row)
    }

    // MARK: Map iterations

    private mutating func addIterations(_ iterations: [MapIteration], of mapName: String, depth: Int) {
        guard depth <= options.maximumDepth else {
            tooDeep += 1
            return
        }
        if iterations.count <= options.iterationsShownInFull {
            for iteration in iterations {
                addGroup(
                    label: "iteration \(iteration.index)", of: mapName, status: iteration.status,
                    start: iteration.start, end: iteration.end, depth: depth)
                addThread(iteration.visits, depth: depth + 1)
            }
            return
        }
        var counts: [Status: Int] = [:]
        for iteration in iterations { counts[iteration.status, default: 0] += 1 }
        var apart: [MapIteration] = []
        var merged: [MapIteration] = []
        var failedShown = 0
        for iteration in iterations {
            if root?.iterationStartedEventIDs.contains(iteration.startedEventID) ?? false {
                apart.append(iteration)
            } else if iteration.status.isFailure, failedShown < options.failedIterationsShown {
                failedShown += 1
                apart.append(iteration)
            } else {
                merged.append(iteration)
            }
        }
        if hasRoom() {
            let countText = Status.allCases.compactMap { status in
                counts[status].map { "\($0) \(Self.label(status))" }
            }.joined(separator: ", ")
            var row = TimelineRow(
                kind: .group, label: "\(iterations.count) iterations", detail: countText, depth: depth,
                status: ExecutionGraphBuilder.summary(counts, last: nil))
            row.bars = mergedBars(
                iterations.map { ($0.start, $0.end, $0.status) }, kind: .span,
                tooltip: "\(clip(mapName)) · \(iterations.count) iterations: \(countText)")
            rows.append(row)
        } else {
            omittedRows += 1
        }
        if !merged.isEmpty {
            addMergedRows(merged.flatMap(\.visits), depth: depth + 1, nested: true)
        }
        for iteration in apart {
            addGroup(
                label: "iteration \(iteration.index)", of: mapName, status: iteration.status, start: iteration.start,
                end: iteration.end, depth: depth)
            addThread(iteration.visits, depth: depth + 1)
        }
        mapNotes.append(
            "\(mapName): \(iterations.count) iterations; \(merged.count) merged into one row per state"
                + (apart.isEmpty ? "" : ", \(apart.count) drawn apart"))
    }

    /// One row per state name over `visits` (and, when `nested`, everything inside them at any depth).
    private mutating func addMergedRows(_ visits: [StateVisit], depth: Int, nested: Bool) {
        var order: [String] = []
        var byName: [String: [StateVisit]] = [:]
        var pending = visits.reversed() as [StateVisit]
        while let visit = pending.popLast() {
            let key = visit.type.rawValue + "\u{0}" + visit.name
            if byName[key] == nil { order.append(key) }
            byName[key, default: []].append(visit)
            guard nested else { continue }
            for iteration in visit.iterations.reversed() { pending.append(contentsOf: iteration.visits.reversed()) }
            for branch in visit.branches.reversed() { pending.append(contentsOf: branch.visits.reversed()) }
        }
        for key in order {
            guard let group = byName[key], let first = group.first else { continue }
            guard hasRoom() else {
                omittedRows += 1
                continue
            }
            var counts: [Status: Int] = [:]
            for visit in group { counts[visit.status, default: 0] += 1 }
            let attempts = group.reduce(0) { $0 + $1.attempts.count }
            let retried = group.reduce(0) { $0 + max($1.attempts.count - 1, 0) }
            var detail = [first.type.rawValue, "×\(group.count)"]
            if retried > 0 { detail.append("\(attempts) attempts") }
            let isRoot = group.contains { $0.enteredEventID == root?.visitEnteredEventID }
            var row = TimelineRow(
                kind: .merged(visits: group.count), label: first.name, detail: detail.joined(separator: " · "),
                depth: depth, status: ExecutionGraphBuilder.summary(counts, last: group.last?.status),
                isRootCause: isRoot)
            row.bars = mergedBars(
                group.map { ($0.start, $0.end, $0.status) }, kind: .coverage,
                tooltip: "\(clip(first.name)) · \(group.count) visits merged")
            rows.append(row)
        }
    }

    /// Bars for many intervals on one row: per status, the union of the time they covered, drawn from
    /// succeeded up to failed so that failures lie on top.
    private mutating func mergedBars(
        _ intervals: [(start: Instant?, end: Instant?, status: Status)], kind: TimelineBar.Kind, tooltip: String
    ) -> [TimelineBar] {
        var byStatus: [Status: [(start: Int64, end: Int64, isOpen: Bool)]] = [:]
        for interval in intervals {
            guard let start = interval.start.flatMap(offset) else { continue }
            let end = (interval.end ?? horizon).flatMap(offset) ?? start
            byStatus[interval.status, default: []].append((start, max(start, end), interval.end == nil))
        }
        let drawingOrder: [Status] = [.succeeded, .caught, .aborted, .running, .timedOut, .failed]
        var bars: [TimelineBar] = []
        for status in drawingOrder {
            guard var spans = byStatus[status] else { continue }
            spans.sort { $0.start < $1.start }
            var current: (start: Int64, end: Int64, isOpen: Bool, count: Int)?
            func flush(_ piece: (start: Int64, end: Int64, isOpen: Bool, count: Int)) -> TimelineBar {
                let what = piece.count == 1 ? "one \(Self.label(status))" : "\(piece.count) \(Self.label(status))"
                return TimelineBar(
                    kind: kind, startOffset: piece.start, endOffset: piece.end, status: status, isOpen: piece.isOpen,
                    tooltip: tooltip + " · " + what + " · "
                        + DurationFormatter.string(milliseconds: piece.end - piece.start))
            }
            for span in spans {
                if let open = current, span.start <= open.end.addingReportingOverflow(resolution).partialValue {
                    current = (open.start, max(open.end, span.end), open.isOpen || span.isOpen, open.count + 1)
                } else {
                    if let open = current { bars.append(flush(open)) }
                    current = (span.start, span.end, span.isOpen, 1)
                }
            }
            if let open = current { bars.append(flush(open)) }
        }
        for bar in bars { note(bar) }
        return bars
    }

    // MARK: Bars

    private mutating func bar(
        _ kind: TimelineBar.Kind, from start: Instant?, to end: Instant?, status: Status?, isRoot: Bool,
        tooltip: String
    ) -> TimelineBar? {
        guard let start, let startOffset = offset(start) else { return nil }
        let endOffset = (end ?? horizon).flatMap(offset) ?? startOffset
        let bar = TimelineBar(
            kind: kind, startOffset: startOffset, endOffset: endOffset, status: status, isOpen: end == nil,
            isRootCause: isRoot, tooltip: tooltip)
        note(bar)
        return bar
    }

    private mutating func note(_ bar: TimelineBar) {
        latest = max(latest, bar.endOffset)
        placedBars += 1
    }

    /// Milliseconds from the execution's start; times before it are drawn at the start.
    private func offset(_ instant: Instant) -> Int64? {
        guard let origin else { return nil }
        let (difference, overflow) = instant.millisecondsSinceEpoch.subtractingReportingOverflow(
            origin.millisecondsSinceEpoch)
        return overflow ? nil : max(difference, 0)
    }

    private mutating func hasRoom() -> Bool {
        rows.count < options.rowBudget
    }

    /// Rows a visit would need: itself, its groups and everything inside them.
    private static func rowCount(of visit: StateVisit) -> Int {
        var count = 0
        var pending = [visit]
        while let next = pending.popLast() {
            count += 1 + next.branches.count + next.iterations.count
            for branch in next.branches { pending.append(contentsOf: branch.visits) }
            for iteration in next.iterations { pending.append(contentsOf: iteration.visits) }
        }
        return count
    }

    // MARK: Text

    private func visitTooltip(_ visit: StateVisit, name: String) -> String {
        var text =
            "\(name) (\(visit.type.rawValue)) · \(Self.label(visit.status))" + durationSuffix(visit.start, visit.end)
        if let error = visit.error { text += "\nerror: " + clip(error, 200) }
        if let cause = visit.cause { text += "\ncause: " + clip(cause, 600) }
        return text
    }

    private func attemptTooltip(_ attempt: TaskAttempt, of visit: StateVisit, name: String) -> String {
        var text =
            "\(name) · attempt \(attempt.number) of \(visit.attempts.count) · \(Self.label(attempt.status))"
            + durationSuffix(attempt.scheduled, attempt.ended)
        if let error = attempt.error { text += "\nerror: " + clip(error, 200) }
        if let cause = attempt.cause { text += "\ncause: " + clip(cause, 600) }
        return text
    }

    private func durationSuffix(_ start: Instant?, _ end: Instant?) -> String {
        guard let start, let end else { return "" }
        return " · " + duration(start, end)
    }

    private func duration(_ start: Instant, _ end: Instant) -> String {
        DurationFormatter.string(milliseconds: start.elapsedMilliseconds(until: end))
    }

    private func clip(_ text: String, _ length: Int = 80) -> String {
        TerminalText.clipped(redactor.redact(text), toCharacters: length)
    }

    static func label(_ status: Status) -> String {
        ExecutionGraphBuilder.label(status)
    }

    private func notes() -> [String] {
        var notes: [String] = []
        let shown = 6
        notes.append(contentsOf: mapNotes.prefix(shown))
        if mapNotes.count > shown { notes.append("\(mapNotes.count - shown) more Map states with iterations merged") }
        if let first = loopNotes.first {
            notes.append(loopNotes.count == 1 ? first : first + " (and \(loopNotes.count - 1) more threads)")
        }
        if omittedRows > 0 { notes.append("row budget (\(options.rowBudget)) reached: \(omittedRows) rows not drawn") }
        if tooDeep > 0 { notes.append("groups nested deeper than \(options.maximumDepth) levels not drawn") }
        return notes
    }
}
