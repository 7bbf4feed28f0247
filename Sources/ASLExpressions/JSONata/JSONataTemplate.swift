import RetraceCore

/// A JSON value from a state definition (`Arguments`, `Output`, an `Assign` member, `Items`, `Condition`,
/// `TimeoutSeconds`, …) whose strings may be JSONata expressions, and its evaluation.
///
/// A string is an expression when it starts with `{%` and ends with `%}` exactly (no surrounding white space);
/// the text between is the expression, trimmed. Objects and arrays are walked at any depth; object keys are
/// never evaluated; every other string and value is copied as it is.
///
/// Undefined results: AWS Step Functions fails the state with `States.QueryEvaluationError` when an
/// expression in a field returns nothing, including one nested in an object (recorded histories show
/// "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing
/// (undefined)."), so `.fail` is the default. `.omit` instead drops the member or array element, which is
/// what JSONata's own object constructors do.
public struct JSONataTemplate: Sendable {
    /// The template as written.
    public let value: JSONValue
    /// The name of the field the template comes from (`Output`), which starts every error location.
    public let field: String
    private let root: Part

    /// One expression of the template and where it is.
    public struct Expression: Sendable {
        /// Where the string is, as Step Functions writes it in `EvaluationFailed` events (`Output/result`).
        public var location: String
        /// The expression text, without the `{%` `%}` delimiters and surrounding white space.
        public var text: String
        /// The parsed expression.
        public var expression: JSONataExpression
    }

    /// Every expression in the template, in document order.
    public let expressions: [Expression]

    private indirect enum Part: Sendable {
        case constant(JSONValue)
        case expression(Expression)
        case array([Part])
        case object([(key: String, part: Part)])
    }

    /// What to do when an expression returns nothing.
    public enum UndefinedPolicy: Sendable, Hashable {
        /// Fail with `JSONataTemplateError.undefinedResult`, as Step Functions does.
        case fail
        /// Drop the object member or array element (a whole-field expression still fails: there is nothing to
        /// drop it from).
        case omit
    }

    /// Finds and parses every expression in `value`.
    public init(_ value: JSONValue, field: String, limits: JSONataLimits = JSONataLimits()) throws(JSONataTemplateError)
    {
        self.value = value
        self.field = field
        var found: [Expression] = []
        root = try JSONataTemplate.compile(value, location: field, limits: limits, found: &found, depth: 0)
        expressions = found
    }

    /// The expression text of a string that is a whole `{% … %}` expression, trimmed; `nil` for other strings.
    public static func expressionText(_ string: String) -> String? {
        guard string.count >= 4, string.hasPrefix("{%"), string.hasSuffix("%}") else { return nil }
        return String(string.dropFirst(2).dropLast(2)).trimmingWhitespace
    }

    /// Whether `value` holds any expression.
    public var hasExpressions: Bool { !expressions.isEmpty }

    /// Evaluates every expression and returns the value with their results in place.
    public func evaluate(
        _ bindings: JSONataBindings, options: JSONataOptions = JSONataOptions(), undefined: UndefinedPolicy = .fail
    ) throws(JSONataTemplateError) -> JSONValue {
        guard let result = try evaluate(root, bindings, options, undefined) else {
            // Only a whole-field expression can leave nothing behind; `evaluate` has already reported it.
            return .null
        }
        return result
    }

    private func evaluate(
        _ part: Part, _ bindings: JSONataBindings, _ options: JSONataOptions, _ policy: UndefinedPolicy
    ) throws(JSONataTemplateError) -> JSONValue? {
        switch part {
        case .constant(let value): return value
        case .expression(let expression):
            let result: JSONValue?
            do {
                result = try expression.expression.evaluate(bindings, options: options)
            } catch {
                throw .evaluationFailed(location: expression.location, expression: expression.text, error: error)
            }
            if let result { return result }
            if policy == .omit && expression.location != field { return nil }
            throw .undefinedResult(location: expression.location, expression: expression.text)
        case .array(let parts):
            var items: [JSONValue] = []
            for part in parts {
                if let item = try evaluate(part, bindings, options, policy) { items.append(item) }
            }
            return .array(items)
        case .object(let members):
            var object = JSONObject()
            for member in members {
                if let item = try evaluate(member.part, bindings, options, policy) { object[member.key] = item }
            }
            return .object(object)
        }
    }

    private static func compile(
        _ value: JSONValue, location: String, limits: JSONataLimits, found: inout [Expression], depth: Int
    ) throws(JSONataTemplateError) -> Part {
        guard depth <= JSONReader.maxDepth else { throw .tooDeep(location: location) }
        switch value {
        case .string(let string):
            guard let text = expressionText(string) else { return .constant(value) }
            do {
                let expression = Expression(
                    location: location, text: text, expression: try JSONataExpression(text, limits: limits))
                found.append(expression)
                return .expression(expression)
            } catch {
                throw .invalidExpression(location: location, expression: text, error: error)
            }
        case .array(let items):
            let before = found.count
            var parts: [Part] = []
            for (index, item) in items.enumerated() {
                parts.append(
                    try compile(item, location: "\(location)/\(index)", limits: limits, found: &found, depth: depth + 1)
                )
            }
            return found.count == before ? .constant(value) : .array(parts)
        case .object(let object):
            let before = found.count
            var members: [(key: String, part: Part)] = []
            for (key, item) in object {
                members.append(
                    (
                        key,
                        try compile(
                            item, location: "\(location)/\(key)", limits: limits, found: &found, depth: depth + 1)
                    ))
            }
            return found.count == before ? .constant(value) : .object(members)
        default:
            return .constant(value)
        }
    }
}
