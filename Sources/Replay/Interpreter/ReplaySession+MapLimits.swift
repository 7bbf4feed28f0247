import ASLExpressions
import RetraceCore
import StepFunctions

/// A Map state's limits, evaluated for one visit: how many iterations may run at once and how many may fail.
struct MapLimits {
    /// `MaxConcurrency`; `nil` or 0 means no limit.
    var maxConcurrency: Int64?
    /// `ToleratedFailureCount`.
    var toleratedCount: Int64?
    /// `ToleratedFailurePercentage` (0–100).
    var toleratedPercentage: Double?

    /// Whether the definition tolerates any failed iteration at all.
    var toleratesFailures: Bool { toleratedCount != nil || toleratedPercentage != nil }

    /// Whether `failed` failures of `total` iterations stay within the thresholds: a Map Run fails once either
    /// threshold is exceeded.
    func tolerates(failed: Int, of total: Int) -> Bool {
        if let toleratedCount, Int64(failed) > toleratedCount { return false }
        if let toleratedPercentage, total > 0, Double(failed) * 100 / Double(total) > toleratedPercentage {
            return false
        }
        return toleratesFailures
    }
}

extension ReplaySession {
    /// Evaluates the Map's limits for this visit (literals, `…Path` fields, JSONata expressions). A `…Path` that
    /// finds no integer fails the state with `States.Runtime`, worded as AWS words it; a JSONata limit that
    /// cannot be evaluated is left out and said.
    mutating func mapLimits(
        _ state: StateDefinition, _ map: MapState, environment: ExpressionEnvironment, bindings: QueryBindings,
        visit: StateVisit, frame: Frame
    ) throws(StateFailure) -> MapLimits {
        let fields: [(String, FieldSource<JSONValue>?, integral: Bool)] = [
            ("MaxConcurrency", map.maxConcurrency?.map { JSONValue.integer($0) }, true),
            ("ToleratedFailureCount", map.toleratedFailureCount?.map { JSONValue.integer($0) }, true),
            ("ToleratedFailurePercentage", map.toleratedFailurePercentage?.map { JSONValue.number($0) }, false),
        ]
        var values: [Double?] = []
        for (field, source, integral) in fields {
            guard let source else {
                values.append(nil)
                continue
            }
            var value: JSONValue?
            do throws(StateFailure) {
                value = try fieldValue(source, field: field, environment, bindings)
            } catch {
                if case .path = source { throw error }
            }
            let number: Double?
            switch value {
            case .integer(let whole)?: number = Double(whole)
            case .number(let real)? where !integral || real == real.rounded(): number = real
            default: number = nil
            }
            if number == nil, case .path(let path) = source, let value {
                throw StateFailure(
                    error: "States.Runtime",
                    cause: "The \(field)Path field refers to value \"\(value.serialized())\" which is not a valid "
                        + "\(integral ? "integer" : "number"): \(path)")
            }
            if number == nil {
                note(
                    .notRecorded, eventID: visit.enteredEventID, location: frame.location,
                    "\(field) could not be evaluated; the Map is not checked against it")
            }
            values.append(number)
        }
        return MapLimits(
            maxConcurrency: values[0].map { Int64($0) }, toleratedCount: values[1].map { Int64($0) },
            toleratedPercentage: values[2])
    }

    /// Checks that no more iterations ran at once than `MaxConcurrency` allows, by the order of their events:
    /// an iteration runs from its start event to its end event.
    mutating func checkConcurrency(
        _ limits: MapLimits, iterations: [MapIteration], state: StateDefinition, frame: Frame
    ) {
        let spans = iterations.map { (start: $0.startedEventID, end: $0.endEventID, eventID: $0.startedEventID) }
        checkConcurrency(limits, spans: spans, noun: "iteration", state: state, frame: frame)
    }

    /// Checks the child executions of a Map Run against `MaxConcurrency`, by their recorded start and end
    /// times (in milliseconds); children whose times are masked are left out.
    mutating func checkConcurrency(
        _ limits: MapLimits, children: [MapRunChild], run: MapRun, state: StateDefinition, frame: Frame
    ) {
        let spans = children.compactMap { child -> (start: Int64, end: Int64?, eventID: Int64)? in
            guard let start = child.tree.start else { return nil }
            return (start.millisecondsSinceEpoch, child.tree.end?.millisecondsSinceEpoch, run.startedEventID)
        }
        checkConcurrency(limits, spans: spans, noun: "child execution", state: state, frame: frame)
    }

    /// The sweep both checks share: `spans` run from `start` to `end` (open when `nil`), an end before a start
    /// at the same moment.
    private mutating func checkConcurrency(
        _ limits: MapLimits, spans: [(start: Int64, end: Int64?, eventID: Int64)], noun: String,
        state: StateDefinition, frame: Frame
    ) {
        guard let limit = limits.maxConcurrency, limit > 0, !spans.isEmpty else { return }
        var changes: [(at: Int64, delta: Int, eventID: Int64)] = []
        for span in spans {
            changes.append((span.start, 1, span.eventID))
            if let end = span.end { changes.append((end, -1, span.eventID)) }
        }
        changes.sort { ($0.at, $0.delta) < ($1.at, $1.delta) }
        var running = 0
        for change in changes {
            running += change.delta
            if running > limit {
                diverge(
                    .mapLimits, eventID: change.eventID, location: frame.location, state: state.name,
                    expected: "at most \(Noun(noun).counted(Int(limit))) at once (MaxConcurrency)",
                    recorded: "\(Noun(noun).counted(running)) running")
                return
            }
        }
        agreements += 1
    }
}

extension ReplaySession {
    /// Replays each child execution of a Map Run against the Map's `ItemProcessor` (their findings are placed
    /// under `Map › execution NAME`, with the child's own event ids), then checks the Map Run's recorded outcome
    /// against the children's failures and the Map's tolerated failure threshold.
    mutating func replayChildren(
        _ given: [MapRunChild], of state: StateDefinition, _ map: MapState, run: MapRun, itemCount: Int?,
        limits: MapLimits, frame: Frame
    ) {
        var failed = 0
        for child in given {
            var session = ReplaySession(tree: child.tree, options: options, children: child.children)
            session.run(map.processor.definition, input: nil)
            let place = frame.location + [.execution(child.name)]
            for var divergence in session.divergences {
                divergence.location = place + divergence.location
                divergences.append(divergence)
            }
            for var entry in session.notCompared {
                entry.location = place + entry.location
                notCompared.append(entry)
            }
            agreements += session.agreements
            statesReplayed += session.statesReplayed
            visitsRecordedElsewhere += child.tree.placedVisits.count + session.visitsRecordedElsewhere
            if [.failed, .timedOut, .aborted].contains(child.tree.outcome) { failed += 1 }
        }
        checkConcurrency(limits, children: given, run: run, state: state, frame: frame)
        let total = itemCount ?? given.count
        if given.count < total {
            note(
                .mapRun, eventID: run.startedEventID, location: frame.location,
                "\(given.count) of the \(total) child executions were given; the others were not replayed")
        }
        let exceeded = failed > 0 && !limits.tolerates(failed: failed, of: total)
        let counted = "\(failed) of \(Noun("child execution").counted(total)) failed"
        let endEventID = run.endEventID ?? run.startedEventID
        switch run.status {
        case .succeeded where exceeded:
            diverge(
                .mapLimits, eventID: endEventID, location: frame.location, state: state.name,
                expected: "the Map Run fails (\(counted), more than tolerated)", recorded: "the Map Run succeeded")
        case .failed where run.error == "States.ExceedToleratedFailureThreshold" && !exceeded && given.count >= total:
            diverge(
                .mapLimits, eventID: endEventID, location: frame.location, state: state.name,
                expected: "the Map Run succeeds (\(counted), within the tolerated failures)",
                recorded: "the Map Run failed with States.ExceedToleratedFailureThreshold")
        default:
            agreements += 1
        }
    }
}
