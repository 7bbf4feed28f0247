import RetraceCore

extension DefinitionParser {
    /// AWS's ceiling on `MaxAttempts`.
    static let maximumAttempts: Int64 = 99_999_999
    /// AWS's ceiling on `MaxDelaySeconds` (one year and a day).
    static let maximumDelaySeconds: Int64 = 31_622_400

    mutating func retriers(in object: JSONObject, path: [JSONPathComponent]) -> [Retrier] {
        let listPath = path + [.key("Retry")]
        guard let elements = objectArray("Retry", in: object, path: path) else { return [] }
        var retriers: [Retrier] = []
        for (index, element) in elements.enumerated() {
            let elementPath = listPath + [.index(index)]
            guard case .object(let fields) = element else {
                expected("a retrier object", at: elementPath, found: element)
                continue
            }
            let errors = errorEquals(fields, path: elementPath, isLast: index == elements.count - 1)
            var retrier = Retrier(errorEquals: errors)
            retrier.comment = optionalString("Comment", in: fields, path: elementPath)
            if let value = fields["IntervalSeconds"],
                let interval = positiveInteger(value, path: elementPath + [.key("IntervalSeconds")])
            {
                retrier.intervalSeconds = interval
            }
            if let value = fields["MaxAttempts"],
                let attempts = positiveInteger(value, path: elementPath + [.key("MaxAttempts")], allowZero: true)
            {
                if attempts > Self.maximumAttempts {
                    report(elementPath + [.key("MaxAttempts")], "MaxAttempts can be at most \(Self.maximumAttempts)")
                }
                retrier.maxAttempts = attempts
            }
            if let value = fields["BackoffRate"] {
                if let rate = value.doubleValue, rate >= 1 {
                    retrier.backoffRate = rate
                } else {
                    expected("a number of at least 1.0", at: elementPath + [.key("BackoffRate")], found: value)
                }
            }
            if let value = fields["MaxDelaySeconds"],
                let delay = positiveInteger(value, path: elementPath + [.key("MaxDelaySeconds")])
            {
                if delay >= Self.maximumDelaySeconds {
                    report(
                        elementPath + [.key("MaxDelaySeconds")],
                        "MaxDelaySeconds must be less than \(Self.maximumDelaySeconds)")
                }
                retrier.maxDelaySeconds = delay
            }
            if let value = fields["JitterStrategy"] {
                if case .string(let text) = value, let strategy = JitterStrategy(rawValue: text) {
                    retrier.jitterStrategy = strategy
                } else {
                    report(
                        elementPath + [.key("JitterStrategy")],
                        "expected \"FULL\" or \"NONE\", found \(value.shortText)")
                }
            }
            retriers.append(retrier)
        }
        return retriers
    }

    mutating func catchers(in object: JSONObject, path: [JSONPathComponent], language: QueryLanguage) -> [Catcher] {
        let listPath = path + [.key("Catch")]
        guard let elements = objectArray("Catch", in: object, path: path) else { return [] }
        var catchers: [Catcher] = []
        for (index, element) in elements.enumerated() {
            let elementPath = listPath + [.index(index)]
            guard case .object(let fields) = element else {
                expected("a catcher object", at: elementPath, found: element)
                continue
            }
            let errors = errorEquals(fields, path: elementPath, isLast: index == elements.count - 1)
            guard let next = requiredString("Next", in: fields, path: elementPath) else { continue }
            var catcher = Catcher(errorEquals: errors, next: next)
            catcher.comment = optionalString("Comment", in: fields, path: elementPath)
            catcher.assign = assign(in: fields, path: elementPath)
            if language == .jsonPath {
                catcher.resultPath = pathSetting("ResultPath", in: fields, path: elementPath)
                if fields["Output"] != nil {
                    report(elementPath + [.key("Output")], "Output is not allowed in a JSONPath state; use ResultPath")
                }
            } else {
                catcher.output = fields["Output"]
                if fields["ResultPath"] != nil {
                    report(
                        elementPath + [.key("ResultPath")], "ResultPath is not allowed in a JSONata state; use Output")
                }
            }
            catchers.append(catcher)
        }
        return catchers
    }

    private mutating func objectArray(_ key: String, in object: JSONObject, path: [JSONPathComponent]) -> [JSONValue]? {
        guard let value = object[key] else { return nil }
        guard case .array(let elements) = value else {
            expected("an array", at: path + [.key(key)], found: value)
            return nil
        }
        return elements
    }

    /// `ErrorEquals`: a non-empty array of strings; `States.ALL` must stand alone, in the last retrier or catcher.
    private mutating func errorEquals(_ fields: JSONObject, path: [JSONPathComponent], isLast: Bool) -> [String] {
        let fieldPath = path + [.key("ErrorEquals")]
        guard let value = fields["ErrorEquals"] else {
            report(path, "the required field ErrorEquals is missing")
            return []
        }
        guard case .array(let elements) = value, !elements.isEmpty else {
            expected("a non-empty array of strings", at: fieldPath, found: value)
            return []
        }
        var names: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let name) = element else {
                expected("a string", at: fieldPath + [.index(index)], found: element)
                continue
            }
            names.append(name)
        }
        if names.contains("States.ALL") {
            if names.count > 1 {
                report(fieldPath, "States.ALL must be the only error name in its list")
            } else if !isLast {
                report(fieldPath, "States.ALL can appear only in the last retrier or catcher")
            }
        }
        return names
    }
}
