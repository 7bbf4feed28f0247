import RetraceCore

extension DefinitionParser {
    mutating func taskFields(_ object: JSONObject, path: [JSONPathComponent], language: QueryLanguage) -> TaskState {
        let resource = requiredString("Resource", in: object, path: path) ?? ""
        let timeout = source("TimeoutSeconds", in: object, path: path, language: language) { parser, value, path in
            parser.positiveInteger(value, path: path)
        }
        let heartbeat = source("HeartbeatSeconds", in: object, path: path, language: language) { parser, value, path in
            parser.positiveInteger(value, path: path)
        }
        if let timeout = timeout?.literalValue, let heartbeat = heartbeat?.literalValue, heartbeat >= timeout {
            report(
                path + [.key("HeartbeatSeconds")],
                "HeartbeatSeconds (\(heartbeat)) must be smaller than TimeoutSeconds (\(timeout))")
        }
        let credentials = object["Credentials"]
        if let credentials, credentials.objectValue == nil {
            expected("an object", at: path + [.key("Credentials")], found: credentials)
        }
        return TaskState(resource: resource, timeout: timeout, heartbeat: heartbeat, credentials: credentials)
    }

    mutating func waitFields(_ object: JSONObject, path: [JSONPathComponent], language: QueryLanguage) -> WaitState? {
        let seconds = source("Seconds", in: object, path: path, language: language) { parser, value, path in
            parser.positiveInteger(value, path: path, allowZero: true)
        }
        let timestamp = source("Timestamp", in: object, path: path, language: language) {
            (parser: inout DefinitionParser, value: JSONValue, path: [JSONPathComponent]) -> String? in
            guard case .string(let text) = value else {
                parser.expected("a timestamp string", at: path, found: value)
                return nil
            }
            if Instant(parsing: text) == nil {
                parser.report(path, "expected an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, found \"\(text)\"")
            }
            return text
        }
        let given = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"].filter { object[$0] != nil }
        guard given.count == 1 else {
            if given.isEmpty {
                report(path, "a Wait state needs one of Seconds, SecondsPath, Timestamp or TimestampPath")
            } else {
                report(path, "a Wait state takes only one of \(given.joined(separator: ", "))")
            }
            return nil
        }
        if let seconds { return WaitState(duration: .seconds(seconds)) }
        if let timestamp { return WaitState(duration: .timestamp(timestamp)) }
        return nil
    }

    mutating func failFields(_ object: JSONObject, path: [JSONPathComponent], language: QueryLanguage) -> FailState {
        var fail = FailState()
        for (key, keyPath) in [("Error", \FailState.error), ("Cause", \FailState.cause)] {
            if language == .jsonPath, object[key + "Path"] != nil {
                if object[key] != nil { report(path, "\(key) and \(key)Path cannot both be given") }
                if let text = pathString(key + "Path", in: object, path: path, allowsIntrinsic: true) {
                    fail[keyPath: keyPath] = .path(text)
                }
            } else if let text = optionalString(key, in: object, path: path) {
                fail[keyPath: keyPath] =
                    language == .jsonata && text.isJSONataExpression ? .expression(text) : .literal(text)
            }
        }
        return fail
    }

    mutating func parallelFields(
        _ object: JSONObject, path: [JSONPathComponent], machine: QueryLanguage
    ) -> ParallelState {
        let branchesPath = path + [.key("Branches")]
        guard let value = object["Branches"] else {
            report(path, "the required field Branches is missing")
            return ParallelState(branches: [])
        }
        guard case .array(let elements) = value, !elements.isEmpty else {
            expected("a non-empty array of branches", at: branchesPath, found: value)
            return ParallelState(branches: [])
        }
        var branches: [StateMachineDefinition] = []
        for (index, element) in elements.enumerated() {
            if let branch = parseMachine(
                element, path: branchesPath + [.index(index)], inherited: machine, level: .branch)
            {
                branches.append(branch)
            }
        }
        return ParallelState(branches: branches)
    }

    mutating func mapFields(
        _ object: JSONObject, path: [JSONPathComponent], language: QueryLanguage, machine: QueryLanguage
    ) -> MapState? {
        guard let processor = mapProcessor(object, path: path, machine: machine) else { return nil }
        var map = MapState(processor: processor)
        map.itemsPath = pathString("ItemsPath", in: object, path: path)
        map.items = object["Items"]
        if let items = map.items, items.arrayValue == nil, !items.isJSONataExpression {
            expected("an array or a JSONata expression", at: path + [.key("Items")], found: items)
        }
        map.itemSelector = object["ItemSelector"]
        if object["ItemSelector"] != nil && object["Parameters"] != nil {
            report(path, "ItemSelector and its legacy name Parameters cannot both be given")
        }
        for (key, keyPath) in [
            ("ItemReader", \MapState.itemReader), ("ItemBatcher", \MapState.itemBatcher),
            ("ResultWriter", \MapState.resultWriter),
        ] {
            guard let value = object[key] else { continue }
            if case .object(let members) = value {
                map[keyPath: keyPath] = members
            } else {
                expected("an object", at: path + [.key(key)], found: value)
            }
        }
        map.maxConcurrency = source("MaxConcurrency", in: object, path: path, language: language) {
            parser, value, path in
            parser.positiveInteger(value, path: path, allowZero: true)
        }
        map.toleratedFailurePercentage = source(
            "ToleratedFailurePercentage", in: object, path: path, language: language
        ) { (parser: inout DefinitionParser, value: JSONValue, path: [JSONPathComponent]) -> Double? in
            guard let number = value.doubleValue, number >= 0, number <= 100 else {
                parser.expected("a number from 0 to 100", at: path, found: value)
                return nil
            }
            return number
        }
        map.toleratedFailureCount = source("ToleratedFailureCount", in: object, path: path, language: language) {
            parser, value, path in
            parser.positiveInteger(value, path: path, allowZero: true)
        }
        map.label = optionalString("Label", in: object, path: path)
        return map
    }

    private mutating func mapProcessor(
        _ object: JSONObject, path: [JSONPathComponent], machine: QueryLanguage
    ) -> MapProcessor? {
        let processorValue = object["ItemProcessor"]
        let iteratorValue = object["Iterator"]
        if processorValue != nil && iteratorValue != nil {
            report(path, "ItemProcessor and its legacy name Iterator cannot both be given")
        }
        guard let value = processorValue ?? iteratorValue else {
            report(path, "a Map state needs an ItemProcessor")
            return nil
        }
        let isLegacy = processorValue == nil
        let processorPath = path + [.key(isLegacy ? "Iterator" : "ItemProcessor")]
        guard let definition = parseMachine(value, path: processorPath, inherited: machine, level: .processor) else {
            return nil
        }
        var processor = MapProcessor(definition: definition, isLegacyIterator: isLegacy)
        guard let configValue = value["ProcessorConfig"] else { return processor }
        let configPath = processorPath + [.key("ProcessorConfig")]
        guard case .object(let config) = configValue else {
            expected("an object", at: configPath, found: configValue)
            return processor
        }
        if let mode = config["Mode"] {
            if case .string(let text) = mode, let parsed = MapProcessorMode(rawValue: text) {
                processor.mode = parsed
            } else {
                report(configPath + [.key("Mode")], "expected \"INLINE\" or \"DISTRIBUTED\", found \(mode.shortText)")
            }
        }
        if let type = config["ExecutionType"] {
            if case .string(let text) = type, text == "STANDARD" || text == "EXPRESS" {
                processor.executionType = text
            } else {
                report(
                    configPath + [.key("ExecutionType")],
                    "expected \"STANDARD\" or \"EXPRESS\", found \(type.shortText)")
            }
        }
        return processor
    }
}
