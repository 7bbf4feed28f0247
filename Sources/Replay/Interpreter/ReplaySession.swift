import ASLExpressions
import RetraceCore
import StepFunctions

/// The state of one replay: the tree, the evaluators, and what has been found so far.
///
/// The interpreter walks each scope (the execution, a Map iteration, a Parallel branch) of the definition and the
/// recorded visits of that scope side by side. Each step consumes one recorded visit, so a replay ends even when
/// the definition loops.
struct ReplaySession {
    let tree: ExecutionTree
    let options: ReplayOptions
    let template: PayloadTemplate
    let choices: ChoiceEvaluator
    var divergences: [Divergence] = []
    var notCompared: [NotCompared] = []
    var agreements = 0
    var statesReplayed = 0
    /// Visits recorded outside `tree`: in the child executions of a distributed Map given with it.
    var visitsRecordedElsewhere = 0
    var executionInput: JSONValue = .object(JSONObject())
    var executionContext: JSONValue = .object(JSONObject())

    /// The distributed Map child executions given, by their Map Run's `MapRunStarted` event.
    let children: [Int64: [MapRunChild]]

    init(tree: ExecutionTree, options: ReplayOptions, children: [MapRunChild] = []) {
        self.tree = tree
        self.options = options
        self.children = Dictionary(grouping: children, by: \.mapRunStartedEventID)
        template = PayloadTemplate(intrinsics: options.intrinsics)
        if let evaluator = options.queryEvaluator {
            choices = ChoiceEvaluator { expression, environment in
                let context = environment.context
                let bindings = QueryBindings(
                    input: environment.input, context: context, variables: environment.variables)
                let value = try evaluator.evaluate(.string(expression), field: "Condition", bindings: bindings)
                guard case .bool(let flag) = value else {
                    throw QueryEvaluationFailure(
                        message: "The Condition '\(expression)' returned \(value.serialized()), not a boolean")
                }
                return flag
            }
        } else {
            choices = ChoiceEvaluator()
        }
    }

    /// Where a scope ended in the history, which decides whether a missing visit is a divergence.
    struct ScopeEnd {
        var status: Status
        var eventID: Int64?
        /// For messages: "the execution", "iteration 3".
        var name: String
        /// The execution's `TimeoutSeconds` ended it: whatever was running was cut off, not finished.
        var cutByTimeout = false

        var isOpen: Bool { status == .running || status == .aborted || cutByTimeout }
    }

    /// Where the interpreter is: the path for messages, the variables in scope, the Map item.
    struct Frame {
        var location: [LocationStep]
        var variables: [String: JSONValue]
        var mapItem: (index: Int, value: JSONValue)?
    }

    /// How a scope ended in the replay.
    enum ScopeOutcome {
        case succeeded(JSONValue?)
        case failed(error: String, cause: String?)
        /// The history ends inside the scope (running, aborted): nothing more to compare.
        case incomplete
        /// A divergence made going on meaningless.
        case stopped
    }

    /// Why the interpreter moves to a state.
    enum TransitionReason {
        case next
        case choice(rule: Int)
        case choiceDefault
        case catcher(index: Int, error: String)
        /// Taken from the history (a JSONata state without an evaluator).
        case recorded
    }

    /// How a state ended in the replay.
    enum StateOutcome {
        case next(String, output: JSONValue?, reason: TransitionReason)
        case end(output: JSONValue?)
        case failed(error: String, cause: String?)
        case incomplete
        case stopped
    }

    // MARK: - The execution

    mutating func run(_ machine: StateMachineDefinition, input given: JSONValue?) {
        let started = tree.events.first { $0.type == .executionStarted }
        let recordedInput = started?.details.input?.value
        var input = given ?? recordedInput ?? .object(JSONObject())
        if let given, let started, let recordedInput {
            let agreed = compareValue(
                .stateInput, expected: given, recorded: recordedInput, eventID: started.id, location: [],
                state: nil, what: "execution input")
            if !agreed { input = given }
        }
        executionInput = input
        var variables: [String: JSONValue] = [:]
        for (number, run) in tree.runs.enumerated() {
            let redriven = number == 0 ? nil : tree.event(run.startEventID)
            executionContext = ContextObject.execution(
                tree: tree, started: started, input: input, redriveCount: number, redriveTime: redriven?.timestamp)
            let end = ScopeEnd(
                status: Self.status(of: run.outcome), eventID: run.terminalEventID,
                name: number == 0 ? "the execution" : "redrive \(number)", cutByTimeout: run.outcome == .timedOut)
            let visits = tree.visits.filter { $0.run == number }
            var frame = Frame(location: [], variables: variables, mapItem: nil)
            var startAt = machine.startAt
            var runInput: JSONValue? = input
            if number > 0 {
                // A redrive goes on from the unsuccessful state of the run before, with that state's input; the
                // successful states are not run again.
                guard let previous = tree.visits.last(where: { $0.run == number - 1 }) else {
                    note(
                        .redrive, eventID: run.startEventID, location: [],
                        "redrive \(number): the run before entered no state, so where it goes on is not known")
                    continue
                }
                startAt = previous.name
                runInput = previous.input?.value
            }
            let outcome = runScope(
                machine, startAt: startAt, visits: visits, input: runInput, frame: &frame, end: end)
            variables = frame.variables
            compareExecutionEnd(outcome, run: run, number: number, machine: machine)
        }
    }

    static func status(of outcome: RunOutcome?) -> Status {
        switch outcome {
        case .succeeded?: return .succeeded
        case .failed?: return .failed
        case .timedOut?: return .timedOut
        case .aborted?: return .aborted
        default: return .running
        }
    }

    private mutating func compareExecutionEnd(
        _ outcome: ScopeOutcome, run: ExecutionRun, number: Int, machine: StateMachineDefinition
    ) {
        guard let terminalID = run.terminalEventID, let terminal = tree.event(terminalID) else { return }
        checkExecutionTimeout(machine, run: run, terminal: terminal)
        if terminal.type == .executionTimedOut { return }
        switch outcome {
        case .succeeded(let output):
            guard terminal.type == .executionSucceeded else {
                diverge(
                    .executionResult, eventID: terminalID, location: [], state: nil,
                    expected: "the execution succeeds",
                    recorded: "\(terminal.type) \(Self.errorText(run.error, run.cause))")
                return
            }
            if let output {
                compare(
                    .executionResult, expected: output, recorded: terminal.details.output, eventID: terminalID,
                    location: [], state: nil, what: "execution output")
            }
        case .failed(let error, let cause):
            guard terminal.type == .executionFailed else {
                diverge(
                    .executionResult, eventID: terminalID, location: [], state: nil,
                    expected: "the execution fails with \(Self.errorText(error, cause))", recorded: "\(terminal.type)")
                return
            }
            compareError(error, cause, recorded: terminal, location: [], state: nil)
        case .incomplete, .stopped:
            return
        }
    }

    /// Compares an error name exactly and its cause where Retrace's wording can be expected to match.
    mutating func compareError(
        _ error: String, _ cause: String?, recorded: HistoryEvent, location: [LocationStep],
        state: String?
    ) {
        let recordedError = recorded.details.error ?? ""
        if UnknownValue.contains(error) {
            note(
                .notRecorded, eventID: recorded.id, location: location,
                "the error name: \(UnknownValue.names(in: error).joined()) is not known")
            return
        }
        if recordedError != error {
            if PlaceholderPattern.match(expected: error, recorded: recordedError) != nil {
                note(.placeholder, eventID: recorded.id, location: location, "error name '\(recordedError)'")
            } else {
                diverge(
                    .executionResult, eventID: recorded.id, location: location, state: state,
                    expected: "error \"\(error)\"", recorded: "error \"\(recordedError)\"")
                return
            }
        } else {
            agreements += 1
        }
        guard let cause else { return }
        let recordedCause = recorded.details.cause ?? ""
        if recordedCause == cause || recordedCause.hasSuffix(cause) {
            agreements += 1
        } else if PlaceholderPattern.match(expected: cause, recorded: recordedCause) != nil {
            note(.placeholder, eventID: recorded.id, location: location, "cause of \(error)")
        } else {
            note(
                .causeWording, eventID: recorded.id, location: location,
                "cause of \(error): Retrace words it \"\(Self.clip(cause))\", the history \"\(Self.clip(recordedCause))\""
            )
        }
    }

    static func errorText(_ error: String?, _ cause: String?) -> String {
        var text = "error \"\(error ?? "")\""
        if let cause, !cause.isEmpty { text += " (cause \"\(clip(cause))\")" }
        return text
    }

    static func clip(_ text: String, limit: Int = 160) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    // MARK: - Scopes

    /// Replays one scope: from `StartAt` through the recorded visits, one visit per step.
    mutating func runScope(
        _ machine: StateMachineDefinition, startAt: String? = nil, visits: [StateVisit], input start: JSONValue?,
        frame: inout Frame, end: ScopeEnd
    ) -> ScopeOutcome {
        var name = startAt ?? machine.startAt
        var input: JSONValue? = start
        var index = 0
        var reason = TransitionReason.next
        var previous: (state: String, eventID: Int64)?
        while true {
            guard index < visits.count else {
                if end.isOpen {
                    note(
                        .historyEnds, eventID: end.eventID ?? previous?.eventID, location: frame.location,
                        "the history ends before \"\(name)\" (\(end.name) \(end.status.rawValue))")
                    return .incomplete
                }
                diverge(
                    Self.kind(for: reason), eventID: end.eventID ?? previous?.eventID ?? 0, location: frame.location,
                    state: previous?.state,
                    expected: "entering \"\(name)\"\(Self.describe(reason))",
                    recorded: "\(end.name) ended (\(end.status.rawValue)) without entering it")
                return .stopped
            }
            let visit = visits[index]
            if visit.name != name {
                diverge(
                    Self.kind(for: reason), eventID: visit.enteredEventID, location: frame.location,
                    state: previous?.state,
                    expected: "entering \"\(name)\"\(Self.describe(reason))", recorded: "entering \"\(visit.name)\"")
                // From here the history's path is followed, with its recorded input, so that every later
                // divergence is found too.
                name = visit.name
                input = nil
            }
            guard let state = machine[name], visit.type == state.type else {
                let known = machine[name]
                diverge(
                    .unknownState, eventID: visit.enteredEventID, location: frame.location, state: name,
                    expected: known.map { "a \($0.type.rawValue) state" } ?? "no state \"\(name)\" in this scope",
                    recorded: "a \(visit.type.rawValue) state")
                // A visit the definition cannot interpret is passed over; the next recorded one is followed.
                guard let next = follow(visits, after: &index, input: &input, reason: &reason) else { return .stopped }
                previous = (visit.name, visit.endEventID ?? visit.enteredEventID)
                name = next
                continue
            }
            statesReplayed += 1
            var stateFrame = frame
            stateFrame.location = frame.location + [.state(name)]
            let stateInput = checkedInput(input, visit: visit, frame: stateFrame)
            let outcome = runState(state, visit: visit, input: stateInput, frame: &stateFrame)
            frame.variables = stateFrame.variables
            previous = (name, visit.endEventID ?? visit.enteredEventID)
            switch outcome {
            case .next(let next, let output, let why):
                name = next
                input = output
                reason = why
                index += 1
            case .end(let output):
                if index + 1 < visits.count {
                    let extra = visits[index + 1]
                    diverge(
                        .nextState, eventID: extra.enteredEventID, location: frame.location, state: state.name,
                        expected: "\(end.name) ends after \"\(state.name)\"", recorded: "entering \"\(extra.name)\"")
                    guard let next = follow(visits, after: &index, input: &input, reason: &reason) else {
                        return .stopped
                    }
                    name = next
                    continue
                }
                if end.status == .failed || end.status == .timedOut {
                    diverge(
                        .outcome, eventID: end.eventID ?? visit.enteredEventID, location: frame.location,
                        state: state.name, expected: "\(end.name) succeeds after \"\(state.name)\"",
                        recorded: "\(end.name) \(end.status.rawValue)")
                    return .stopped
                }
                return .succeeded(output)
            case .failed(let error, let cause):
                if index + 1 < visits.count {
                    let extra = visits[index + 1]
                    diverge(
                        .catchDecision, eventID: extra.enteredEventID, location: frame.location, state: state.name,
                        expected: "\"\(state.name)\" fails \(end.name) with \(Self.errorText(error, cause))",
                        recorded: "entering \"\(extra.name)\"")
                    guard let next = follow(visits, after: &index, input: &input, reason: &reason) else {
                        return .stopped
                    }
                    name = next
                    continue
                }
                if end.status == .succeeded {
                    diverge(
                        .outcome, eventID: end.eventID ?? visit.enteredEventID, location: frame.location,
                        state: state.name,
                        expected: "\"\(state.name)\" fails \(end.name) with \(Self.errorText(error, cause))",
                        recorded: "\(end.name) succeeded")
                    return .stopped
                }
                return .failed(error: error, cause: cause)
            case .incomplete:
                return .incomplete
            case .stopped:
                // The state diverged in a way that leaves its outcome unknown: go on along the history's path.
                guard let next = follow(visits, after: &index, input: &input, reason: &reason) else { return .stopped }
                name = next
            }
        }
    }

    /// Moves past the visit at `index` onto the next recorded one, whose recorded input is used: the name of the
    /// state to go on with, or `nil` when the scope's visits are used up (nothing more to compare).
    private func follow(
        _ visits: [StateVisit], after index: inout Int, input: inout JSONValue?, reason: inout TransitionReason
    ) -> String? {
        index += 1
        guard index < visits.count else { return nil }
        input = nil
        reason = .recorded
        return visits[index].name
    }

    static func kind(for reason: TransitionReason) -> DivergenceKind {
        switch reason {
        case .choice, .choiceDefault: return .choiceDecision
        case .catcher: return .catchDecision
        case .next, .recorded: return .nextState
        }
    }

    static func describe(_ reason: TransitionReason) -> String {
        switch reason {
        case .next, .recorded: return ""
        case .choice(let rule): return " (Choices[\(rule)] holds)"
        case .choiceDefault: return " (no rule holds: Default)"
        case .catcher(let index, let error): return " (Catch[\(index)] handles \"\(error)\")"
        }
    }

    /// Compares the computed input with the recorded one and returns the input to go on with: the computed one
    /// when they agree (it holds no masked placeholders), the recorded one when they differ (so one divergence
    /// does not cascade).
    private mutating func checkedInput(_ input: JSONValue?, visit: StateVisit, frame: Frame) -> JSONValue? {
        guard let recorded = visit.input?.value else { return input }
        guard let input else { return recorded }
        let agreed = compareValue(
            .stateInput, expected: input, recorded: recorded, eventID: visit.enteredEventID,
            location: frame.location, state: visit.name, what: "input")
        return agreed ? input : recorded
    }

    // MARK: - States

    private mutating func runState(_ state: StateDefinition, visit: StateVisit, input: JSONValue?, frame: inout Frame)
        -> StateOutcome
    {
        if state.queryLanguage == .jsonata, options.queryEvaluator == nil {
            return followRecorded(state, visit: visit, input: input, frame: &frame)
        }
        guard let input else {
            note(
                .notRecorded, eventID: visit.enteredEventID, location: frame.location, "the state's input is not known")
            return followRecorded(state, visit: visit, input: nil, frame: &frame)
        }
        switch state.kind {
        case .pass(let pass): return runPass(state, pass, visit: visit, input: input, frame: &frame)
        case .choice(let choice): return runChoice(state, choice, visit: visit, input: input, frame: &frame)
        case .wait(let wait): return runWait(state, wait, visit: visit, input: input, frame: &frame)
        case .succeed: return runSucceed(state, visit: visit, input: input, frame: &frame)
        case .fail(let fail): return runFail(state, fail, visit: visit, input: input, frame: &frame)
        case .task(let task): return runTask(state, task, visit: visit, input: input, frame: &frame)
        case .map(let map): return runMap(state, map, visit: visit, input: input, frame: &frame)
        case .parallel(let parallel): return runParallel(state, parallel, visit: visit, input: input, frame: &frame)
        }
    }

    // MARK: - Findings

    mutating func diverge(
        _ kind: DivergenceKind, eventID: Int64, location: [LocationStep], state: String?, expected: String,
        recorded: String
    ) {
        divergences.append(
            Divergence(
                eventID: eventID, location: location, state: state, kind: kind, expected: expected, recorded: recorded))
    }

    mutating func note(_ category: NotComparedCategory, eventID: Int64?, location: [LocationStep], _ detail: String) {
        notCompared.append(NotCompared(category: category, eventID: eventID, location: location, detail: detail))
    }

    func finish() -> ReplayReport {
        let order: (Int64?) -> Int64 = { $0 ?? Int64.max }
        let divergences = self.divergences.enumerated().sorted {
            ($0.element.eventID, $0.offset) < ($1.element.eventID, $1.offset)
        }.map(\.element)
        let notCompared = self.notCompared.enumerated().sorted {
            (order($0.element.eventID), $0.offset) < (order($1.element.eventID), $1.offset)
        }.map(\.element)
        return ReplayReport(
            divergences: divergences, notCompared: notCompared, agreements: agreements, statesReplayed: statesReplayed,
            visitsRecorded: tree.placedVisits.count + visitsRecordedElsewhere)
    }
}
