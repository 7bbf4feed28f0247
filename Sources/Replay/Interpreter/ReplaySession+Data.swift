import ASLExpressions
import RetraceCore
import StepFunctions

extension ReplaySession {
    // MARK: - Comparing

    /// Compares a computed value with a recorded payload; `nil` on either side means nothing to compare.
    @discardableResult
    mutating func compare(
        _ kind: DivergenceKind, expected: JSONValue?, recorded: Payload?, eventID: Int64, location: [LocationStep],
        state: String?, what: String
    ) -> Bool {
        guard let expected, let recorded else { return true }
        return compareValue(
            kind, expected: expected, recorded: recorded.value, eventID: eventID, location: location, state: state,
            what: what)
    }

    /// Compares two values; records an agreement, a partial comparison or a divergence. Returns whether they agree
    /// (fully or partially).
    @discardableResult
    mutating func compareValue(
        _ kind: DivergenceKind, expected: JSONValue, recorded: JSONValue, eventID: Int64, location: [LocationStep],
        state: String?, what: String
    ) -> Bool {
        switch ValueComparison.compare(expected: expected, recorded: recorded) {
        case .equal:
            agreements += 1
            return true
        case .partial(let reason):
            agreements += 1
            let category: NotComparedCategory = reason.hasPrefix("the history") ? .placeholder : .unknownValue
            note(category, eventID: eventID, location: location, "\(what): \(reason)")
            return true
        case .different(let path, let left, let right):
            let whole = path == "$"
            diverge(
                kind, eventID: eventID, location: location, state: state,
                expected: whole
                    ? "\(what) \(Self.clip(expected.serialized()))"
                    : "\(what) with \(path) = \(Self.clip(left.serialized())) (whole: \(Self.clip(expected.serialized())))",
                recorded: whole
                    ? Self.clip(recorded.serialized())
                    : "\(path) = \(Self.clip(right.serialized())) (whole: \(Self.clip(recorded.serialized())))")
            return false
        }
    }

    // MARK: - Evaluating (JSONPath)

    /// The environment of a state: `$` is `input`, `$$` the context object, and the variables in scope.
    func environment(_ input: JSONValue, state: String, visit: StateVisit, retryCount: Int = 0, frame: Frame)
        -> ExpressionEnvironment
    {
        let context = ContextObject.state(
            executionContext, name: state, entered: visit.start, retryCount: retryCount, mapItem: frame.mapItem)
        return ExpressionEnvironment(input: input, context: context, variables: frame.variables)
    }

    /// `InputPath` / `OutputPath`.
    func select(_ setting: PathSetting?, _ value: JSONValue, _ environment: ExpressionEnvironment)
        throws(StateFailure) -> JSONValue
    {
        do {
            return try DataFlow.select(setting, from: value, environment: environment)
        } catch {
            throw StateFailure(error: error.statesError, cause: error.description)
        }
    }

    /// `ResultPath`.
    func applyResultPath(_ setting: PathSetting?, result: JSONValue, input: JSONValue) throws(StateFailure)
        -> JSONValue
    {
        do {
            return try DataFlow.applyResultPath(setting, result: result, input: input)
        } catch {
            throw StateFailure(error: error.statesError, cause: error.description)
        }
    }

    /// A payload template (`Parameters`, `ResultSelector`, `ItemSelector`, JSONPath `Assign`). Fields computed
    /// with `States.UUID` or `States.MathRandom` become unknown values: the recorded run drew values Retrace
    /// cannot draw again.
    func resolve(_ value: JSONValue, _ environment: ExpressionEnvironment) throws(StateFailure) -> JSONValue {
        do {
            return try template.resolve(Self.maskingRandomness(value, depth: 0), in: environment)
        } catch {
            throw StateFailure(error: error.statesError, cause: error.description)
        }
    }

    private static func maskingRandomness(_ value: JSONValue, depth: Int) -> JSONValue {
        guard depth < PayloadTemplate.maximumDepth else { return value }
        switch value {
        case .object(let object):
            var output = JSONObject()
            for (key, member) in object {
                if key.hasSuffix(".$"), case .string(let expression) = member,
                    expression.contains("States.UUID(") || expression.contains("States.MathRandom(")
                {
                    output[String(key.dropLast(2))] = UnknownValue.marker("the random value of '\(key)'")
                } else {
                    output[key] = maskingRandomness(member, depth: depth + 1)
                }
            }
            return .object(output)
        case .array(let elements):
            return .array(elements.map { maskingRandomness($0, depth: depth + 1) })
        default:
            return value
        }
    }

    /// One `.$`-style expression (`ErrorPath`, `SecondsPath`, a path or an intrinsic call).
    func evaluateField(_ expression: String, field: String, _ environment: ExpressionEnvironment)
        throws(StateFailure) -> JSONValue
    {
        do {
            return try template.evaluateField(expression, field: field, in: environment)
        } catch {
            throw StateFailure(error: error.statesError, cause: error.description)
        }
    }

    /// JSONPath `Assign`: every value is computed from the same environment, then all are set at once.
    func assignJSONPath(_ assign: JSONObject?, _ environment: ExpressionEnvironment, frame: inout Frame)
        throws(StateFailure) -> [String: JSONValue]
    {
        guard let assign else { return [:] }
        guard case .object(let values) = try resolve(.object(assign), environment) else { return [:] }
        var assigned: [String: JSONValue] = [:]
        for (name, value) in values { assigned[name] = value }
        for (name, value) in assigned { frame.variables[name] = value }
        return assigned
    }

    // MARK: - Evaluating (JSONata)

    /// Evaluates a JSONata template with the evaluator; failures are `States.QueryEvaluationError`.
    func evaluateQuery(_ value: JSONValue, field: String, bindings: QueryBindings) throws(StateFailure) -> JSONValue {
        guard let evaluator = options.queryEvaluator else {
            throw StateFailure(error: "States.QueryEvaluationError", cause: "no JSONata evaluator")
        }
        do {
            return try evaluator.evaluate(value, field: field, bindings: bindings)
        } catch {
            throw StateFailure(error: "States.QueryEvaluationError", cause: "\(error)")
        }
    }

    /// The bindings of a JSONata state.
    func bindings(
        _ input: JSONValue, result: JSONValue? = nil, errorOutput: JSONValue? = nil, state: String,
        visit: StateVisit, retryCount: Int = 0, frame: Frame
    ) -> QueryBindings {
        let context = ContextObject.state(
            executionContext, name: state, entered: visit.start, retryCount: retryCount, mapItem: frame.mapItem)
        return QueryBindings(
            input: input, result: result, errorOutput: errorOutput, context: context, variables: frame.variables)
    }

    /// JSONata `Assign`: each member is a template evaluated with the same bindings; all are set at once.
    func assignJSONata(_ assign: JSONObject?, _ bindings: QueryBindings, frame: inout Frame) throws(StateFailure)
        -> [String: JSONValue]
    {
        guard let assign else { return [:] }
        var assigned: [String: JSONValue] = [:]
        for (name, value) in assign {
            assigned[name] = try evaluateQuery(value, field: "Assign/\(name)", bindings: bindings)
        }
        for (name, value) in assigned { frame.variables[name] = value }
        return assigned
    }

    /// Compares assigned variables with the `assignedVariables` of the exit event, when it recorded them.
    mutating func compareAssigned(_ assigned: [String: JSONValue], visit: StateVisit, frame: Frame) {
        guard let exitID = visit.exitedEventID, let recorded = tree.event(exitID)?.details.assignedVariables else {
            return
        }
        for name in assigned.keys.sorted() {
            guard let value = assigned[name] else { continue }
            guard let payload = recorded[name] else {
                diverge(
                    .variables, eventID: exitID, location: frame.location, state: visit.name,
                    expected: "assigning $\(name) = \(Self.clip(value.serialized()))",
                    recorded: "no assignment of $\(name)")
                continue
            }
            compare(
                .variables, expected: value, recorded: payload, eventID: exitID, location: frame.location,
                state: visit.name, what: "$\(name)")
        }
        for name in recorded.keys.sorted() where assigned[name] == nil {
            diverge(
                .variables, eventID: exitID, location: frame.location, state: visit.name,
                expected: "no assignment of $\(name)", recorded: "$\(name) assigned")
        }
    }

    /// Takes the variables the history recorded as assigned (when the definition's cannot be evaluated).
    func recordedAssignments(_ visit: StateVisit, frame: inout Frame) {
        guard let exitID = visit.exitedEventID, let recorded = tree.event(exitID)?.details.assignedVariables else {
            return
        }
        for (name, payload) in recorded { frame.variables[name] = payload.value }
    }
}
