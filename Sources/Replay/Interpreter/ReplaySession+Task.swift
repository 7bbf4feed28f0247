import ASLExpressions
import RetraceCore
import StepFunctions

extension ReplaySession {
    /// A Task: the parameters sent with every attempt, the retry decisions between attempts, and the result
    /// (from the history) processed into the output — or the failure handed to `Catch`.
    mutating func runTask(
        _ state: StateDefinition, _ task: TaskState, visit: StateVisit, input: JSONValue, frame: inout Frame
    ) -> StateOutcome {
        var policy = RetryPolicy(retriers: state.retry)
        let attempts = visit.attempts
        var result: JSONValue?
        var parametersAgreed = true
        for (number, attempt) in attempts.enumerated() {
            let location = frame.location + [.attempt(number: number + 1, total: attempts.count)]
            let parameters: JSONValue
            do throws(StateFailure) {
                parameters = try taskParameters(
                    state, task, visit: visit, input: input, retryCount: number, frame: frame)
            } catch {
                // Parameters that cannot be computed fail the state before any attempt is scheduled.
                diverge(
                    .outcome, eventID: attempt.scheduledEventID, location: frame.location, state: state.name,
                    expected: "the state fails before scheduling the task, with "
                        + Self.errorText(error.error, error.cause),
                    recorded: "the task was scheduled")
                return .stopped
            }
            if parametersAgreed {
                parametersAgreed = checkScheduled(
                    state, task, attempt: attempt, parameters: parameters, input: input, visit: visit,
                    location: location, frame: frame)
            }
            switch attempt.status {
            case .succeeded:
                if number + 1 < attempts.count {
                    diverge(
                        .retryDecision, eventID: attempts[number + 1].scheduledEventID, location: frame.location,
                        state: state.name, expected: "no attempt after a successful one",
                        recorded: "attempt \(number + 2) scheduled")
                    return .stopped
                }
                result = attempt.endEventID.flatMap { tree.event($0) }?.details.output?.value ?? .null
            case .failed, .timedOut, .caught:
                let error = attempt.error ?? (attempt.status == .timedOut ? "States.Timeout" : "")
                let decision = policy.decide(error)
                let isLast = number + 1 == attempts.count
                if case .retry(let retrier, let delay) = decision {
                    if isLast {
                        if visit.status == .running || visit.status == .aborted {
                            note(
                                .historyEnds, eventID: attempt.endEventID, location: frame.location,
                                "the history ends before the retry Retry[\(retrier)] implies")
                            return .incomplete
                        }
                        diverge(
                            .retryDecision, eventID: attempt.endEventID ?? attempt.scheduledEventID,
                            location: location, state: state.name,
                            expected: "Retry[\(retrier)] retries \"\(error)\" after \(Self.seconds(delay))",
                            recorded: "no further attempt; the state "
                                + (visit.status == .caught ? "caught the error" : "failed"))
                        return .stopped
                    }
                    checkBackoff(
                        after: attempt, next: attempts[number + 1], delay: delay, retrier: state.retry[retrier],
                        location: location)
                    continue
                }
                if !isLast {
                    let why: String
                    switch decision {
                    case .exhausted(let retrier):
                        let limit = state.retry[retrier].maxAttempts
                        why = "Retry[\(retrier)] has used its \(limit) attempt\(limit == 1 ? "" : "s")"
                    default:
                        why =
                            ErrorMatching.uncatchable.contains(error)
                            ? "\"\(error)\" is never retried" : "no retrier handles \"\(error)\""
                    }
                    diverge(
                        .retryDecision, eventID: attempts[number + 1].scheduledEventID, location: frame.location,
                        state: state.name, expected: "no retry (\(why))", recorded: "attempt \(number + 2) scheduled")
                    return .stopped
                }
                return handleFailure(
                    state, visit: visit, error: error, cause: attempt.cause, rawInput: input, frame: &frame)
            case .running, .aborted:
                note(
                    .historyEnds, eventID: attempt.endEventID ?? attempt.scheduledEventID, location: location,
                    "the attempt did not finish (\(attempt.status.rawValue))")
                return .incomplete
            }
        }
        guard let result else {
            return taskWithoutAttempts(state, task, visit: visit, input: input, frame: &frame)
        }
        if state.queryLanguage == .jsonata {
            return complete(
                state, visit: visit, rawInput: input, result: result, retryCount: attempts.count - 1, frame: &frame)
        }
        let selected: JSONValue
        do throws(StateFailure) {
            if let selector = state.resultSelector {
                let environment = self.environment(
                    result, state: state.name, visit: visit, retryCount: attempts.count - 1, frame: frame)
                selected = try resolve(selector, environment)
            } else {
                selected = result
            }
        } catch {
            return handleFailure(
                state, visit: visit, error: error.error, cause: error.cause, rawInput: input,
                frame: &frame)
        }
        return complete(
            state, visit: visit, rawInput: input, result: selected, retryCount: attempts.count - 1, frame: &frame)
    }

    /// No attempt recorded: the state failed before scheduling (its parameters), or the history ends.
    private mutating func taskWithoutAttempts(
        _ state: StateDefinition, _ task: TaskState, visit: StateVisit, input: JSONValue, frame: inout Frame
    ) -> StateOutcome {
        do throws(StateFailure) {
            _ = try taskParameters(state, task, visit: visit, input: input, retryCount: 0, frame: frame)
        } catch {
            return handleFailure(
                state, visit: visit, error: error.error, cause: error.cause, rawInput: input,
                frame: &frame)
        }
        if visit.status == .running || visit.status == .aborted {
            note(
                .historyEnds, eventID: visit.endEventID ?? visit.enteredEventID, location: frame.location,
                "the task was never scheduled (\(visit.status.rawValue))")
            return .incomplete
        }
        if visit.status == .failed || visit.status == .caught, let error = visit.error {
            // Failed before any attempt for a reason outside the definition (permissions, a missing resource).
            return handleFailure(state, visit: visit, error: error, cause: visit.cause, rawInput: input, frame: &frame)
        }
        diverge(
            .structure, eventID: visit.endEventID ?? visit.enteredEventID, location: frame.location, state: state.name,
            expected: "the task is scheduled", recorded: "no attempt")
        return .stopped
    }

    /// The effective parameters of an attempt: `InputPath` then `Parameters` (JSONPath) or `Arguments` (JSONata).
    func taskParameters(
        _ state: StateDefinition, _ task: TaskState, visit: StateVisit, input: JSONValue, retryCount: Int, frame: Frame
    ) throws(StateFailure) -> JSONValue {
        let usesToken = ContextObject.passesTaskToken(task.resource)
        if state.queryLanguage == .jsonata {
            guard let arguments = state.arguments else { return input }
            var bindings = self.bindings(input, state: state.name, visit: visit, retryCount: retryCount, frame: frame)
            if usesToken { bindings.context = ContextObject.withTaskToken(bindings.context) }
            return try evaluateQuery(arguments, field: "Arguments", bindings: bindings)
        }
        var environment = self.environment(
            input, state: state.name, visit: visit, retryCount: retryCount, frame: frame)
        if usesToken { environment.context = ContextObject.withTaskToken(environment.context) }
        let effective = try select(state.inputPath, input, environment)
        guard let parameters = state.parameters else { return effective }
        return try resolve(parameters, environment.with(input: effective))
    }

    /// Compares what the scheduled event recorded (parameters or input, resource, timeout, heartbeat) with the
    /// definition. Returns whether the parameters agreed, so that a difference is reported once, not per attempt.
    private mutating func checkScheduled(
        _ state: StateDefinition, _ task: TaskState, attempt: TaskAttempt, parameters: JSONValue, input: JSONValue,
        visit: StateVisit, location: [LocationStep], frame: Frame
    ) -> Bool {
        guard let scheduled = tree.event(attempt.scheduledEventID) else { return true }
        let details = scheduled.details
        let recorded = scheduled.type == .taskScheduled ? details.parameters : details.input
        var agreed = true
        if var recordedValue = recorded?.value {
            Self.removeServiceAdditions(from: &recordedValue, expected: parameters, details: details)
            agreed = compareValue(
                .taskParameters, expected: parameters, recorded: recordedValue, eventID: scheduled.id,
                location: location, state: state.name,
                what: scheduled.type == .taskScheduled ? "parameters" : "task input")
        }
        checkResource(
            task, details: details, type: scheduled.type, eventID: scheduled.id, location: location,
            state: state.name)
        let environment = self.environment(input, state: state.name, visit: visit, frame: frame)
        let bindings = self.bindings(input, state: state.name, visit: visit, frame: frame)
        checkSetting(
            task.timeout, field: "TimeoutSeconds", recorded: details.timeoutInSeconds, eventID: scheduled.id,
            environment: environment, bindings: bindings, location: location, state: state.name)
        checkSetting(
            task.heartbeat, field: "HeartbeatSeconds", recorded: details.heartbeatInSeconds,
            eventID: scheduled.id, environment: environment, bindings: bindings, location: location, state: state.name)
        return agreed
    }

    /// Members the service adds to what the definition sends: `StartedBy` of ECS `runTask.sync`.
    static func removeServiceAdditions(from recorded: inout JSONValue, expected: JSONValue, details: EventDetails) {
        guard details.resourceType == "ecs", details.resource?.hasPrefix("runTask") == true,
            case .object(var object) = recorded, expected["StartedBy"] == nil, object["StartedBy"] != nil
        else { return }
        var trimmed = JSONObject()
        for (key, value) in object where key != "StartedBy" { trimmed[key] = value }
        object = trimmed
        recorded = .object(object)
    }

    private mutating func checkResource(
        _ task: TaskState, details: EventDetails, type: EventType, eventID: Int64, location: [LocationStep],
        state: String
    ) {
        guard let resource = details.resource, !task.resource.hasPrefix("{%") else { return }
        let agrees: Bool
        let recordedText: String
        if type == .taskScheduled, let resourceType = details.resourceType {
            recordedText = "\(resourceType):\(resource)"
            agrees = task.resource.hasSuffix(recordedText)
        } else {
            recordedText = resource
            agrees = task.resource == resource
        }
        if agrees {
            agreements += 1
        } else if PlaceholderPattern.match(expected: task.resource, recorded: resource) != nil {
            note(.placeholder, eventID: eventID, location: location, "resource '\(resource)'")
        } else {
            diverge(
                .taskSettings, eventID: eventID, location: location, state: state,
                expected: "resource \"\(task.resource)\"", recorded: "resource \"\(recordedText)\"")
        }
    }

    private mutating func checkSetting(
        _ source: FieldSource<Int64>?, field: String, recorded: Int64?, eventID: Int64,
        environment: ExpressionEnvironment, bindings: QueryBindings, location: [LocationStep], state: String
    ) {
        guard let source, let recorded else { return }
        guard let value = try? fieldValue(source.map(JSONValue.integer), field: field, environment, bindings),
            let seconds = Self.nonNegativeInteger(value)
        else { return }
        if seconds == recorded {
            agreements += 1
        } else {
            diverge(
                .taskSettings, eventID: eventID, location: location, state: state, expected: "\(field) \(seconds)",
                recorded: "\(field) \(recorded)")
        }
    }

    /// Checks the time between a failed attempt and the next one against the retrier's interval, when the
    /// history has readable timestamps.
    private mutating func checkBackoff(
        after attempt: TaskAttempt, next: TaskAttempt, delay: Double, retrier: Retrier, location: [LocationStep]
    ) {
        guard let ended = attempt.ended, let scheduled = next.scheduled else {
            note(
                .timing, eventID: next.scheduledEventID, location: location,
                "the retry interval (\(Self.seconds(delay))) was not timed")
            return
        }
        let waited = Double(ended.elapsedMilliseconds(until: scheduled)) / 1000
        // Jitter draws between 0 and the interval; the service adds scheduling latency, never less than the
        // interval without jitter (allow half a second of clock rounding).
        let lowerBound = retrier.jitterStrategy == .full ? 0 : delay - 0.5
        if waited >= lowerBound {
            agreements += 1
        } else {
            diverge(
                .retryDecision, eventID: next.scheduledEventID, location: location, state: nil,
                expected: "a retry interval of \(Self.seconds(delay))",
                recorded: "the next attempt \(Self.seconds(waited)) later")
        }
    }

    /// For a Task whose data cannot be evaluated: the retry decisions between its recorded attempts still depend
    /// only on the error names, so they are checked.
    mutating func checkRecordedRetries(_ state: StateDefinition, visit: StateVisit, frame: Frame) {
        var policy = RetryPolicy(retriers: state.retry)
        let attempts = visit.attempts
        for (number, attempt) in attempts.enumerated() where number + 1 < attempts.count {
            guard attempt.status != .succeeded else { continue }
            let error = attempt.error ?? (attempt.status == .timedOut ? "States.Timeout" : "")
            if case .retry = policy.decide(error) {
                agreements += 1
            } else {
                diverge(
                    .retryDecision, eventID: attempts[number + 1].scheduledEventID, location: frame.location,
                    state: state.name, expected: "no retry of \"\(error)\"", recorded: "attempt \(number + 2) scheduled"
                )
                return
            }
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int64(value)) s" : "\(value) s"
    }
}
