import ASLExpressions
import RetraceCore

/// Checks the JSONPath-side expressions of a definition the way AWS does when a state machine is created: every
/// path parses, fields that need a reference path have one, and every `.$` template field holds a valid path or
/// intrinsic call.
///
/// It is kept apart from the definition parser, which reads structure only: these checks need the expression
/// parsers of `ASLExpressions`. JSONata expressions are not checked yet.
public enum DefinitionExpressionCheck {
    /// Every problem found, each with the JSON path of the offending field.
    public static func problems(in definition: StateMachineDefinition) -> [DefinitionProblem] {
        var problems: [DefinitionProblem] = []
        for scoped in definition.allStates where scoped.state.queryLanguage == .jsonPath {
            check(scoped.state, at: scoped.path, into: &problems)
        }
        return problems
    }

    private static func check(
        _ state: StateDefinition, at path: [JSONPathComponent], into problems: inout [DefinitionProblem]
    ) {
        func field(_ key: String) -> [JSONPathComponent] { path + [.key(key)] }
        if let text = state.inputPath?.path { checkPath(text, at: field("InputPath"), into: &problems) }
        if let text = state.outputPath?.path { checkPath(text, at: field("OutputPath"), into: &problems) }
        if let text = state.resultPath?.path { checkResultPath(text, at: field("ResultPath"), into: &problems) }
        for (key, template) in [("Parameters", state.parameters), ("ResultSelector", state.resultSelector)] {
            if let template { checkTemplate(template, at: field(key), into: &problems) }
        }
        if let assign = state.assign { checkTemplate(.object(assign), at: field("Assign"), into: &problems) }
        for (index, catcher) in state.catchers.enumerated() {
            let catcherPath = field("Catch") + [.index(index)]
            if let text = catcher.resultPath?.path {
                checkResultPath(text, at: catcherPath + [.key("ResultPath")], into: &problems)
            }
            if let assign = catcher.assign {
                checkTemplate(.object(assign), at: catcherPath + [.key("Assign")], into: &problems)
            }
        }
        switch state.kind {
        case .task(let task):
            if case .path(let text)? = task.timeout {
                checkReference(text, at: field("TimeoutSecondsPath"), into: &problems)
            }
            if case .path(let text)? = task.heartbeat {
                checkReference(text, at: field("HeartbeatSecondsPath"), into: &problems)
            }
            if let credentials = task.credentials {
                checkTemplate(credentials, at: field("Credentials"), into: &problems)
            }
        case .wait(let wait):
            switch wait.duration {
            case .seconds(.path(let text)): checkReference(text, at: field("SecondsPath"), into: &problems)
            case .timestamp(.path(let text)): checkReference(text, at: field("TimestampPath"), into: &problems)
            default: break
            }
        case .fail(let fail):
            if case .path(let text)? = fail.error { checkExpression(text, at: field("ErrorPath"), into: &problems) }
            if case .path(let text)? = fail.cause { checkExpression(text, at: field("CausePath"), into: &problems) }
        case .choice(let choice):
            for (index, rule) in choice.choices.enumerated() {
                let rulePath = field("Choices") + [.index(index)]
                checkCondition(rule.condition, at: rulePath, into: &problems)
                if let assign = rule.assign {
                    checkTemplate(.object(assign), at: rulePath + [.key("Assign")], into: &problems)
                }
            }
        case .map(let map):
            if let text = map.itemsPath { checkReference(text, at: field("ItemsPath"), into: &problems) }
            if let selector = map.itemSelector { checkTemplate(selector, at: field("ItemSelector"), into: &problems) }
            for (key, source) in [
                ("MaxConcurrencyPath", map.maxConcurrency), ("ToleratedFailureCountPath", map.toleratedFailureCount),
            ] {
                if case .path(let text)? = source { checkReference(text, at: field(key), into: &problems) }
            }
            if case .path(let text)? = map.toleratedFailurePercentage {
                checkReference(text, at: field("ToleratedFailurePercentagePath"), into: &problems)
            }
        case .pass, .succeed, .parallel:
            break
        }
    }

    private static func checkCondition(
        _ condition: ChoiceCondition, at path: [JSONPathComponent], into problems: inout [DefinitionProblem]
    ) {
        switch condition {
        case .and(let conditions), .or(let conditions):
            let key = if case .and = condition { "And" } else { "Or" }
            for (index, inner) in conditions.enumerated() {
                checkCondition(inner, at: path + [.key(key), .index(index)], into: &problems)
            }
        case .not(let inner):
            checkCondition(inner, at: path + [.key("Not")], into: &problems)
        case .comparison(let comparison):
            checkReference(comparison.variable, at: path + [.key("Variable")], into: &problems)
            if case .path(let text) = comparison.operand {
                checkReference(text, at: path + [.key(comparison.fieldName)], into: &problems)
            }
        case .jsonata:
            break
        }
    }

    private static func checkTemplate(
        _ template: JSONValue, at path: [JSONPathComponent], into problems: inout [DefinitionProblem]
    ) {
        var pending: [(JSONValue, [JSONPathComponent])] = [(template, path)]
        while let (value, valuePath) = pending.popLast() {
            switch value {
            case .object(let object):
                for (key, member) in object {
                    if key.hasSuffix(".$") && key.count > 2 {
                        guard case .string(let text) = member else {
                            problems.append(
                                DefinitionProblem(
                                    path: valuePath + [.key(key)],
                                    message:
                                        "expected a path or an intrinsic function call, found \(member.kindDescription)"
                                ))
                            continue
                        }
                        checkExpression(text, at: valuePath + [.key(key)], into: &problems)
                    } else {
                        pending.append((member, valuePath + [.key(key)]))
                    }
                }
            case .array(let elements):
                for (index, element) in elements.enumerated() { pending.append((element, valuePath + [.index(index)])) }
            default:
                break
            }
        }
    }

    /// A path, or an intrinsic function call (`.$` fields, `ErrorPath`, `CausePath`).
    private static func checkExpression(
        _ text: String, at path: [JSONPathComponent], into problems: inout [DefinitionProblem]
    ) {
        if IntrinsicCall.looksLikeCall(text) {
            do {
                _ = try IntrinsicCall(parsing: text)
            } catch {
                problems.append(DefinitionProblem(path: path, message: error.description))
            }
        } else {
            checkPath(text, at: path, into: &problems)
        }
    }

    private static func checkPath(
        _ text: String, at path: [JSONPathComponent], into problems: inout [DefinitionProblem]
    ) {
        do {
            _ = try JSONPath(text)
        } catch {
            problems.append(DefinitionProblem(path: path, message: error.description))
        }
    }

    private static func checkReference(
        _ text: String, at path: [JSONPathComponent], into problems: inout [DefinitionProblem]
    ) {
        do {
            _ = try JSONPath(referencePath: text)
        } catch {
            problems.append(DefinitionProblem(path: path, message: error.description))
        }
    }

    private static func checkResultPath(
        _ text: String, at path: [JSONPathComponent], into problems: inout [DefinitionProblem]
    ) {
        do {
            let parsed = try JSONPath(referencePath: text)
            if parsed.root != .input {
                problems.append(
                    DefinitionProblem(path: path, message: "a ResultPath must start with '$', not '$$' or a variable"))
            }
        } catch {
            problems.append(DefinitionProblem(path: path, message: error.description))
        }
    }
}
