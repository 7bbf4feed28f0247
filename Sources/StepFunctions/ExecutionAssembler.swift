import RetraceCore

/// Sorts pages into executions by their content, never by the order or number of the files they came in.
///
/// - Pages that carry the same `executionArn` are one execution; different ARNs are different executions.
/// - A page holding `ExecutionStarted` starts an execution, unless an execution with the very same
///   `ExecutionStarted` event already exists and no event they both hold differs (a copy, or an overlapping page).
/// - A page without either continues the execution whose events it overlaps without conflict, or whose ids it
///   continues (newest first or oldest first, it does not matter), not timed before that execution started and
///   not after it ended (but for a redrive). When several executions fit equally, the one whose last event is
///   nearest in time wins, and a warning says so unless it is clearly nearer; when none fits, the page starts a
///   history of its own, which is then incomplete.
/// - Exact copies of a page are read once, and said.
public struct ExecutionAssembler: Sendable {
    /// The executions found, in output order, and what was noticed.
    public struct Result: Sendable {
        /// The executions, by start time, then name.
        public var executions: [AssembledExecution]
        /// Ambiguities and copies, for people.
        public var warnings: [LogWarning]
    }

    /// Creates an assembler.
    public init() {}

    /// Groups the pages' fingerprints into executions.
    public func assemble(_ fingerprints: [PageFingerprint]) -> Result {
        let order = fingerprints.indices.sorted { canonicallyPrecedes(fingerprints[$0], fingerprints[$1]) }
        var groups: [Group] = []
        var warnings: [LogWarning] = []
        var byArn: [String: Int] = [:]
        // ARNs decide first, then ExecutionStarted, then the pages that continue a history.
        for index in order {
            let page = fingerprints[index]
            guard let arn = page.executionArn else { continue }
            if let group = byArn[arn] {
                groups[group].add(page, index)
            } else {
                byArn[arn] = groups.count
                groups.append(Group(page, index))
            }
        }
        for index in order {
            let page = fingerprints[index]
            guard page.executionArn == nil, let started = page.startedHash else { continue }
            let fitting = groups.indices.filter { groups[$0].startedHash == started && groups[$0].overlap(page) != nil }
            if let group = fitting.first {
                groups[group].add(page, index)
            } else {
                groups.append(Group(page, index))
            }
        }
        for index in order {
            let page = fingerprints[index]
            guard page.executionArn == nil, page.startedHash == nil else { continue }
            let candidates = groups.indices.compactMap { group in groups[group].fit(page).map { (group, $0) } }
            let best = candidates.map(\.1).max()
            let top = candidates.filter { $0.1 == best }.map(\.0).sorted {
                (groups[$0].distance(to: page), $0) < (groups[$1].distance(to: page), $1)
            }
            guard let chosen = top.first else {
                groups.append(Group(page, index))
                continue
            }
            if top.count > 1,
                !Self.clearlyNearer(groups[top[0]].distance(to: page), than: groups[top[1]].distance(to: page))
            {
                let names = top.map { groups[$0].displayName(fingerprints) }
                warnings.append(
                    LogWarning(
                        code: .ambiguousPage,
                        message:
                            "\(page.origin) could continue \(top.count) executions (\(names.joined(separator: ", "))); "
                            + "it was read as part of \(groups[chosen].displayName(fingerprints)), whose last event is "
                            + "nearest in time. Give each execution's pages with its executionArn to be sure.",
                        eventIDs: page.idRange.map { [$0.lowerBound, $0.upperBound] } ?? []))
            }
            groups[chosen].add(page, index)
        }
        var executions = groups.map { $0.execution(fingerprints) }
        for execution in executions where !execution.copies.isEmpty {
            let copies = execution.copies.count
            let names = (execution.copies.prefix(5).map(\.description) + (copies > 5 ? ["…"] : []))
                .joined(separator: ", ")
            warnings.append(
                LogWarning(
                    code: .duplicatePage,
                    message: "\(copies) page\(copies == 1 ? " was an exact copy" : "s were exact copies") of pages "
                        + "already given for execution \(execution.name) (\(names)); each was read once"))
        }
        executions.sort(by: AssembledExecution.precedes)
        return Result(executions: executions, warnings: warnings)
    }

    /// Whether a page `nearest` milliseconds after one execution's last event, and `next` after another's, clearly
    /// continues the first: by at least a second, and at least twice as near.
    static func clearlyNearer(_ nearest: Int64, than next: Int64) -> Bool {
        guard nearest != .max, next != .max else { return false }
        return next - nearest >= max(1_000, nearest)
    }

    /// An order of pages that depends on their content and names only, so that the file order never matters.
    private func canonicallyPrecedes(_ lhs: PageFingerprint, _ rhs: PageFingerprint) -> Bool {
        let left = lhs.idRange
        let right = rhs.idRange
        if left?.lowerBound != right?.lowerBound {
            return (left?.lowerBound ?? .max) < (right?.lowerBound ?? .max)
        }
        if left?.upperBound != right?.upperBound { return (left?.upperBound ?? .max) > (right?.upperBound ?? .max) }
        if lhs.eventCount != rhs.eventCount { return lhs.eventCount > rhs.eventCount }
        return (lhs.origin.input, lhs.origin.ordinal) < (rhs.origin.input, rhs.origin.ordinal)
    }
}

/// The pages found to be one execution so far.
private struct Group {
    var members: [Int] = []
    var copies: [Int] = []
    var executionArn: String?
    var startedHash: Int?
    var startTime: Instant?
    var hashByID: [Int64: Int] = [:]
    var minID = Int64.max
    var maxID = Int64.min
    var timeAtMax: Instant?
    var typeAtMax: EventType?
    var contentHashes: Set<Int> = []

    init(_ page: PageFingerprint, _ index: Int) {
        add(page, index)
    }

    mutating func add(_ page: PageFingerprint, _ index: Int) {
        guard contentHashes.insert(page.contentHash).inserted else {
            copies.append(index)
            return
        }
        members.append(index)
        executionArn = executionArn ?? page.executionArn
        startedHash = startedHash ?? page.startedHash
        startTime = startTime ?? page.start
        for (id, hash) in zip(page.ids, page.hashes) where hashByID[id] == nil { hashByID[id] = hash }
        guard let range = page.idRange else { return }
        minID = min(minID, range.lowerBound)
        if range.upperBound >= maxID {
            maxID = range.upperBound
            timeAtMax = page.lastTime
            typeAtMax = page.endsWithTerminal ? page.lastTerminal?.type : nil
        }
    }

    /// How many events the page shares with the group, or `nil` when one of them differs.
    func overlap(_ page: PageFingerprint) -> Int? {
        var shared = 0
        for (id, hash) in zip(page.ids, page.hashes) {
            guard let mine = hashByID[id] else { continue }
            if mine != hash { return nil }
            shared += 1
        }
        return shared
    }

    /// How well a page without ARN or start continues the group: 2 when they share events, 1 when its ids follow
    /// on (or lead into a group without a start, or fill a gap), 0 when they follow after missing ids; as last resorts, -1 when
    /// they follow an execution that had ended (the tree then says the events came after the end) and -2 when they
    /// are timed before the execution started; `nil` when it cannot belong.
    func fit(_ page: PageFingerprint) -> Int? {
        guard let range = page.idRange, maxID >= minID else { return nil }
        // Events are compared only where the id ranges meet, so that placing a page costs little per execution
        // even among thousands.
        if range.overlaps(minID...maxID) {
            // Sharing events without a difference, or lying in the group's span where it has none (a gap).
            guard let shared = overlap(page) else { return nil }
            return shared > 0 ? 2 : 1
        }
        if range.lowerBound > maxID {
            // Concurrent branches interleave, so ids and times need not agree event by event; but nothing in
            // an execution happens before it started: a page that would is a last resort (a clock run backwards).
            if let start = startTime, let first = page.firstTime, first < start { return -2 }
            // An execution that ended is continued by a redrive, and otherwise only when nothing else fits.
            if typeAtMax != nil, page.firstType != .executionRedriven { return -1 }
            return range.lowerBound == maxID + 1 ? 1 : 0
        }
        if startedHash == nil, range.upperBound < minID { return range.upperBound + 1 == minID ? 1 : 0 }
        return nil
    }

    /// Milliseconds between the group's last event and the page's first, for choosing among equal fits.
    func distance(to page: PageFingerprint) -> Int64 {
        guard let end = timeAtMax, let first = page.firstTime else { return .max }
        return abs(end.milliseconds(until: first))
    }

    func displayName(_ fingerprints: [PageFingerprint]) -> String {
        if let executionArn, let last = executionArn.split(separator: ":").last { return String(last) }
        return members.first.map { fingerprints[$0].origin.description } ?? "?"
    }

    func execution(_ fingerprints: [PageFingerprint]) -> AssembledExecution {
        let pages = members.map { fingerprints[$0] }.sorted {
            ($0.idRange?.lowerBound ?? .max, $0.origin.input, $0.origin.ordinal)
                < ($1.idRange?.lowerBound ?? .max, $1.origin.input, $1.origin.ordinal)
        }
        let started = pages.first { $0.startedHash != nil }
        var terminal: (id: Int64, type: EventType, time: Instant?)?
        var mapRuns: [PageFingerprint.MapRunWindow] = []
        var mapRunEnds: [Int64: Instant] = [:]
        for page in pages {
            if let last = page.lastTerminal, last.id > (terminal?.id ?? 0) { terminal = last }
            for run in page.mapRuns where !mapRuns.contains(where: { $0.startedEventID == run.startedEventID }) {
                mapRuns.append(run)
            }
            mapRunEnds.merge(page.mapRunEnds) { first, _ in first }
        }
        for index in mapRuns.indices { mapRuns[index].end = mapRunEnds[mapRuns[index].startedEventID] }
        return AssembledExecution(
            pages: pages.map(\.origin),
            copies: copies.map { fingerprints[$0].origin }.sorted { ($0.input, $0.ordinal) < ($1.input, $1.ordinal) },
            executionArn: executionArn ?? pages.lazy.compactMap(\.executionArn).first,
            mapRunArn: pages.lazy.compactMap(\.mapRunArn).first, start: started?.start, end: terminal?.time,
            terminalType: terminal?.type, hasStart: started != nil, mapRuns: mapRuns)
    }
}
