import RetraceCore

/// Which fields each state type accepts in each query language.
///
/// AWS refuses a definition that uses a known field where it does not apply (`Retry` on a Pass state,
/// `Parameters` in a JSONata state); fields it does not know at all are kept as unknown, since they are most likely
/// newer ASL than this table.
enum StateFieldRules {
    static let common: Set<String> = ["Type", "Comment", "QueryLanguage", "Assign"]

    /// Every field name any state may have in either language.
    static let allKnown: Set<String> = {
        var all = common
        for type in StateType.allCases {
            for language in QueryLanguage.allCases { all.formUnion(allowed(type, language)) }
        }
        return all
    }()

    static func allowed(_ type: StateType, _ language: QueryLanguage) -> Set<String> {
        let jsonPath = language == .jsonPath
        let flow: Set<String> = ["Next", "End"]
        let errors: Set<String> = ["Retry", "Catch"]
        let io: Set<String> = jsonPath ? ["InputPath", "OutputPath"] : ["Output"]
        var fields = common.union(io)
        switch type {
        case .task:
            fields.formUnion(flow)
            fields.formUnion(errors)
            fields.formUnion(["Resource", "TimeoutSeconds", "HeartbeatSeconds", "Credentials"])
            fields.formUnion(
                jsonPath
                    ? ["Parameters", "ResultSelector", "ResultPath", "TimeoutSecondsPath", "HeartbeatSecondsPath"]
                    : ["Arguments"])
        case .pass:
            fields.formUnion(flow)
            if jsonPath { fields.formUnion(["Parameters", "ResultPath", "Result"]) }
        case .choice:
            fields.formUnion(["Choices", "Default"])
        case .wait:
            fields.formUnion(flow)
            fields.formUnion(["Seconds", "Timestamp"])
            if jsonPath { fields.formUnion(["SecondsPath", "TimestampPath"]) }
        case .succeed:
            fields.remove("Assign")
        case .fail:
            fields = common.subtracting(["Assign"]).union(["Error", "Cause"])
            if jsonPath { fields.formUnion(["ErrorPath", "CausePath"]) }
        case .parallel:
            fields.formUnion(flow)
            fields.formUnion(errors)
            fields.insert("Branches")
            fields.formUnion(jsonPath ? ["Parameters", "ResultSelector", "ResultPath"] : ["Arguments"])
        case .map:
            fields.formUnion(flow)
            fields.formUnion(errors)
            fields.formUnion([
                "ItemProcessor", "ItemSelector", "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency",
                "ToleratedFailurePercentage", "ToleratedFailureCount", "Label",
            ])
            fields.formUnion(
                jsonPath
                    ? [
                        "Parameters", "ResultSelector", "ResultPath", "Iterator", "ItemsPath", "MaxConcurrencyPath",
                        "ToleratedFailurePercentagePath", "ToleratedFailureCountPath",
                    ]
                    : ["Items"])
        }
        return fields
    }
}

/// Checks one state object's field names against `StateFieldRules` and keeps the unknown ones.
struct StateReader {
    let object: JSONObject
    let path: [JSONPathComponent]
    let type: StateType
    let language: QueryLanguage
    private(set) var unknownFields = JSONObject()

    init(object: JSONObject, path: [JSONPathComponent], type: StateType, language: QueryLanguage) {
        self.object = object
        self.path = path
        self.type = type
        self.language = language
    }

    mutating func checkFields(parser: inout DefinitionParser) {
        let allowed = StateFieldRules.allowed(type, language)
        for (key, value) in object where !allowed.contains(key) {
            if !StateFieldRules.allKnown.contains(key) {
                unknownFields[key] = value
            } else if StateFieldRules.allowed(type, language == .jsonPath ? .jsonata : .jsonPath).contains(key) {
                let hint = language == .jsonata ? "; JSONata states use Arguments, Output and {% %} expressions" : ""
                parser.report(path + [.key(key)], "\(key) is not allowed in a \(language.rawValue) state\(hint)")
            } else {
                parser.report(path + [.key(key)], "\(key) is not allowed in a \(type.rawValue) state")
            }
        }
    }
}
