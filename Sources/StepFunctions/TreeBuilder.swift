import Dispatch
import RetraceCore

/// Links a history's events into an `ExecutionTree` in one pass, by the rules observed in real AWS histories
/// (see `docs/reconstruction.md`):
///
/// - every event follows `previousEventId` into the thread (scope) of the event it names; 0 means the top level;
/// - a state entered right after `ParallelStateStarted` opens a new branch; right after `MapIterationStarted`,
///   that iteration; iteration ends find their iteration by Map name and index;
/// - container ends (`ParallelStateFailed`, `MapStateExited`, …) climb from their predecessor to the nearest
///   open Parallel or Map state;
/// - `*StateAborted` events point at the failure that caused them, not at the state they abort, so they are
///   matched to the open state of their type nearest that failure, then in the iteration that just ended;
/// - `ExecutionRedriven` starts a new run of the same execution.
///
/// Arrays with indices stand in for the tree while it grows; the value tree is made once at the end.
struct TreeBuilder {
    /// Deeper nesting than this is flattened (with a warning) so that no walk over the tree can exhaust the stack.
    static let maxNesting = 200

    private enum ScopeKind {
        case top
        case branch(number: Int)
        case iteration(index: Int, name: String)
    }

    private struct Scope {
        var kind: ScopeKind
        var parentVisit: Int?
        var depth: Int
        var visits: [Int] = []
        var current: Int?
        var startEventID: Int64
        var endEventID: Int64?
        var endType: EventType?
        /// The last timed event placed in this thread, for `checkClock`.
        var lastTimed: (id: Int64, time: Instant)?
    }

    private struct Visit {
        var name: String
        var type: StateType
        var scope: Int
        var run: Int
        var enteredEventID: Int64
        var exitedEventID: Int64?
        var abortedEventID: Int64?
        var failureEventID: Int64?
        var attempts: [TaskAttempt] = []
        var childScopes: [Int] = []
        var containerFailed = false
        var eventIDs: [Int64] = []
        var lastEventTime: Instant?

        var isOpen: Bool { exitedEventID == nil && abortedEventID == nil }
    }

    /// An event of `events`, read in place.
    private typealias EventPointer = UnsafePointer<HistoryEvent>

    private let history: History
    /// The history's events, held directly: read for every event and link, they should not be fetched through
    /// `history` each time.
    private let events: [HistoryEvent]
    private let positionByID: EventPositions
    private var scopeOfPosition: [Int]
    private var scopes: [Scope] = []
    private var visits: [Visit] = []
    /// What only Map visits carry, by visit, beside the records: each record 100 bytes smaller for all the others.
    private var mapRuns: [Int: MapRun] = [:]
    private var itemCounts: [Int: Int64] = [:]
    private var runs: [ExecutionRun] = []
    private var openVisitOrder: [Int] = []
    private var openVisitCursor = 0
    private var lastEndedScope: Int?
    private var stateTransitions = 0
    private var anomalies = AnomalyLog()

    init(history: History) {
        self.history = history
        events = history.events
        scopeOfPosition = Array(repeating: 0, count: history.events.count)
        positionByID = EventPositions(history.events)
        scopes.append(Scope(kind: .top, parentVisit: nil, depth: 0, startEventID: 0))
    }

    // MARK: - The pass

    mutating func build() -> ExecutionTree {
        // Each event is read where it lies, through a pointer: an event is a large value, and a copy of each
        // would retain every text it holds, for a few of its fields.
        let events = events
        // A record per `*StateEntered`, made at its size: grown by doubling, the records of a history of
        // 300,000 visits took twice their 60 MB.
        let visitCount = events.reduce(into: 0) { count, event in if event.type.isStateEntered { count += 1 } }
        visits.reserveCapacity(visitCount)
        openVisitOrder.reserveCapacity(visitCount)
        events.withUnsafeBufferPointer { buffer in
            guard let first = buffer.baseAddress else { return }
            for position in buffer.indices { place(first + position, at: position) }
        }
        return finish()
    }

    private mutating func place(_ event: EventPointer, at position: Int) {
        if event.pointee.id == 0 {
            // Unnumbered (masked) events cannot be linked; keep them with the open state they were found under.
            let scope = position > 0 ? scopeOfPosition[position - 1] : 0
            scopeOfPosition[position] = scope
            if let visit = scopes[scope].current { visits[visit].eventIDs.append(0) }
            return
        }
        let linked = linkedScope(of: event, at: position)
        var scope = linked
        let type = event.pointee.type
        if runs.last?.terminalEventID != nil, type != .executionRedriven, type != .executionStarted {
            anomalies.note(.afterTerminal, event.pointee.id)
        }
        switch type {
        case .executionStarted:
            scope = 0
            if runs.isEmpty {
                runs.append(
                    ExecutionRun(
                        number: 0, startEventID: event.pointee.id, outcome: .running, start: event.pointee.timestamp))
            }
        case .executionRedriven:
            scope = 0
            runs.append(
                ExecutionRun(
                    number: Int(event.pointee.details.redriveCount ?? Int64(runs.count)),
                    startEventID: event.pointee.id,
                    outcome: .running, start: event.pointee.timestamp))
        case .executionSucceeded, .executionFailed, .executionAborted, .executionTimedOut:
            scope = 0
            endRun(with: event)
        case _ where type.isStateEntered:
            scope = enter(event, linkedScope: linked)
        case _ where type.isStateExited:
            scope = exit(event, from: linked)
        case _ where type.isStateAborted:
            scope = abort(event, from: linked)
        case .mapIterationStarted:
            scope = startIteration(event, mapStartedScope: linked)
        case .mapIterationSucceeded, .mapIterationFailed, .mapIterationAborted:
            scope = endIteration(event, from: linked)
        case .mapStateSucceeded, .mapStateFailed, .parallelStateSucceeded, .parallelStateFailed:
            let containerType: StateType =
                (type == .mapStateSucceeded || type == .mapStateFailed) ? .map : .parallel
            if let visit = openContainer(from: linked, type: containerType, name: nil) {
                if type == .mapStateFailed || type == .parallelStateFailed {
                    visits[visit].containerFailed = true
                    // A leaf failure already recorded on the state (MapRunFailed, EvaluationFailed) says more.
                    if visits[visit].failureEventID == nil { visits[visit].failureEventID = event.pointee.id }
                }
                attach(event, to: visit)
                scope = visits[visit].scope
            } else {
                anomalies.note(.orphanEvent, event.pointee.id)
            }
        case .mapRunStarted, .mapRunSucceeded, .mapRunFailed, .mapRunAborted, .mapRunRedriven:
            if let visit = openContainer(from: linked, type: .map, name: nil) {
                recordMapRun(event, on: visit)
                attach(event, to: visit)
                scope = visits[visit].scope
            } else {
                anomalies.note(.orphanEvent, event.pointee.id)
            }
        case .evaluationFailed:
            if let visit = openVisit(named: event.pointee.details.name, from: linked) {
                visits[visit].failureEventID = event.pointee.id
                attach(event, to: visit)
                scope = visits[visit].scope
            } else {
                anomalies.note(.orphanEvent, event.pointee.id)
            }
        default:
            if let (family, phase) = type.taskEvent {
                if let visit = scopes[linked].current, visits[visit].isOpen || phase != .scheduled {
                    recordTask(event, family: family, phase: phase, on: visit)
                    attach(event, to: visit)
                    scope = visits[visit].scope
                } else {
                    anomalies.note(.orphanEvent, event.pointee.id)
                }
            } else if type == .mapStateStarted || type == .parallelStateStarted {
                // A container retried after a failure starts again from inside its last branch or iteration: the
                // event still belongs to the container, while the thread goes on where it was.
                let containerType: StateType = type == .mapStateStarted ? .map : .parallel
                if let visit = openContainer(from: linked, type: containerType, name: nil) {
                    if type == .mapStateStarted { itemCounts[visit] = event.pointee.details.length }
                    attach(event, to: visit)
                } else {
                    anomalies.note(.orphanEvent, event.pointee.id)
                }
            } else if let visit = scopes[linked].current {
                // Unknown types belong to the state they follow.
                attach(event, to: visit)
            }
        }
        scopeOfPosition[position] = scope
        checkClock(event, in: scope)
    }

    /// The scope of the event named by `previousEventId`, with fallbacks (and warnings) for broken links.
    private mutating func linkedScope(of event: EventPointer, at position: Int) -> Int {
        let previous = event.pointee.previousEventID
        if previous == 0 { return 0 }
        guard previous < event.pointee.id, let target = positionByID[previous] else {
            anomalies.note(
                previous >= event.pointee.id ? .forwardLink : .danglingLink, event.pointee.id, other: previous)
            return position > 0 ? scopeOfPosition[position - 1] : 0
        }
        return scopeOfPosition[target]
    }

    // MARK: - States

    private mutating func enter(_ event: EventPointer, linkedScope: Int) -> Int {
        stateTransitions += 1
        var scope = linkedScope
        if let previous = positionByID[event.pointee.previousEventID], event.pointee.previousEventID > 0 {
            let previousType = events[previous].type
            if previousType == .parallelStateStarted, let parallel = scopes[linkedScope].current,
                visits[parallel].type == .parallel
            {
                let number = visits[parallel].childScopes.count + 1
                scope =
                    newScope(.branch(number: number), under: parallel, startEventID: event.pointee.id) ?? linkedScope
            } else if previousType == .mapIterationStarted {
                scope = scopeOfPosition[previous]
            }
        }
        let type = event.pointee.type.stateType ?? .task
        let visit = visits.count
        visits.append(
            Visit(
                name: event.pointee.details.name ?? "(unnamed)", type: type, scope: scope, run: max(runs.count - 1, 0),
                enteredEventID: event.pointee.id))
        scopes[scope].visits.append(visit)
        scopes[scope].current = visit
        openVisitOrder.append(visit)
        attach(event, to: visit)
        return scope
    }

    private mutating func exit(_ event: EventPointer, from scope: Int) -> Int {
        let type = event.pointee.type.stateType ?? .task
        guard let visit = openContainer(from: scope, type: type, name: event.pointee.details.name) else {
            anomalies.note(.orphanEvent, event.pointee.id)
            return scope
        }
        visits[visit].exitedEventID = event.pointee.id
        attach(event, to: visit)
        return visits[visit].scope
    }

    private mutating func abort(_ event: EventPointer, from scope: Int) -> Int {
        let type = event.pointee.type.stateType ?? .task
        var candidate = openContainer(from: scope, type: type, name: nil)
        if candidate == nil, let ended = lastEndedScope, let current = scopes[ended].current,
            visits[current].type == type, visits[current].isOpen
        {
            candidate = current
        }
        if candidate == nil { candidate = firstOpenVisit(of: type) }
        guard let visit = candidate else {
            anomalies.note(.orphanEvent, event.pointee.id)
            return scope
        }
        visits[visit].abortedEventID = event.pointee.id
        attach(event, to: visit)
        return visits[visit].scope
    }

    /// The nearest open visit of `type` (and `name`) at or above `scope`: its current visit, then the visit
    /// that holds it, and so on to the top.
    private func openContainer(from scope: Int, type: StateType, name: String?) -> Int? {
        var scope = scope
        while true {
            if let current = scopes[scope].current, visits[current].type == type, visits[current].isOpen,
                name == nil || visits[current].name == name
            {
                return current
            }
            guard let parent = scopes[scope].parentVisit else { return nil }
            if visits[parent].type == type, visits[parent].isOpen, name == nil || visits[parent].name == name {
                return parent
            }
            scope = visits[parent].scope
        }
    }

    private func openVisit(named name: String?, from scope: Int) -> Int? {
        var scope = scope
        while true {
            if let current = scopes[scope].current, visits[current].isOpen, name == nil || visits[current].name == name
            {
                return current
            }
            guard let parent = scopes[scope].parentVisit else { return nil }
            scope = visits[parent].scope
        }
    }

    /// The earliest-entered visit of `type` still open, skipping closed ones for good (amortised linear).
    private mutating func firstOpenVisit(of type: StateType) -> Int? {
        while openVisitCursor < openVisitOrder.count, !visits[openVisitOrder[openVisitCursor]].isOpen {
            openVisitCursor += 1
        }
        var index = openVisitCursor
        while index < openVisitOrder.count {
            let visit = openVisitOrder[index]
            if visits[visit].isOpen, visits[visit].type == type { return visit }
            index += 1
        }
        return nil
    }

    private mutating func newScope(_ kind: ScopeKind, under visit: Int, startEventID: Int64) -> Int? {
        let depth = scopes[visits[visit].scope].depth + 1
        guard depth <= TreeBuilder.maxNesting else {
            anomalies.note(.nestingTooDeep, startEventID)
            return nil
        }
        scopes.append(Scope(kind: kind, parentVisit: visit, depth: depth, startEventID: startEventID))
        visits[visit].childScopes.append(scopes.count - 1)
        return scopes.count - 1
    }

    // MARK: - Map iterations and runs

    private mutating func startIteration(_ event: EventPointer, mapStartedScope: Int) -> Int {
        guard let map = openContainer(from: mapStartedScope, type: .map, name: nil) else {
            anomalies.note(.orphanEvent, event.pointee.id)
            return mapStartedScope
        }
        let index = Int(clamping: event.pointee.details.index ?? Int64(visits[map].childScopes.count))
        let kind = ScopeKind.iteration(index: index, name: event.pointee.details.name ?? visits[map].name)
        guard let scope = newScope(kind, under: map, startEventID: event.pointee.id) else { return mapStartedScope }
        return scope
    }

    private mutating func endIteration(_ event: EventPointer, from linked: Int) -> Int {
        let index = Int(clamping: event.pointee.details.index ?? -1)
        let name = event.pointee.details.name
        var scope = linked
        var found: Int?
        while found == nil {
            if case .iteration(let candidateIndex, let candidateName) = scopes[scope].kind, candidateIndex == index,
                name == nil || candidateName == name
            {
                found = scope
                break
            }
            guard let parent = scopes[scope].parentVisit else { break }
            if visits[parent].type == .map, name == nil || visits[parent].name == name {
                found = visits[parent].childScopes.last { child in
                    if case .iteration(let childIndex, _) = scopes[child].kind { return childIndex == index }
                    return false
                }
                break
            }
            scope = visits[parent].scope
        }
        if found == nil {
            found = scopes.indices.last { candidate in
                if case .iteration(let candidateIndex, let candidateName) = scopes[candidate].kind {
                    return candidateIndex == index && (name == nil || candidateName == name)
                        && scopes[candidate].endEventID == nil
                }
                return false
            }
        }
        guard let iteration = found else {
            anomalies.note(.orphanEvent, event.pointee.id)
            return linked
        }
        scopes[iteration].endEventID = event.pointee.id
        scopes[iteration].endType = event.pointee.type
        lastEndedScope = iteration
        return iteration
    }

    private mutating func recordMapRun(_ event: EventPointer, on visit: Int) {
        switch event.pointee.type {
        case .mapRunStarted:
            mapRuns[visit] = MapRun(
                arn: event.pointee.details.mapRunArn, startedEventID: event.pointee.id, status: .running,
                redriveCount: 0)
        case .mapRunRedriven:
            var run =
                mapRuns[visit]
                ?? MapRun(
                    arn: event.pointee.details.mapRunArn, startedEventID: event.pointee.id, status: .running,
                    redriveCount: 0)
            run.redriveCount = event.pointee.details.redriveCount ?? run.redriveCount + 1
            run.status = .running
            run.endEventID = nil
            mapRuns[visit] = run
        default:
            guard var run = mapRuns[visit] else {
                anomalies.note(.orphanEvent, event.pointee.id)
                return
            }
            run.endEventID = event.pointee.id
            run.error = event.pointee.details.error
            run.cause = event.pointee.details.cause
            switch event.pointee.type {
            case .mapRunSucceeded: run.status = .succeeded
            case .mapRunFailed:
                run.status = .failed
                visits[visit].failureEventID = event.pointee.id
            default: run.status = .aborted
            }
            mapRuns[visit] = run
        }
    }

    // MARK: - Task attempts

    private mutating func recordTask(_ event: EventPointer, family: TaskFamily, phase: TaskPhase, on visit: Int) {
        if phase == .scheduled || visits[visit].attempts.isEmpty {
            if phase != .scheduled { anomalies.note(.orphanEvent, event.pointee.id) }
            let previousEnd = visits[visit].attempts.last?.ended
            var attempt = TaskAttempt(
                number: visits[visit].attempts.count + 1, family: family, scheduledEventID: event.pointee.id,
                status: .running, resource: event.pointee.details.resource,
                resourceType: event.pointee.details.resourceType,
                timeoutInSeconds: event.pointee.details.timeoutInSeconds,
                heartbeatInSeconds: event.pointee.details.heartbeatInSeconds,
                scheduled: event.pointee.timestamp)
            if let previousEnd, let now = event.pointee.timestamp {
                attempt.backoffMilliseconds = previousEnd.elapsedMilliseconds(until: now)
            }
            visits[visit].attempts.append(attempt)
            if phase == .scheduled { return }
        }
        let last = visits[visit].attempts.count - 1
        let failed = TreeBuilder.update(&visits[visit].attempts[last], with: event, phase: phase)
        if failed { visits[visit].failureEventID = event.pointee.id }
    }

    /// Records `event`, of `phase`, on `attempt` in place (a copy would retain and release every text the attempt
    /// holds); whether it failed the attempt.
    private static func update(_ attempt: inout TaskAttempt, with event: EventPointer, phase: TaskPhase) -> Bool {
        var failed = false
        switch phase {
        case .scheduled: break
        case .started:
            attempt.startedEventID = event.pointee.id
            attempt.started = event.pointee.timestamp
        case .submitted:
            attempt.submittedEventID = event.pointee.id
        case .succeeded:
            attempt.endEventID = event.pointee.id
            attempt.ended = event.pointee.timestamp
            attempt.status = .succeeded
        case .failed, .startFailed, .submitFailed, .scheduleFailed, .timedOut:
            attempt.endEventID = event.pointee.id
            attempt.ended = event.pointee.timestamp
            attempt.status = phase == .timedOut ? .timedOut : .failed
            attempt.error = event.pointee.details.error
            attempt.cause = event.pointee.details.cause
            failed = true
        }
        if attempt.resource == nil { attempt.resource = event.pointee.details.resource }
        if attempt.resourceType == nil { attempt.resourceType = event.pointee.details.resourceType }
        return failed
    }

    private mutating func attach(_ event: EventPointer, to visit: Int) {
        visits[visit].eventIDs.append(event.pointee.id)
        if let time = event.pointee.timestamp { visits[visit].lastEventTime = time }
    }

    // MARK: - Runs

    private mutating func endRun(with event: EventPointer) {
        if runs.isEmpty {
            // Said by the history's completeness (`missing-start`).
            runs.append(ExecutionRun(number: 0, startEventID: event.pointee.id, outcome: .running))
        }
        let last = runs.count - 1
        guard runs[last].terminalEventID == nil else {
            anomalies.note(.afterTerminal, event.pointee.id)
            return
        }
        runs[last].terminalEventID = event.pointee.id
        runs[last].end = event.pointee.timestamp
        runs[last].error = event.pointee.details.error
        runs[last].cause = event.pointee.details.cause
        switch event.pointee.type {
        case .executionSucceeded: runs[last].outcome = .succeeded
        case .executionFailed: runs[last].outcome = .failed
        case .executionTimedOut: runs[last].outcome = .timedOut
        default: runs[last].outcome = .aborted
        }
    }

    // MARK: - Checks

    /// Notes an event timed earlier than the event it follows by `previousEventId`, or than the event before it
    /// in id order in its own thread. Across threads id order says nothing about time: the events of concurrent
    /// branches and iterations may be recorded thread by thread.
    private mutating func checkClock(_ event: EventPointer, in scope: Int) {
        guard let time = event.pointee.timestamp else { return }
        defer { scopes[scope].lastTimed = (event.pointee.id, time) }
        if event.pointee.previousEventID > 0, event.pointee.previousEventID < event.pointee.id,
            let target = positionByID[event.pointee.previousEventID], let before = events[target].timestamp,
            time < before
        {
            anomalies.note(.timestampBackwards, event.pointee.id, other: event.pointee.previousEventID)
        } else if let before = scopes[scope].lastTimed, before.id < event.pointee.id, time < before.time {
            anomalies.note(.timestampBackwards, event.pointee.id, other: before.id)
        }
    }

    // MARK: - The value tree

    private mutating func finish() -> ExecutionTree {
        var outcome: RunOutcome
        if let last = runs.last {
            outcome = last.outcome
        } else {
            outcome = events.isEmpty ? .unknown : .running
        }
        // Without the events after the last page given, "running" would be a guess.
        if outcome == .running, history.completeness.truncatedAfter != nil { outcome = .unknown }
        let topVisits = scopes[0].visits.map { makeVisit($0) }
        return ExecutionTree(
            history: history, visits: topVisits, runs: runs, outcome: outcome,
            warnings: history.warnings + anomalies.summarised(), stateTransitionCount: stateTransitions,
            positionByID: positionByID, visitCount: visits.count)
    }

    private func time(_ id: Int64?) -> Instant? {
        guard let id, let position = positionByID[id] else { return nil }
        return events[position].timestamp
    }

    private func runEnd(_ run: Int) -> (outcome: RunOutcome, end: Instant?) {
        guard runs.indices.contains(run) else { return (.running, nil) }
        return (runs[run].outcome, runs[run].end)
    }

    /// The visits of each scope in `childScopes`, made on every core when there are many (a Map's iterations): they
    /// are independent, and a Map of thousands of iterations is most of a long history's tree.
    private func visitLists(of childScopes: [Int]) -> [[StateVisit]] {
        guard childScopes.count >= TreeBuilder.parallelScopes else {
            return childScopes.map { scopes[$0].visits.map { makeVisit($0) } }
        }
        var lists = [[StateVisit]](repeating: [], count: childScopes.count)
        lists.withUnsafeMutableBufferPointer { buffer in
            // Each part writes its own elements of `lists`, and only reads the builder.
            nonisolated(unsafe) let lists = buffer
            let builder = self
            let parts = 8
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                for position in (childScopes.count * part / parts)..<(childScopes.count * (part + 1) / parts) {
                    lists[position] = builder.scopes[childScopes[position]].visits.map { builder.makeVisit($0) }
                }
            }
        }
        return lists
    }

    /// How many child scopes a visit has before they are made on every core.
    private static let parallelScopes = 64

    private func makeVisit(_ index: Int) -> StateVisit {
        let record = visits[index]
        // Positions, not copies: an event is a large value, and each copy retains every text it holds.
        let entered = positionByID[record.enteredEventID]
        let exited = record.exitedEventID.flatMap { positionByID[$0] }
        let failure = record.failureEventID.flatMap { positionByID[$0] }
        let failureType = failure.map { events[$0].type }
        let run = runEnd(record.run)
        let lastAttempt = record.attempts.last
        let failedAttempt = lastAttempt.map { $0.status == .failed || $0.status == .timedOut } ?? false
        let failed =
            failedAttempt || record.containerFailed || failureType == .evaluationFailed
            || failureType == .mapRunFailed
        let failureStatus: Status = lastAttempt?.status == .timedOut && failedAttempt ? .timedOut : .failed

        var status: Status
        var endEventID: Int64?
        if record.exitedEventID != nil {
            status = failed ? .caught : .succeeded
            endEventID = record.exitedEventID
        } else if let aborted = record.abortedEventID {
            status = failed ? failureStatus : .aborted
            endEventID = aborted
        } else if record.type == .fail {
            status = .failed
            endEventID = record.enteredEventID
        } else if failed {
            status = failureStatus
            endEventID = record.failureEventID
        } else {
            switch run.outcome {
            case .running, .unknown: status = .running
            case .timedOut: status = .timedOut
            default: status = .aborted
            }
        }
        var end = time(endEventID)
        if endEventID == nil { end = run.end }
        if record.type == .fail { end = entered.flatMap { events[$0].timestamp } }
        if end == nil, status != .running { end = record.lastEventTime }

        var attempts = record.attempts
        if status == .aborted || status == .timedOut || status == .failed {
            for position in attempts.indices where attempts[position].status == .running {
                attempts[position].status = .aborted
            }
        }
        var branches: [ParallelBranch] = []
        var iterations: [MapIteration] = []
        let childVisitLists = visitLists(of: record.childScopes)
        for (child, childVisits) in zip(record.childScopes, childVisitLists) {
            let scope = scopes[child]
            switch scope.kind {
            case .branch(let number):
                let lastVisit = childVisits.last
                var branchStatus = lastVisit?.status ?? .running
                if branchStatus == .caught { branchStatus = .succeeded }
                branches.append(
                    ParallelBranch(
                        number: number, visits: childVisits, status: branchStatus, start: childVisits.first?.start,
                        end: lastVisit?.end))
            case .iteration(let iterationIndex, _):
                var iterationStatus: Status
                switch scope.endType {
                case .mapIterationSucceeded?: iterationStatus = .succeeded
                case .mapIterationFailed?: iterationStatus = .failed
                case .mapIterationAborted?: iterationStatus = .aborted
                default:
                    iterationStatus = childVisits.last?.status ?? .running
                    if iterationStatus == .caught { iterationStatus = .succeeded }
                }
                iterations.append(
                    MapIteration(
                        index: iterationIndex, startedEventID: scope.startEventID, endEventID: scope.endEventID,
                        status: iterationStatus, visits: childVisits, start: time(scope.startEventID),
                        end: time(scope.endEventID) ?? childVisits.last?.end))
            case .top:
                break
            }
        }
        iterations.sort { $0.index < $1.index }
        var error = failure.flatMap { events[$0].details.error }
        var cause = failure.flatMap { events[$0].details.cause }
        if failureType == .mapStateFailed || failureType == .parallelStateFailed {
            error = nil
            cause = nil
        }
        return StateVisit(
            name: record.name, type: record.type, enteredEventID: record.enteredEventID,
            exitedEventID: record.exitedEventID, endEventID: endEventID, status: status, run: record.run,
            input: entered.flatMap { events[$0].details.input }, output: exited.flatMap { events[$0].details.output },
            start: entered.flatMap { events[$0].timestamp }, end: end,
            attempts: attempts, branches: branches, iterations: iterations, itemCount: itemCounts[index],
            mapRun: mapRuns[index], error: error, cause: cause, failureEventID: record.failureEventID,
            eventIDs: record.eventIDs)
    }
}
