import ASLExpressions
import RetraceCore
import StepFunctions

extension ReplaySession {
    /// The ids of the visit's own events of `type`, in order: one `MapStateStarted` or `ParallelStateStarted`
    /// per try of the state (a Retry on a Map or Parallel state runs it again).
    func starts(of visit: StateVisit, type: EventType) -> [Int64] {
        visit.eventIDs.filter { $0 > 0 && tree.event($0)?.type == type }.sorted()
    }

    /// Which try (from 0) an event inside the visit belongs to, given the tries' start events.
    static func round(of eventID: Int64, starts: [Int64], inclusive: Bool = false) -> Int {
        var round = 0
        for (index, start) in starts.enumerated() where start < eventID || (inclusive && start == eventID) {
            round = index
        }
        return round
    }

    /// How one try of a Map or Parallel state ended.
    enum RoundOutcome {
        case succeeded(JSONValue?)
        case failed(error: String, cause: String?, eventID: Int64)
        case incomplete
        case stopped
    }

    /// A Map: the items, each iteration replayed as its own scope, retries of the whole state, and the result.
    mutating func runMap(
        _ state: StateDefinition, _ map: MapState, visit: StateVisit, input: JSONValue, frame: inout Frame
    ) -> StateOutcome {
        let environment = self.environment(input, state: state.name, visit: visit, frame: frame)
        let bindings = self.bindings(input, state: state.name, visit: visit, frame: frame)
        let effective: JSONValue
        var items: [JSONValue]?
        do throws(StateFailure) {
            effective = state.queryLanguage == .jsonata ? input : try select(state.inputPath, input, environment)
            if map.itemReader != nil {
                note(
                    .itemReader, eventID: visit.enteredEventID, location: frame.location,
                    "the items come from an ItemReader, which the history does not record")
            } else {
                let value: JSONValue
                if state.queryLanguage == .jsonata {
                    if let template = map.items {
                        value = try evaluateQuery(template, field: "Items", bindings: bindings)
                    } else {
                        value = input
                    }
                } else if let path = map.itemsPath {
                    value = try evaluateField(path, field: "ItemsPath", environment.with(input: effective))
                } else {
                    value = effective
                }
                guard case .array(let elements) = value else {
                    throw StateFailure(
                        error: state.queryLanguage == .jsonata ? "States.QueryEvaluationError" : "States.Runtime",
                        cause: "The Map state's items must be an array, but they are \(Self.clip(value.serialized()))")
                }
                items = elements
            }
        } catch {
            return handleFailure(
                state, visit: visit, error: error.error, cause: error.cause, rawInput: input,
                frame: &frame)
        }
        let limits: MapLimits
        do throws(StateFailure) {
            limits = try mapLimits(
                state, map, environment: environment.with(input: effective), bindings: bindings, visit: visit,
                frame: frame)
        } catch {
            return handleFailure(
                state, visit: visit, error: error.error, cause: error.cause, rawInput: input, frame: &frame)
        }
        if map.processor.mode == .distributed && visit.iterations.isEmpty {
            return runMapRun(
                state, map, visit: visit, input: input, itemCount: items?.count, limits: limits, frame: &frame)
        }
        // Each try of the Map (a Retry runs it again) starts with a MapStateStarted, which its iterations'
        // MapIterationStarted events point at.
        var startIDs = Set(starts(of: visit, type: .mapStateStarted))
        var roundKey: [Int64: Int64] = [:]
        for iteration in visit.iterations {
            if let previous = tree.event(iteration.startedEventID)?.previousEventID,
                tree.event(previous)?.type == .mapStateStarted
            {
                startIDs.insert(previous)
                roundKey[iteration.startedEventID] = previous
            }
        }
        let starts = startIDs.sorted()
        // The tries read the frame as it is now; only the final decision changes it.
        let tryFrame = frame
        return runTries(state, noun: "Map", visit: visit, input: input, starts: starts, frame: &frame) {
            session, round in
            if let items, starts.indices.contains(round), let length = session.tree.event(starts[round])?.details.length
            {
                if Int64(items.count) == length {
                    session.agreements += 1
                } else {
                    session.diverge(
                        .mapItems, eventID: starts[round], location: tryFrame.location, state: state.name,
                        expected: "\(items.count) item\(items.count == 1 ? "" : "s")", recorded: "length \(length)")
                    return .stopped
                }
            }
            let iterations = visit.iterations.filter { iteration in
                let key = roundKey[iteration.startedEventID] ?? iteration.startedEventID
                return Self.round(of: key, starts: starts, inclusive: true) == round
            }
            session.checkConcurrency(limits, iterations: iterations, state: state, frame: tryFrame)
            return session.runIterations(
                state, map, items: items, effective: effective, input: input, iterations: iterations, visit: visit,
                limits: limits, frame: tryFrame)
        }
    }

    /// Runs a Map or Parallel once per try the history recorded (a Retry runs the whole state again) and decides
    /// after each try as Retry would: the skeleton both containers share. `runTry` replays one try.
    private mutating func runTries(
        _ state: StateDefinition, noun: String, visit: StateVisit, input: JSONValue, starts: [Int64],
        frame: inout Frame, runTry: (inout ReplaySession, Int) -> RoundOutcome
    ) -> StateOutcome {
        var policy = RetryPolicy(retriers: state.retry)
        let rounds = max(starts.count, 1)
        for round in 0..<rounds {
            let outcome = runTry(&self, round)
            let isLast = round + 1 == rounds
            switch outcome {
            case .succeeded(let result):
                if !isLast {
                    diverge(
                        .retryDecision, eventID: starts[round + 1], location: frame.location, state: state.name,
                        expected: "no retry after the \(noun) succeeded", recorded: "the \(noun) started again")
                    return .stopped
                }
                return finishContainer(state, visit: visit, input: input, result: result, frame: &frame)
            case .failed(let error, let cause, let eventID):
                let decision = policy.decide(error)
                if case .retry(let retrier, _) = decision {
                    if isLast {
                        if visit.status == .running || visit.status == .aborted { return .incomplete }
                        diverge(
                            .retryDecision, eventID: eventID, location: frame.location, state: state.name,
                            expected: "Retry[\(retrier)] runs the \(noun) again after \"\(error)\"",
                            recorded: "the \(noun) was not run again")
                        return .stopped
                    }
                    note(
                        .timing, eventID: starts[round + 1], location: frame.location,
                        "the retry interval was not timed")
                    continue
                }
                if !isLast {
                    diverge(
                        .retryDecision, eventID: starts[round + 1], location: frame.location, state: state.name,
                        expected: "no retry of \"\(error)\"", recorded: "the \(noun) started again")
                    return .stopped
                }
                return handleFailure(state, visit: visit, error: error, cause: cause, rawInput: input, frame: &frame)
            case .incomplete:
                return .incomplete
            case .stopped:
                return .stopped
            }
        }
        return .incomplete
    }

    /// One try of an inline Map: every item's iteration, the result array, or the first failure.
    private mutating func runIterations(
        _ state: StateDefinition, _ map: MapState, items: [JSONValue]?, effective: JSONValue, input: JSONValue,
        iterations: [MapIteration], visit: StateVisit, limits: MapLimits, frame: Frame
    ) -> RoundOutcome {
        var byIndex: [Int: MapIteration] = [:]
        for iteration in iterations where byIndex[iteration.index] == nil { byIndex[iteration.index] = iteration }
        let count = items?.count ?? ((iterations.map(\.index).max() ?? -1) + 1)
        if let items, let extra = iterations.first(where: { $0.index >= items.count }) {
            diverge(
                .mapItems, eventID: extra.startedEventID, location: frame.location, state: state.name,
                expected: "\(items.count) iteration\(items.count == 1 ? "" : "s")",
                recorded: "iteration \(extra.index)")
            return .stopped
        }
        var results: [JSONValue?] = Array(repeating: nil, count: count)
        var failure: (error: String, cause: String?, eventID: Int64)?
        var failures = 0
        var incomplete = false
        var stopped = false
        for index in 0..<count {
            guard let iteration = byIndex[index] else {
                incomplete = true
                continue
            }
            let item = items.map { $0[index] }
            var itemInput: JSONValue?
            if let item {
                do throws(StateFailure) {
                    itemInput = try self.itemInput(
                        state, map, item: item, index: index, effective: effective, input: input, visit: visit,
                        frame: frame)
                } catch {
                    return .failed(error: error.error, cause: error.cause, eventID: iteration.startedEventID)
                }
            }
            var child = frame
            child.location = frame.location + [.iteration(index)]
            child.mapItem = item.map { (index, $0) }
            let end = ScopeEnd(status: iteration.status, eventID: iteration.endEventID, name: "iteration \(index)")
            switch runScope(
                map.processor.definition, visits: iteration.visits, input: itemInput, frame: &child, end: end)
            {
            case .succeeded(let output):
                results[index] = output
            case .failed(let error, let cause):
                let eventID = iteration.endEventID ?? iteration.startedEventID
                if failure == nil || eventID < (failure?.eventID ?? Int64.max) { failure = (error, cause, eventID) }
                failures += 1
            case .incomplete:
                incomplete = true
            case .stopped:
                // The other iterations are still replayed, so that every divergence is found.
                stopped = true
            }
        }
        if stopped { return .stopped }
        if let failure {
            guard limits.toleratesFailures else {
                return .failed(error: failure.error, cause: failure.cause, eventID: failure.eventID)
            }
            // A Map with a failure threshold fails as a whole once it is exceeded, else succeeds without the
            // failed items' results (which the history does not hold).
            guard limits.tolerates(failed: failures, of: count) else {
                return .failed(
                    error: "States.ExceedToleratedFailureThreshold",
                    cause: "The specified tolerated failure threshold was exceeded", eventID: failure.eventID)
            }
            agreements += 1
            return .succeeded(nil)
        }
        if incomplete {
            if visit.status == .running || visit.status == .aborted { return .incomplete }
            return .succeeded(nil)
        }
        let known = results.compactMap { $0 }
        return .succeeded(known.count == results.count ? .array(known) : nil)
    }

    /// What an iteration receives: the item, or `ItemSelector` (legacy `Parameters`) applied with `$$.Map.Item`.
    private func itemInput(
        _ state: StateDefinition, _ map: MapState, item: JSONValue, index: Int, effective: JSONValue,
        input: JSONValue, visit: StateVisit, frame: Frame
    ) throws(StateFailure) -> JSONValue {
        var itemFrame = frame
        itemFrame.mapItem = (index, item)
        if state.queryLanguage == .jsonata {
            guard let selector = map.itemSelector else { return item }
            let bindings = self.bindings(input, state: state.name, visit: visit, frame: itemFrame)
            return try evaluateQuery(selector, field: "ItemSelector", bindings: bindings)
        }
        guard let selector = map.itemSelector ?? state.parameters else { return item }
        let environment = self.environment(effective, state: state.name, visit: visit, frame: itemFrame)
        return try resolve(selector, environment)
    }

    /// A distributed Map whose iterations ran as child executions: the children given are replayed against the
    /// `ItemProcessor`, and the Map Run's outcome (the oracle) is checked against theirs.
    private mutating func runMapRun(
        _ state: StateDefinition, _ map: MapState, visit: StateVisit, input: JSONValue, itemCount: Int?,
        limits: MapLimits, frame: inout Frame
    ) -> StateOutcome {
        guard let run = visit.mapRun else {
            if visit.status == .running || visit.status == .aborted { return .incomplete }
            if visit.status == .failed || visit.status == .caught, let error = visit.error {
                return handleFailure(
                    state, visit: visit, error: error, cause: visit.cause, rawInput: input,
                    frame: &frame)
            }
            diverge(
                .structure, eventID: visit.endEventID ?? visit.enteredEventID, location: frame.location,
                state: state.name, expected: "a Map Run (distributed Map)", recorded: "no MapRunStarted event")
            return .stopped
        }
        let given = children[run.startedEventID] ?? []
        if given.isEmpty {
            note(
                .mapRun, eventID: run.startedEventID, location: frame.location,
                "the iterations ran as child executions, none given; the Map Run's outcome is taken from the history")
        } else {
            replayChildren(given, of: state, map, run: run, itemCount: itemCount, limits: limits, frame: frame)
        }
        switch run.status {
        case .succeeded:
            return finishContainer(state, visit: visit, input: input, result: nil, frame: &frame)
        case .failed, .timedOut, .caught:
            return handleFailure(
                state, visit: visit, error: run.error ?? visit.error ?? "", cause: run.cause ?? visit.cause,
                rawInput: input, frame: &frame)
        case .running, .aborted:
            return .incomplete
        }
    }

    /// The end of a Map or Parallel state: `ResultSelector`, then the common output processing.
    func selectResult(_ state: StateDefinition, visit: StateVisit, result: JSONValue, frame: Frame)
        throws(StateFailure) -> JSONValue
    {
        guard state.queryLanguage == .jsonPath, let selector = state.resultSelector else { return result }
        return try resolve(selector, environment(result, state: state.name, visit: visit, frame: frame))
    }

    private mutating func finishContainer(
        _ state: StateDefinition, visit: StateVisit, input: JSONValue, result: JSONValue?, frame: inout Frame
    ) -> StateOutcome {
        guard let result else { return complete(state, visit: visit, rawInput: input, result: nil, frame: &frame) }
        let selected: JSONValue
        do throws(StateFailure) {
            selected = try selectResult(state, visit: visit, result: result, frame: frame)
        } catch {
            return handleFailure(
                state, visit: visit, error: error.error, cause: error.cause, rawInput: input,
                frame: &frame)
        }
        return complete(state, visit: visit, rawInput: input, result: selected, frame: &frame)
    }

    // MARK: - Parallel

    /// A Parallel: each recorded branch matched to the definition's branch by its first state, replayed as its own
    /// scope; retries of the whole state; the result array in definition order.
    mutating func runParallel(
        _ state: StateDefinition, _ parallel: ParallelState, visit: StateVisit, input: JSONValue, frame: inout Frame
    ) -> StateOutcome {
        let branchInput: JSONValue
        do throws(StateFailure) {
            if state.queryLanguage == .jsonata {
                let bindings = self.bindings(input, state: state.name, visit: visit, frame: frame)
                if let arguments = state.arguments {
                    branchInput = try evaluateQuery(arguments, field: "Arguments", bindings: bindings)
                } else {
                    branchInput = input
                }
            } else {
                let environment = self.environment(input, state: state.name, visit: visit, frame: frame)
                let effective = try select(state.inputPath, input, environment)
                if let parameters = state.parameters {
                    branchInput = try resolve(parameters, environment.with(input: effective))
                } else {
                    branchInput = effective
                }
            }
        } catch {
            return handleFailure(
                state, visit: visit, error: error.error, cause: error.cause, rawInput: input,
                frame: &frame)
        }
        if visit.eventIDs.contains(0) {
            note(
                .maskedParallel, eventID: visit.enteredEventID, location: frame.location,
                "the branch events are masked (no ids, reordered): branches, their data and the result are not "
                    + "compared")
            return followMasked(state, visit: visit, input: input, frame: &frame)
        }
        let segments = branchSegments(visit)
        let starts = Set(starts(of: visit, type: .parallelStateStarted) + segments.map(\.key)).filter { $0 > 0 }
            .sorted()
        let tryFrame = frame
        return runTries(state, noun: "Parallel", visit: visit, input: input, starts: starts, frame: &frame) {
            session, round in
            let branches = segments.filter { Self.round(of: $0.key, starts: starts, inclusive: true) == round }
            return session.runBranches(
                state, parallel, branches: branches, input: branchInput, visit: visit, frame: tryFrame)
        }
    }

    /// A recorded branch's visits in one try of the Parallel state.
    struct BranchSegment {
        /// The `ParallelStateStarted` the segment's first state follows (0 when not known).
        var key: Int64
        var visits: [StateVisit]
        var status: Status
    }

    /// The recorded branches cut where a state follows a `ParallelStateStarted`: reconstruction keeps a branch's
    /// states together across retries of the Parallel state, and each try is replayed on its own.
    func branchSegments(_ visit: StateVisit) -> [BranchSegment] {
        var segments: [BranchSegment] = []
        for branch in visit.branches {
            var current: [StateVisit] = []
            var key: Int64 = 0
            for inner in branch.visits {
                let previous = tree.event(inner.enteredEventID)?.previousEventID ?? 0
                let isStart = previous > 0 && tree.event(previous)?.type == .parallelStateStarted
                if isStart, !current.isEmpty {
                    segments.append(BranchSegment(key: key, visits: current, status: Self.segmentStatus(current)))
                    current = []
                }
                if current.isEmpty { key = isStart ? previous : 0 }
                current.append(inner)
            }
            if !current.isEmpty { segments.append(BranchSegment(key: key, visits: current, status: branch.status)) }
        }
        return segments
    }

    private static func segmentStatus(_ visits: [StateVisit]) -> Status {
        switch visits.last?.status {
        case .succeeded?: return .succeeded
        case .aborted?: return .aborted
        case .running?: return .running
        default: return .failed
        }
    }

    private mutating func runBranches(
        _ state: StateDefinition, _ parallel: ParallelState, branches: [BranchSegment], input: JSONValue,
        visit: StateVisit, frame: Frame
    ) -> RoundOutcome {
        var results: [JSONValue?] = Array(repeating: nil, count: parallel.branches.count)
        var used = Set<Int>()
        var failure: (error: String, cause: String?, eventID: Int64)?
        var incomplete = false
        var stopped = false
        for branch in branches {
            guard let first = branch.visits.first else { continue }
            guard
                let index = parallel.branches.indices.first(where: {
                    !used.contains($0) && parallel.branches[$0].startAt == first.name
                })
            else {
                diverge(
                    .structure, eventID: first.enteredEventID, location: frame.location,
                    state: state.name,
                    expected: "branches starting at "
                        + parallel.branches.map { "\"\($0.startAt)\"" }.joined(separator: ", "),
                    recorded: "a branch starting at \"\(first.name)\"")
                return .stopped
            }
            used.insert(index)
            var child = frame
            child.location = frame.location + [.branch(index + 1)]
            let end = ScopeEnd(
                status: branch.status, eventID: branch.visits.last?.endEventID, name: "branch \(index + 1)")
            switch runScope(parallel.branches[index], visits: branch.visits, input: input, frame: &child, end: end) {
            case .succeeded(let output):
                results[index] = output
            case .failed(let error, let cause):
                let eventID = branch.visits.last?.endEventID ?? first.enteredEventID
                if failure == nil || eventID < (failure?.eventID ?? Int64.max) { failure = (error, cause, eventID) }
            case .incomplete:
                incomplete = true
            case .stopped:
                stopped = true
            }
        }
        if stopped { return .stopped }
        if let failure { return .failed(error: failure.error, cause: failure.cause, eventID: failure.eventID) }
        if used.count < parallel.branches.count {
            if visit.status == .running || visit.status == .aborted { return .incomplete }
            if visit.run > 0 {
                // A redrive runs only the branches that did not succeed before; the others' results are kept.
                note(
                    .redrive, eventID: visit.enteredEventID, location: frame.location,
                    "the branches that succeeded before redrive \(visit.run) were not run again; the state's output "
                        + "is taken from the history")
                return .succeeded(nil)
            }
            let missing = parallel.branches.indices.filter { !used.contains($0) }
            diverge(
                .structure, eventID: visit.endEventID ?? visit.enteredEventID, location: frame.location,
                state: state.name,
                expected: "\(parallel.branches.count) branches",
                recorded: "no events of the branch\(missing.count == 1 ? "" : "es") starting at "
                    + missing.map { "\"\(parallel.branches[$0].startAt)\"" }.joined(separator: ", "))
            return .stopped
        }
        if incomplete { return visit.status == .running || visit.status == .aborted ? .incomplete : .succeeded(nil) }
        let known = results.compactMap { $0 }
        return .succeeded(known.count == results.count ? .array(known) : nil)
    }

    /// A Parallel state whose branch events are masked: its outcome is the history's.
    private mutating func followMasked(
        _ state: StateDefinition, visit: StateVisit, input: JSONValue, frame: inout Frame
    )
        -> StateOutcome
    {
        switch visit.status {
        case .succeeded:
            // The masked recording drops the closing Parallel event, so a caught failure looks like a success:
            // the state entered next tells.
            if let next = nextEnteredName(after: visit), next != state.transition?.nextState,
                let index = state.catchers.firstIndex(where: { $0.next == next })
            {
                recordedAssignments(visit, frame: &frame)
                note(
                    .maskedParallel, eventID: visit.exitedEventID, location: frame.location,
                    "the Parallel failed and Catch[\(index)] took the error; the error is masked")
                return .next(next, output: visit.output?.value, reason: .catcher(index: index, error: "(masked)"))
            }
            return complete(state, visit: visit, rawInput: input, result: nil, frame: &frame)
        case .failed, .timedOut, .caught:
            let error = visit.error ?? tree.runs.first?.error ?? ""
            return handleFailure(state, visit: visit, error: error, cause: visit.cause, rawInput: input, frame: &frame)
        case .running, .aborted:
            return .incomplete
        }
    }
}
