import ASLExpressions
import RetraceCore
import StepFunctions

extension ReplaySession {
    // MARK: - Ending a state

    /// Finishes a state that produced `result`: `ResultPath`, `OutputPath` and `Assign` (JSONPath) or `Output`
    /// and `Assign` (JSONata), then compares the output and variables with the exit event and moves on.
    /// `result` `nil` means the result is not known (a Map Run, masked branches): the recorded output is taken.
    mutating func complete(
        _ state: StateDefinition, visit: StateVisit, rawInput: JSONValue, result: JSONValue?, retryCount: Int = 0,
        frame: inout Frame
    ) -> StateOutcome {
        guard let result else {
            recordedAssignments(visit, frame: &frame)
            return transition(state, visit: visit, output: visit.output?.value, frame: frame)
        }
        let output: JSONValue
        let assigned: [String: JSONValue]
        do throws(StateFailure) {
            if state.queryLanguage == .jsonata {
                let bindings = self.bindings(
                    rawInput, result: result, state: state.name, visit: visit, retryCount: retryCount, frame: frame)
                let fallback = state.type == .task || state.type == .map || state.type == .parallel ? result : rawInput
                if let template = state.output {
                    output = try evaluateQuery(template, field: "Output", bindings: bindings)
                } else {
                    output = fallback
                }
                assigned = try assignJSONata(state.assign, bindings, frame: &frame)
            } else {
                let environment = self.environment(
                    result, state: state.name, visit: visit, retryCount: retryCount, frame: frame)
                let merged = try applyResultPath(state.resultPath, result: result, input: rawInput)
                output = try select(state.outputPath, merged, environment.with(input: merged))
                assigned = try assignJSONPath(state.assign, environment, frame: &frame)
            }
        } catch {
            return handleFailure(
                state, visit: visit, error: error.error, cause: error.cause, rawInput: rawInput,
                frame: &frame)
        }
        var passedOn = output
        if visit.status == .succeeded || visit.status == .caught {
            let agreed = compare(
                .stateOutput, expected: output, recorded: visit.output,
                eventID: visit.exitedEventID ?? visit.enteredEventID,
                location: frame.location, state: state.name, what: "output")
            // Go on with what was recorded, so that one divergence is reported once, not in every later state.
            if !agreed, let recorded = visit.output?.value { passedOn = recorded }
            compareAssigned(assigned, visit: visit, frame: frame)
        }
        return transition(state, visit: visit, output: passedOn, frame: frame)
    }

    /// The state succeeded in the replay: checks the history agrees and moves to `Next` (or ends the scope).
    mutating func transition(_ state: StateDefinition, visit: StateVisit, output: JSONValue?, frame: Frame)
        -> StateOutcome
    {
        switch visit.status {
        case .running, .aborted:
            note(
                .historyEnds, eventID: visit.endEventID ?? visit.enteredEventID, location: frame.location,
                "\"\(state.name)\" did not finish (\(visit.status.rawValue))")
            return .incomplete
        case .failed, .timedOut, .caught:
            diverge(
                .outcome, eventID: visit.failureEventID ?? visit.endEventID ?? visit.enteredEventID,
                location: frame.location, state: state.name, expected: "\"\(state.name)\" succeeds",
                recorded: "it failed with \(Self.errorText(visit.error, visit.cause))"
                    + (visit.status == .caught ? ", caught" : ""))
            return .stopped
        case .succeeded:
            break
        }
        if let next = state.transition?.nextState { return .next(next, output: output, reason: .next) }
        return .end(output: output)
    }

    /// The state raised `error`: `Catch` decides where it goes, else the scope fails.
    mutating func handleFailure(
        _ state: StateDefinition, visit: StateVisit, error: String, cause: String?, rawInput: JSONValue,
        frame: inout Frame
    ) -> StateOutcome {
        let failureEvent = visit.failureEventID ?? visit.endEventID ?? visit.enteredEventID
        if UnknownValue.contains(error) {
            // The error comes from something not evaluated (a JSONata Fail state): the history's error, if any.
            guard let recorded = recordedError(visit) else {
                note(
                    .notRecorded, eventID: failureEvent, location: frame.location,
                    "the error of \"\(state.name)\" is not known, so its Catch decision was not checked")
                return visit.status == .caught || visit.status == .succeeded
                    ? .stopped : .failed(error: error, cause: cause)
            }
            return handleFailure(
                state, visit: visit, error: recorded, cause: visit.cause, rawInput: rawInput,
                frame: &frame)
        }
        if visit.status == .running || visit.status == .aborted {
            note(
                .historyEnds, eventID: visit.endEventID ?? visit.enteredEventID, location: frame.location,
                "\"\(state.name)\" did not finish (\(visit.status.rawValue)); the definition implies it fails with "
                    + Self.errorText(error, cause))
            return .incomplete
        }
        guard let index = ErrorMatching.catcher(for: error, in: state.catchers) else {
            if visit.status == .caught || visit.status == .succeeded {
                let why =
                    ErrorMatching.uncatchable.contains(error)
                    ? "which no Catch can handle" : "which no catcher handles"
                diverge(
                    visit.status == .caught ? .catchDecision : .outcome, eventID: failureEvent,
                    location: frame.location, state: state.name,
                    expected: "\"\(state.name)\" fails with \(Self.errorText(error, cause)), \(why)",
                    recorded: visit.status == .caught
                        ? "the failure \(Self.errorText(visit.error, nil)) was caught" : "it succeeded")
                return .stopped
            }
            return .failed(error: error, cause: cause)
        }
        let catcher = state.catchers[index]
        if visit.status != .caught {
            diverge(
                .catchDecision, eventID: failureEvent, location: frame.location, state: state.name,
                expected: "Catch[\(index)] handles \(Self.errorText(error, cause)) and goes to \"\(catcher.next)\"",
                recorded: visit.status == .succeeded
                    ? "it succeeded" : "the failure \(Self.errorText(visit.error, nil)) left the state")
            return .stopped
        }
        var errorObject = JSONObject()
        // A failure recorded without error and cause (SendTaskFailure with neither) gives null members.
        let unnamed = error.isEmpty && cause == nil
        errorObject["Error"] = unnamed ? .null : .string(error)
        errorObject["Cause"] = cause.map(JSONValue.string) ?? (unnamed ? .null : .string(""))
        let errorOutput = JSONValue.object(errorObject)
        let output: JSONValue
        let assigned: [String: JSONValue]
        do throws(StateFailure) {
            if state.queryLanguage == .jsonata {
                let bindings = self.bindings(
                    rawInput, errorOutput: errorOutput, state: state.name, visit: visit, frame: frame)
                if let template = catcher.output {
                    output = try evaluateQuery(template, field: "Output", bindings: bindings)
                } else {
                    output = errorOutput
                }
                assigned = try assignJSONata(catcher.assign, bindings, frame: &frame)
            } else {
                output = try applyResultPath(catcher.resultPath, result: errorOutput, input: rawInput)
                let environment = self.environment(errorOutput, state: state.name, visit: visit, frame: frame)
                assigned = try assignJSONPath(catcher.assign, environment, frame: &frame)
            }
        } catch {
            return .failed(error: error.error, cause: error.cause)
        }
        compareCaughtOutput(output, visit: visit, frame: frame)
        compareAssigned(assigned, visit: visit, frame: frame)
        return .next(catcher.next, output: output, reason: .catcher(index: index, error: error))
    }

    /// The caught output holds the error's cause, which the history may word differently (or omit) where Retrace
    /// computed it: the `Cause` member is then not compared.
    private mutating func compareCaughtOutput(_ output: JSONValue, visit: StateVisit, frame: Frame) {
        guard let recorded = visit.output?.value else { return }
        let eventID = visit.exitedEventID ?? visit.enteredEventID
        if case .different = ValueComparison.compare(expected: output, recorded: recorded),
            let expectedWithout = Self.removingCause(output), let recordedWithout = Self.removingCause(recorded)
        {
            switch ValueComparison.compare(expected: expectedWithout, recorded: recordedWithout) {
            case .different: break
            case .equal, .partial:
                agreements += 1
                note(.causeWording, eventID: eventID, location: frame.location, "the Cause in the caught output")
                return
            }
        }
        compareValue(
            .stateOutput, expected: output, recorded: recorded, eventID: eventID, location: frame.location,
            state: visit.name, what: "output")
    }

    /// The value with every `Cause` member removed (at any depth up to a few levels), or `nil` when it has none.
    private static func removingCause(_ value: JSONValue, depth: Int = 0) -> JSONValue? {
        guard depth < 8 else { return nil }
        switch value {
        case .object(let object):
            var found = false
            var output = JSONObject()
            for (key, member) in object {
                if key == "Cause" {
                    found = true
                    continue
                }
                if let inner = removingCause(member, depth: depth + 1) {
                    found = true
                    output[key] = inner
                } else {
                    output[key] = member
                }
            }
            return found ? .object(output) : nil
        default:
            return nil
        }
    }

    // MARK: - States without work

    mutating func runPass(
        _ state: StateDefinition, _ pass: PassState, visit: StateVisit, input: JSONValue, frame: inout Frame
    ) -> StateOutcome {
        let result: JSONValue
        do throws(StateFailure) {
            if state.queryLanguage == .jsonata {
                return complete(state, visit: visit, rawInput: input, result: input, frame: &frame)
            }
            let environment = self.environment(input, state: state.name, visit: visit, frame: frame)
            let effective = try select(state.inputPath, input, environment)
            if let fixed = pass.result {
                result = fixed
            } else if let parameters = state.parameters {
                result = try resolve(parameters, environment.with(input: effective))
            } else {
                result = effective
            }
        } catch {
            return handleFailure(
                state, visit: visit, error: error.error, cause: error.cause, rawInput: input,
                frame: &frame)
        }
        return complete(state, visit: visit, rawInput: input, result: result, frame: &frame)
    }

    mutating func runSucceed(_ state: StateDefinition, visit: StateVisit, input: JSONValue, frame: inout Frame)
        -> StateOutcome
    {
        passThrough(state, visit: visit, input: input, frame: &frame)
    }

    /// Wait, Succeed: the output is the (selected) input.
    private mutating func passThrough(
        _ state: StateDefinition, visit: StateVisit, input: JSONValue, frame: inout Frame
    ) -> StateOutcome {
        if state.queryLanguage == .jsonata {
            return complete(state, visit: visit, rawInput: input, result: input, frame: &frame)
        }
        let effective: JSONValue
        do throws(StateFailure) {
            let environment = self.environment(input, state: state.name, visit: visit, frame: frame)
            effective = try select(state.inputPath, input, environment)
        } catch {
            return .failed(error: error.error, cause: error.cause)
        }
        return complete(state, visit: visit, rawInput: effective, result: effective, frame: &frame)
    }

    mutating func runChoice(
        _ state: StateDefinition, _ choice: ChoiceState, visit: StateVisit, input: JSONValue, frame: inout Frame
    ) -> StateOutcome {
        let environment = self.environment(input, state: state.name, visit: visit, frame: frame)
        let effective: JSONValue
        let decision: ChoiceOutcome
        do throws(StateFailure) {
            effective = state.queryLanguage == .jsonata ? input : try select(state.inputPath, input, environment)
            do {
                decision = try choices.choose(choice, in: environment.with(input: effective))
            } catch {
                throw StateFailure(error: error.statesError, cause: error.description)
            }
        } catch {
            return handleFailure(
                state, visit: visit, error: error.error, cause: error.cause, rawInput: input,
                frame: &frame)
        }
        let next: String
        let reason: TransitionReason
        var rule: ChoiceRule?
        switch decision {
        case .rule(let index, let target):
            next = target
            reason = .choice(rule: index)
            rule = choice.choices.indices.contains(index) ? choice.choices[index] : nil
        case .defaultState(let target):
            next = target
            reason = .choiceDefault
        case .noMatch:
            return handleFailure(
                state, visit: visit, error: ChoiceOutcome.noMatchError,
                cause: "An error occurred while executing the state '\(state.name)'", rawInput: input, frame: &frame)
        }
        let output: JSONValue
        var assigned: [String: JSONValue] = [:]
        do throws(StateFailure) {
            if state.queryLanguage == .jsonata {
                let bindings = self.bindings(input, state: state.name, visit: visit, frame: frame)
                if let template = rule?.output ?? state.output {
                    output = try evaluateQuery(template, field: "Output", bindings: bindings)
                } else {
                    output = input
                }
                var scratch = frame
                assigned = try assignJSONata(state.assign, bindings, frame: &scratch)
                for (name, value) in try assignJSONata(rule?.assign, bindings, frame: &scratch) {
                    assigned[name] = value
                }
            } else {
                output = try select(state.outputPath, effective, environment.with(input: effective))
                var scratch = frame
                assigned = try assignJSONPath(state.assign, environment.with(input: effective), frame: &scratch)
                for (name, value) in try assignJSONPath(
                    rule?.assign, environment.with(input: effective), frame: &scratch)
                {
                    assigned[name] = value
                }
            }
        } catch {
            return .failed(error: error.error, cause: error.cause)
        }
        for (name, value) in assigned { frame.variables[name] = value }
        guard visit.status == .succeeded else {
            return transition(state, visit: visit, output: output, frame: frame)
        }
        let agreed = compare(
            .stateOutput, expected: output, recorded: visit.output,
            eventID: visit.exitedEventID ?? visit.enteredEventID,
            location: frame.location, state: state.name, what: "output")
        compareAssigned(assigned, visit: visit, frame: frame)
        let passedOn = agreed ? output : visit.output?.value ?? output
        return .next(next, output: passedOn, reason: reason)
    }

    mutating func runWait(
        _ state: StateDefinition, _ wait: WaitState, visit: StateVisit, input: JSONValue, frame: inout Frame
    ) -> StateOutcome {
        let environment = self.environment(input, state: state.name, visit: visit, frame: frame)
        do throws(StateFailure) {
            let effective = state.queryLanguage == .jsonata ? input : try select(state.inputPath, input, environment)
            let bindings = self.bindings(input, state: state.name, visit: visit, frame: frame)
            switch wait.duration {
            case .seconds(let source):
                let value = try fieldValue(
                    source.map(JSONValue.integer), field: "Seconds", environment.with(input: effective), bindings)
                guard let seconds = Self.nonNegativeInteger(value) else {
                    throw StateFailure(
                        error: "States.Runtime",
                        cause:
                            "The Wait state's Seconds must be a non-negative integer, but it is \(value.serialized())")
                }
                checkWaitTiming(visit: visit, atLeast: seconds * 1000, frame: frame)
            case .timestamp(let source):
                let value = try fieldValue(
                    source.map(JSONValue.string), field: "Timestamp", environment.with(input: effective), bindings)
                guard case .string(let text) = value, UnknownValue.contains(text) || ASLTimestamp(text) != nil else {
                    // AWS records a bad JSONata timestamp as an evaluation error, a bad TimestampPath as a runtime one.
                    if state.queryLanguage == .jsonata {
                        throw StateFailure(
                            error: "States.QueryEvaluationError",
                            cause: "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time "
                                + "format string: \(value.stringValue ?? value.serialized())")
                    }
                    throw StateFailure(
                        error: "States.Runtime",
                        cause:
                            "The Wait state's Timestamp must be an RFC 3339 timestamp, but it is \(value.serialized())")
                }
                if case .string(let text) = value, let until = ASLTimestamp(text) {
                    checkWaitTiming(
                        visit: visit, until: Instant(millisecondsSinceEpoch: until.epochSeconds * 1000), frame: frame)
                } else {
                    note(
                        .timing, eventID: visit.enteredEventID, location: frame.location, "the wait's end was not timed"
                    )
                }
            }
        } catch {
            return .failed(error: error.error, cause: error.cause)
        }
        return passThrough(state, visit: visit, input: input, frame: &frame)
    }

    /// A field given as a literal, a path (or intrinsic) or a JSONata expression.
    func fieldValue(
        _ source: FieldSource<JSONValue>, field: String, _ environment: ExpressionEnvironment, _ bindings: QueryBindings
    ) throws(StateFailure) -> JSONValue {
        switch source {
        case .literal(let value): return value
        case .path(let path): return try evaluateField(path, field: field + "Path", environment)
        case .expression(let text): return try evaluateQuery(.string(text), field: field, bindings: bindings)
        }
    }

    static func nonNegativeInteger(_ value: JSONValue) -> Int64? {
        switch value {
        case .integer(let number) where number >= 0: return number
        case .number(let number) where number >= 0 && number == number.rounded() && number < 9e15:
            return Int64(number)
        default: return nil
        }
    }

    mutating func runFail(
        _ state: StateDefinition, _ fail: FailState, visit: StateVisit, input: JSONValue, frame: inout Frame
    ) -> StateOutcome {
        let environment = self.environment(input, state: state.name, visit: visit, frame: frame)
        let bindings = self.bindings(input, state: state.name, visit: visit, frame: frame)
        do throws(StateFailure) {
            var error: String?
            var cause: String?
            if let source = fail.error {
                error = try Self.text(fieldValue(source.map(JSONValue.string), field: "Error", environment, bindings))
            }
            if let source = fail.cause {
                cause = try Self.text(fieldValue(source.map(JSONValue.string), field: "Cause", environment, bindings))
            }
            return .failed(error: error ?? "", cause: cause)
        } catch {
            return .failed(error: error.error, cause: error.cause)
        }
    }

    /// A Fail state's `Error` or `Cause` must be a string.
    private static func text(_ value: JSONValue) throws(StateFailure) -> String {
        guard case .string(let text) = value else {
            throw StateFailure(
                error: "States.Runtime", cause: "expected a string for the error or cause, found \(value.serialized())")
        }
        return text
    }

    // MARK: - Following the history

    /// A state the interpreter cannot evaluate (JSONata without an evaluator, or an unknown input): its output,
    /// variables and failure are taken from the history, and only what does not depend on evaluation is checked
    /// (the next state is one the state can lead to; a failure goes to the catcher its error name selects).
    mutating func followRecorded(_ state: StateDefinition, visit: StateVisit, input: JSONValue?, frame: inout Frame)
        -> StateOutcome
    {
        if state.queryLanguage == .jsonata, options.queryEvaluator == nil {
            note(
                .jsonataUnavailable, eventID: visit.enteredEventID, location: frame.location,
                "\"\(state.name)\": output, variables and decisions taken from the history")
        }
        recordedAssignments(visit, frame: &frame)
        switch visit.status {
        case .running, .aborted:
            return .incomplete
        case .failed, .timedOut:
            if state.type == .task { checkRecordedRetries(state, visit: visit, frame: frame) }
            let error = recordedError(visit) ?? UnknownValue.markerText("the error of \"\(state.name)\"")
            return .failed(error: error, cause: visit.cause)
        case .caught:
            if state.type == .task { checkRecordedRetries(state, visit: visit, frame: frame) }
            let error = visit.error ?? ""
            guard let index = ErrorMatching.catcher(for: error, in: state.catchers) else {
                diverge(
                    .catchDecision, eventID: visit.failureEventID ?? visit.enteredEventID, location: frame.location,
                    state: state.name, expected: "\"\(error)\" fails the state (no catcher handles it)",
                    recorded: "it was caught")
                return .stopped
            }
            return .next(
                state.catchers[index].next, output: visit.output?.value, reason: .catcher(index: index, error: error))
        case .succeeded:
            if state.type == .task { checkRecordedRetries(state, visit: visit, frame: frame) }
            let output = visit.output?.value
            if visit.eventIDs.contains(0), let next = nextEnteredName(after: visit),
                next != state.transition?.nextState, let index = state.catchers.firstIndex(where: { $0.next == next })
            {
                note(
                    .maskedParallel, eventID: visit.exitedEventID, location: frame.location,
                    "the state failed and Catch[\(index)] took the error; the error is masked")
                return .next(next, output: output, reason: .catcher(index: index, error: "(masked)"))
            }
            if case .choice(let choice) = state.kind {
                return .next(
                    Self.recordedChoice(choice, visitAfter: visit, tree: tree) ?? "", output: output,
                    reason: .recorded)
            }
            if let next = state.transition?.nextState { return .next(next, output: output, reason: .next) }
            return .end(output: output)
        }
    }

    /// The error the history recorded for a visit: its own, or that of its failure event or of an
    /// `EvaluationFailed` among its events.
    func recordedError(_ visit: StateVisit) -> String? {
        if let error = visit.error { return error }
        if let id = visit.failureEventID, let error = tree.event(id)?.details.error { return error }
        for id in visit.eventIDs where id > 0 {
            if let event = tree.event(id), event.type == .evaluationFailed, let error = event.details.error {
                return error
            }
        }
        return nil
    }

    /// The name of the state entered right after the visit's exit, found among the next few events.
    func nextEnteredName(after visit: StateVisit) -> String? {
        guard let exit = visit.exitedEventID else { return nil }
        for id in (exit + 1)...(exit + 3) {
            guard let event = tree.event(id) else { continue }
            if event.previousEventID == exit, event.type.isStateEntered { return event.details.name }
        }
        return nil
    }

    /// The target the history took after a Choice, when the Choice can lead there (else the first rule's, so that
    /// the scope loop reports the mismatch).
    private static func recordedChoice(_ choice: ChoiceState, visitAfter visit: StateVisit, tree: ExecutionTree)
        -> String?
    {
        let targets = choice.choices.map(\.next) + (choice.defaultState.map { [$0] } ?? [])
        guard let exit = visit.exitedEventID else { return targets.first }
        let next = tree.events.first { $0.previousEventID == exit && $0.type.isStateEntered }
        if let name = next?.details.name, targets.contains(name) { return name }
        return targets.first
    }
}
