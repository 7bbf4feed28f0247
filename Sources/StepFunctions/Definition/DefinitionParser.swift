import RetraceCore

/// Turns the JSON of a definition into the model, collecting every problem with its path instead of stopping at
/// the first, so that one run tells the user everything to fix.
struct DefinitionParser {
    /// Where a machine sits: the top level, a Parallel branch, or a Map processor.
    enum Level {
        case top, branch, processor
    }

    /// Nested machines deeper than this are refused: a bound on recursion for hostile input (AWS's own limits
    /// stop far earlier).
    static let maximumNesting = 40
    /// AWS limits state names to 80 characters.
    static let maximumNameLength = 80

    var problems: [DefinitionProblem] = []
    private var statePaths: [String: [JSONPathComponent]] = [:]
    private var nesting = 0

    /// Every state the input declares, read or not, with where: a transition to a state whose own definition
    /// could not be read is not also reported as a transition to nothing.
    var declaredStates: [String: [JSONPathComponent]] { statePaths }

    mutating func report(_ path: [JSONPathComponent], _ message: String) {
        problems.append(DefinitionProblem(path: path, message: message))
    }

    mutating func expected(_ what: String, at path: [JSONPathComponent], found value: JSONValue) {
        report(path, "expected \(what), found \(value.kindDescription)")
    }

    // MARK: - Machines

    mutating func parseMachine(
        _ value: JSONValue, path: [JSONPathComponent], inherited: QueryLanguage, level: Level
    ) -> StateMachineDefinition? {
        guard case .object(let object) = value else {
            expected("an object", at: path, found: value)
            return nil
        }
        guard nesting < Self.maximumNesting else {
            report(path, "state machines are nested more than \(Self.maximumNesting) levels deep")
            return nil
        }
        nesting += 1
        defer { nesting -= 1 }

        let declared = queryLanguage(in: object, path: path)
        if declared == .jsonPath && inherited == .jsonata {
            report(path + [.key("QueryLanguage")], "a JSONata state machine cannot contain JSONPath parts")
        }
        let language = declared ?? inherited
        let startAt = requiredString("StartAt", in: object, path: path)
        let comment = optionalString("Comment", in: object, path: path)
        let version = optionalString("Version", in: object, path: path)
        var timeout: Int64?
        if let value = object["TimeoutSeconds"] {
            timeout = positiveInteger(value, path: path + [.key("TimeoutSeconds")])
        }

        var states: [StateDefinition] = []
        let statesPath = path + [.key("States")]
        switch object["States"] {
        case nil:
            report(path, "the required field States is missing")
        case .object(let members)?:
            if members.isEmpty { report(statesPath, "expected at least one state, found none") }
            for (name, stateValue) in members {
                if let state = parseState(
                    name: name, value: stateValue, path: statesPath + [.key(name)], machine: language)
                {
                    states.append(state)
                }
            }
        case let other?:
            expected("an object of states", at: statesPath, found: other)
        }

        var known: Set<String> = ["StartAt", "States", "Comment", "TimeoutSeconds", "Version", "QueryLanguage"]
        if level == .processor { known.insert("ProcessorConfig") }
        var unknown = JSONObject()
        for (key, value) in object where !known.contains(key) { unknown[key] = value }

        guard let startAt else { return nil }
        return StateMachineDefinition(
            startAt: startAt, states: states, comment: comment, timeoutSeconds: timeout, version: version,
            declaredQueryLanguage: declared, queryLanguage: language, unknownFields: unknown)
    }

    private mutating func queryLanguage(in object: JSONObject, path: [JSONPathComponent]) -> QueryLanguage? {
        guard let value = object["QueryLanguage"] else { return nil }
        guard case .string(let text) = value, let language = QueryLanguage(rawValue: text) else {
            report(path + [.key("QueryLanguage")], "expected \"JSONPath\" or \"JSONata\", found \(value.shortText)")
            return nil
        }
        return language
    }

    // MARK: - States

    private mutating func parseState(
        name: String, value: JSONValue, path: [JSONPathComponent], machine: QueryLanguage
    ) -> StateDefinition? {
        if name.isEmpty || name.count > Self.maximumNameLength {
            report(path, "a state name must have 1 to \(Self.maximumNameLength) characters, this one has \(name.count)")
        }
        if let earlier = statePaths[name] {
            report(path, "the state name \"\(name)\" is already used at \(earlier.pathDescription)")
        } else {
            statePaths[name] = path
        }
        guard case .object(let object) = value else {
            expected("a state object", at: path, found: value)
            return nil
        }
        guard let typeValue = object["Type"] else {
            report(path, "the required field Type is missing")
            return nil
        }
        guard case .string(let typeName) = typeValue, let type = StateType(rawValue: typeName) else {
            let allowed = StateType.allCases.map(\.rawValue).joined(separator: ", ")
            report(path + [.key("Type")], "expected one of \(allowed), found \(typeValue.shortText)")
            return nil
        }
        let declared = queryLanguage(in: object, path: path)
        if declared == .jsonPath && machine == .jsonata {
            report(path + [.key("QueryLanguage")], "a state of a JSONata state machine cannot use JSONPath")
        }
        let language = declared ?? machine
        var reader = StateReader(object: object, path: path, type: type, language: language)
        reader.checkFields(parser: &self)

        var state = StateDefinition(
            name: name, kind: .succeed, declaredQueryLanguage: declared, queryLanguage: language)
        state.comment = optionalString("Comment", in: object, path: path)
        state.unknownFields = reader.unknownFields
        state.inputPath = pathSetting("InputPath", in: object, path: path)
        state.outputPath = pathSetting("OutputPath", in: object, path: path)
        state.resultPath = pathSetting("ResultPath", in: object, path: path)
        state.parameters = object["Parameters"]
        state.resultSelector = object["ResultSelector"]
        if let value = object["ResultSelector"], value.objectValue == nil {
            expected("an object", at: path + [.key("ResultSelector")], found: value)
        }
        state.arguments = object["Arguments"]
        if let value = object["Arguments"], value.objectValue == nil, !value.isJSONataExpression {
            expected("an object or a JSONata expression", at: path + [.key("Arguments")], found: value)
        }
        state.output = object["Output"]
        state.assign = assign(in: object, path: path)
        if !type.isAlwaysTerminal && type != .choice {
            state.transition = transition(in: object, path: path)
        }
        if object["Retry"] != nil { state.retry = retriers(in: object, path: path) }
        if object["Catch"] != nil { state.catchers = catchers(in: object, path: path, language: language) }

        switch type {
        case .task: state.kind = .task(taskFields(object, path: path, language: language))
        case .pass: state.kind = .pass(PassState(result: object["Result"]))
        case .choice: state.kind = .choice(choiceFields(object, path: path, language: language))
        case .wait:
            guard let wait = waitFields(object, path: path, language: language) else { return nil }
            state.kind = .wait(wait)
        case .succeed: state.kind = .succeed
        case .fail: state.kind = .fail(failFields(object, path: path, language: language))
        case .parallel: state.kind = .parallel(parallelFields(object, path: path, machine: machine))
        case .map:
            guard let map = mapFields(object, path: path, language: language, machine: machine) else { return nil }
            state.kind = .map(map)
        }
        return state
    }

    private mutating func transition(in object: JSONObject, path: [JSONPathComponent]) -> Transition? {
        let next = optionalString("Next", in: object, path: path)
        var end = false
        var endUnreadable = false
        if let value = object["End"] {
            if case .bool(let flag) = value {
                end = flag
            } else {
                expected("a boolean", at: path + [.key("End")], found: value)
                endUnreadable = true
            }
        }
        switch (next, end) {
        case (let name?, false): return .next(name)
        case (nil, true): return .end
        case (.some, true):
            report(path, "a state must have either Next or End: true, not both")
            return nil
        case (nil, false):
            // A Next or End that is there but unreadable was reported as such.
            if object["Next"] == nil, !endUnreadable {
                report(path, "a state must have either Next or End: true; this one has neither")
            }
            return nil
        }
    }

    // MARK: - Field helpers

    mutating func requiredString(_ key: String, in object: JSONObject, path: [JSONPathComponent]) -> String? {
        guard let value = object[key] else {
            report(path, "the required field \(key) is missing")
            return nil
        }
        guard case .string(let text) = value else {
            expected("a string", at: path + [.key(key)], found: value)
            return nil
        }
        return text
    }

    mutating func optionalString(_ key: String, in object: JSONObject, path: [JSONPathComponent]) -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value else {
            expected("a string", at: path + [.key(key)], found: value)
            return nil
        }
        return text
    }

    /// A JSONPath-valued field: a string starting with `$` (paths, `$$` paths, variables) or, where allowed,
    /// an intrinsic function call (`States.Format(…)` in `ErrorPath`).
    mutating func pathString(
        _ key: String, in object: JSONObject, path: [JSONPathComponent], allowsIntrinsic: Bool = false
    ) -> String? {
        guard let text = optionalString(key, in: object, path: path) else { return nil }
        if !text.hasPrefix("$") && !(allowsIntrinsic && text.hasPrefix("States.")) {
            report(path + [.key(key)], "expected a path starting with '$', found \"\(text)\"")
        }
        return text
    }

    mutating func pathSetting(_ key: String, in object: JSONObject, path: [JSONPathComponent]) -> PathSetting? {
        guard let value = object[key] else { return nil }
        switch value {
        case .null: return .null
        case .string(let text):
            if !text.hasPrefix("$") {
                report(path + [.key(key)], "expected a path starting with '$' or null, found \"\(text)\"")
            }
            return .path(text)
        default:
            expected("a path or null", at: path + [.key(key)], found: value)
            return nil
        }
    }

    mutating func positiveInteger(_ value: JSONValue, path: [JSONPathComponent], allowZero: Bool = false) -> Int64? {
        guard let number = value.aslIntegerValue, number > 0 || (allowZero && number == 0) else {
            expected(allowZero ? "a non-negative integer" : "a positive integer", at: path, found: value)
            return nil
        }
        return number
    }

    mutating func assign(in object: JSONObject, path: [JSONPathComponent]) -> JSONObject? {
        guard let value = object["Assign"] else { return nil }
        guard case .object(let members) = value else {
            expected("an object", at: path + [.key("Assign")], found: value)
            return nil
        }
        return members
    }

    /// A field that is a literal, a `…Path` sibling (JSONPath), or a `{% %}` string (JSONata).
    mutating func source<Value>(
        _ key: String, in object: JSONObject, path: [JSONPathComponent], language: QueryLanguage,
        literal: (inout DefinitionParser, JSONValue, [JSONPathComponent]) -> Value?
    ) -> FieldSource<Value>? {
        let pathKey = key + "Path"
        let direct = object[key]
        let viaPath = language == .jsonPath ? pathString(pathKey, in: object, path: path) : nil
        if direct != nil && viaPath != nil {
            report(path, "\(key) and \(pathKey) cannot both be given")
        }
        if let viaPath { return .path(viaPath) }
        guard let direct else { return nil }
        if language == .jsonata, case .string(let text) = direct, text.isJSONataExpression {
            return .expression(text)
        }
        return literal(&self, direct, path + [.key(key)]).map { .literal($0) }
    }
}

extension JSONValue {
    /// The value as it might appear in a message: strings quoted and cut short, containers by kind.
    var shortText: String {
        switch self {
        case .string(let text):
            return text.count > 40 ? "\"\(text.prefix(40))…\"" : "\"\(text)\""
        case .array, .object: return kindDescription
        default: return serialized()
        }
    }
}
