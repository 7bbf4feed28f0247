import RetraceCore

extension DefinitionParser {
    /// Choice rules nested deeper than this are refused, bounding recursion on hostile input.
    static let maximumConditionDepth = 64

    mutating func choiceFields(_ object: JSONObject, path: [JSONPathComponent], language: QueryLanguage) -> ChoiceState
    {
        let defaultState = optionalString("Default", in: object, path: path)
        let choicesPath = path + [.key("Choices")]
        guard let value = object["Choices"] else {
            report(path, "the required field Choices is missing")
            return ChoiceState(choices: [], defaultState: defaultState)
        }
        guard case .array(let elements) = value, !elements.isEmpty else {
            expected("a non-empty array of choice rules", at: choicesPath, found: value)
            return ChoiceState(choices: [], defaultState: defaultState)
        }
        var rules: [ChoiceRule] = []
        for (index, element) in elements.enumerated() {
            let rulePath = choicesPath + [.index(index)]
            guard case .object(let fields) = element else {
                expected("a choice rule object", at: rulePath, found: element)
                continue
            }
            let next = requiredString("Next", in: fields, path: rulePath)
            let condition: ChoiceCondition?
            if language == .jsonata {
                condition = jsonataCondition(fields, path: rulePath)
            } else {
                condition = comparisonCondition(fields, path: rulePath, depth: 0)
            }
            guard let next, let condition else { continue }
            var rule = ChoiceRule(condition: condition, next: next)
            rule.comment = optionalString("Comment", in: fields, path: rulePath)
            rule.assign = assign(in: fields, path: rulePath)
            rule.output = fields["Output"]
            if language == .jsonPath, fields["Output"] != nil {
                report(rulePath + [.key("Output")], "Output is not allowed in a JSONPath state")
            }
            rules.append(rule)
        }
        return ChoiceState(choices: rules, defaultState: defaultState)
    }

    private mutating func jsonataCondition(_ fields: JSONObject, path: [JSONPathComponent]) -> ChoiceCondition? {
        guard let value = fields["Condition"] else {
            report(path, "a JSONata choice rule needs a Condition")
            return nil
        }
        switch value {
        case .string(let text): return .jsonata(text)
        case .bool(let flag): return .jsonata(flag ? "true" : "false")
        default:
            expected("a JSONata expression or a boolean", at: path + [.key("Condition")], found: value)
            return nil
        }
    }

    /// A JSONPath rule: exactly one of `And`, `Or`, `Not`, or `Variable` with one comparison operator.
    private mutating func comparisonCondition(
        _ fields: JSONObject, path: [JSONPathComponent], depth: Int
    ) -> ChoiceCondition? {
        guard depth < Self.maximumConditionDepth else {
            report(path, "choice rules are nested more than \(Self.maximumConditionDepth) levels deep")
            return nil
        }
        if depth > 0 && fields["Next"] != nil {
            report(path + [.key("Next")], "Next is allowed only in a top-level choice rule")
        }
        if fields["Condition"] != nil {
            report(path + [.key("Condition")], "Condition is allowed only in JSONata states")
        }
        let forms = ["And", "Or", "Not", "Variable"].filter { fields[$0] != nil }
        guard forms.count == 1, let form = forms.first else {
            if forms.isEmpty {
                report(path, "a choice rule needs Variable with a comparison, or And, Or or Not")
            } else {
                report(path, "a choice rule takes only one of \(forms.joined(separator: ", "))")
            }
            return nil
        }
        switch form {
        case "And", "Or":
            let listPath = path + [.key(form)]
            guard case .array(let elements)? = fields[form], !elements.isEmpty else {
                expected("a non-empty array of choice rules", at: listPath, found: fields[form] ?? .null)
                return nil
            }
            var conditions: [ChoiceCondition] = []
            for (index, element) in elements.enumerated() {
                guard case .object(let nested) = element else {
                    expected("a choice rule object", at: listPath + [.index(index)], found: element)
                    continue
                }
                if let condition = comparisonCondition(nested, path: listPath + [.index(index)], depth: depth + 1) {
                    conditions.append(condition)
                }
            }
            guard conditions.count == elements.count else { return nil }
            return form == "And" ? .and(conditions) : .or(conditions)
        case "Not":
            guard case .object(let nested)? = fields["Not"] else {
                expected("a choice rule object", at: path + [.key("Not")], found: fields["Not"] ?? .null)
                return nil
            }
            return comparisonCondition(nested, path: path + [.key("Not")], depth: depth + 1).map { .not($0) }
        default:
            return comparison(fields, path: path)
        }
    }

    private mutating func comparison(_ fields: JSONObject, path: [JSONPathComponent]) -> ChoiceCondition? {
        guard let variable = pathString("Variable", in: fields, path: path) else { return nil }
        var found: [(ComparisonOperator, isPath: Bool, key: String)] = []
        for candidate in ComparisonOperator.allCases {
            if fields[candidate.rawValue] != nil { found.append((candidate, false, candidate.rawValue)) }
            if candidate.hasPathForm, fields[candidate.rawValue + "Path"] != nil {
                found.append((candidate, true, candidate.rawValue + "Path"))
            }
        }
        guard found.count == 1, let (comparisonOperator, isPath, key) = found.first else {
            if found.isEmpty {
                report(path, "a choice rule with Variable needs a comparison operator such as StringEquals")
            } else {
                report(
                    path,
                    "a choice rule takes one comparison operator, found \(found.map(\.key).joined(separator: ", "))")
            }
            return nil
        }
        let operandPath = path + [.key(key)]
        guard let operandValue = fields[key] else { return nil }
        if isPath {
            guard case .string(let text) = operandValue, text.hasPrefix("$") else {
                report(operandPath, "expected a path starting with '$', found \(operandValue.shortText)")
                return nil
            }
            return .comparison(
                ChoiceComparison(variable: variable, comparisonOperator: comparisonOperator, operand: .path(text)))
        }
        switch (comparisonOperator.operandKind, operandValue) {
        case (.string, .string), (.number, .integer), (.number, .number), (.boolean, .bool):
            break
        case (.timestamp, .string(let text)):
            if Instant(parsing: text) == nil {
                report(operandPath, "expected an RFC 3339 timestamp such as 2016-08-18T17:33:00Z, found \"\(text)\"")
                return nil
            }
        case (let kind, _):
            let wanted: String
            switch kind {
            case .string: wanted = "a string"
            case .number: wanted = "a number"
            case .boolean: wanted = "a boolean"
            case .timestamp: wanted = "a timestamp string"
            }
            expected(wanted, at: operandPath, found: operandValue)
            return nil
        }
        return .comparison(
            ChoiceComparison(variable: variable, comparisonOperator: comparisonOperator, operand: .value(operandValue)))
    }
}
