import RetraceCore

/// Links distributed Map child executions to the Map Run of the parent that started them, among executions given
/// together.
///
/// ARNs decide where the pages carry them: a `mapRunArn` beside a child's events names its run, and a child ARN
/// (`…:execution:Machine/MapLabel:name`) names the Map whose runs may hold it. Histories saved from
/// `get-execution-history` carry no ARN; then a child belongs to the Map Run whose time window (from
/// `MapRunStarted` to the run's end) holds the child's start and end, when no other Map Run's window does too.
public struct ExecutionFamily: Sendable {
    /// Where a child execution belongs: the parent's position and its `MapRunStarted` event.
    public struct Link: Sendable, Hashable {
        /// The parent's position in the executions given.
        public var parent: Int
        /// The parent's `MapRunStarted` event.
        public var mapRunStartedEventID: Int64
        /// The Map Run's ARN, when recorded.
        public var mapRunArn: String?
    }

    /// For each execution given, its link to a parent, or `nil` for a top-level execution.
    public var links: [Link?]
    /// Children that could not be linked, and why.
    public var warnings: [LogWarning]

    /// How far a child's start may lie before its Map Run's start, for clocks recorded to the millisecond.
    static let startSlack: Int64 = 1_000
    /// How far a child's end may lie after its Map Run's end: children still running when a run fails are
    /// stopped just after it.
    static let endSlack: Int64 = 60_000

    /// Links the children among `executions` to their parents.
    public init(_ executions: [AssembledExecution]) {
        var runs: [(parent: Int, run: PageFingerprint.MapRunWindow)] = []
        for (index, execution) in executions.enumerated() {
            for run in execution.mapRuns { runs.append((index, run)) }
        }
        links = Array(repeating: nil, count: executions.count)
        warnings = []
        guard !runs.isEmpty || executions.contains(where: { $0.mapRunArn != nil || Self.isChildArn($0.executionArn) })
        else { return }
        var unlinked: [String] = []
        var ambiguous: [String] = []
        for (index, child) in executions.enumerated() {
            let candidates = Self.candidates(for: child, index: index, among: runs, executions: executions)
            guard let candidates else { continue }
            if candidates.count == 1, let only = candidates.first, !Self.descends(only.parent, from: index, links) {
                links[index] = Link(
                    parent: only.parent, mapRunStartedEventID: only.run.startedEventID, mapRunArn: only.run.arn)
            } else if candidates.count > 1 {
                ambiguous.append(child.name)
            } else if child.mapRunArn != nil || Self.isChildArn(child.executionArn) {
                unlinked.append(child.name)
            }
        }
        if !unlinked.isEmpty {
            warnings.append(
                LogWarning(
                    code: .unlinkedChild,
                    message: "\(Self.list(unlinked)) \(unlinked.count == 1 ? "is a" : "are") distributed Map child "
                        + "execution\(unlinked.count == 1 ? "" : "s") whose parent history was not given (or names "
                        + "another Map Run); analysed on \(unlinked.count == 1 ? "its" : "their") own"))
        }
        if !ambiguous.isEmpty {
            warnings.append(
                LogWarning(
                    code: .ambiguousChild,
                    message: "\(Self.list(ambiguous)) started within the time window of more than one Map Run given, "
                        + "so \(ambiguous.count == 1 ? "it was" : "they were") not linked to a parent; give child "
                        + "histories with their executionArn (retrace fetch keeps it) to link them"))
        }
    }

    /// The Map Runs that may hold `child`, or `nil` when nothing marks it as a child at all.
    private static func candidates(
        for child: AssembledExecution, index: Int, among runs: [(parent: Int, run: PageFingerprint.MapRunWindow)],
        executions: [AssembledExecution]
    ) -> [(parent: Int, run: PageFingerprint.MapRunWindow)]? {
        let others = runs.filter { $0.parent != index }
        if let mapRunArn = child.mapRunArn {
            return others.filter { $0.run.arn == mapRunArn }
        }
        if let arn = child.executionArn {
            // A plain execution ARN says it is nobody's child; a child ARN narrows to its Map's runs.
            guard let childScope = scope(of: arn, kind: "execution") else { return nil }
            let matching = others.filter { $0.run.arn.flatMap { scope(of: $0, kind: "mapRun") } == childScope }
            if matching.count <= 1 { return matching }
            return matching.filter { holds($0.run, child, parentEnd: executions[$0.parent].end) }
        }
        guard child.start != nil else { return nil }
        let holding = others.filter { holds($0.run, child, parentEnd: executions[$0.parent].end) }
        return holding.isEmpty ? nil : holding
    }

    /// Whether the run's time window holds the child's start (and end, when both are known).
    private static func holds(
        _ run: PageFingerprint.MapRunWindow, _ child: AssembledExecution, parentEnd: Instant?
    ) -> Bool {
        guard let start = child.start, let runStart = run.start else { return false }
        guard runStart.milliseconds(until: start) >= -startSlack else { return false }
        guard let runEnd = run.end ?? parentEnd else { return true }
        guard start.milliseconds(until: runEnd) >= -startSlack else { return false }
        if let end = child.end, runEnd.milliseconds(until: end) > endSlack { return false }
        return true
    }

    /// Whether `candidate` is `index` or one of its descendants, which would make a cycle.
    private static func descends(_ candidate: Int, from index: Int, _ links: [Link?]) -> Bool {
        var current: Int? = candidate
        var steps = 0
        while let node = current, steps <= links.count {
            if node == index { return true }
            current = links[node]?.parent
            steps += 1
        }
        return false
    }

    /// Whether an ARN names a distributed Map's child execution (`execution:Machine/MapLabel:name`).
    static func isChildArn(_ arn: String?) -> Bool {
        arn.flatMap { scope(of: $0, kind: "execution") } != nil
    }

    /// `region:account:Machine/MapLabel` from a child execution or Map Run ARN.
    static func scope(of arn: String, kind: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 8, parts[5] == kind, parts[6].contains("/") else { return nil }
        return "\(parts[3]):\(parts[4]):\(parts[6])"
    }

    private static func list(_ names: [String]) -> String {
        names.prefix(8).joined(separator: ", ") + (names.count > 8 ? " and \(names.count - 8) more" : "")
    }
}
