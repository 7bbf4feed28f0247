import ASLExpressions
import RetraceCore
import StepFunctions

/// Decides a Choice state: tries its rules in order against the state's input and the variables, and returns the
/// first rule that holds, the `Default`, or `noMatch`.
///
/// Semantics follow AWS:
/// - a comparison whose value has the wrong type is false, never an error (`NumericEquals` on a string);
/// - a `Variable` that selects nothing fails the state (`States.Runtime`) for every operator but `IsPresent`,
///   which is then false; the same holds for the second path of `…Path` operators;
/// - strings compare as Java does (UTF-16 code units), numbers by value, timestamps as instants (RFC 3339 with
///   uppercase `T` and `Z` or an offset; a string that is not one makes a timestamp comparison false);
/// - `StringMatches` treats `*` as a wildcard, `\*` and `\\` as literal characters.
public struct ChoiceEvaluator: Sendable {
    /// Evaluates JSONata `Condition`s (written `{% … %}`); the JSONata engine supplies it. Literal `true` and
    /// `false` conditions need no evaluator.
    public var jsonataCondition: (@Sendable (String, ExpressionEnvironment) throws -> Bool)?

    /// Creates an evaluator.
    public init(jsonataCondition: (@Sendable (String, ExpressionEnvironment) throws -> Bool)? = nil) {
        self.jsonataCondition = jsonataCondition
    }

    /// The decision for `state` given `environment` (its `input` is the state's effective input).
    public func choose(_ state: ChoiceState, in environment: ExpressionEnvironment) throws(ChoiceEvaluationError)
        -> ChoiceOutcome
    {
        for (index, rule) in state.choices.enumerated() where try holds(rule.condition, in: environment) {
            return .rule(index: index, next: rule.next)
        }
        if let fallback = state.defaultState { return .defaultState(fallback) }
        return .noMatch
    }

    /// Whether `condition` holds.
    public func holds(_ condition: ChoiceCondition, in environment: ExpressionEnvironment) throws(ChoiceEvaluationError)
        -> Bool
    {
        switch condition {
        case .and(let conditions):
            for inner in conditions where try !holds(inner, in: environment) { return false }
            return true
        case .or(let conditions):
            for inner in conditions where try holds(inner, in: environment) { return true }
            return false
        case .not(let inner):
            return try !holds(inner, in: environment)
        case .comparison(let comparison):
            return try holds(comparison, in: environment)
        case .jsonata(let expression):
            return try jsonata(expression, in: environment)
        }
    }

    private func jsonata(_ expression: String, in environment: ExpressionEnvironment) throws(ChoiceEvaluationError)
        -> Bool
    {
        let trimmed = expression.trimmingWhitespace
        if trimmed == "true" { return true }
        if trimmed == "false" { return false }
        guard let jsonataCondition else { throw .jsonataUnavailable(expression: expression) }
        do {
            return try jsonataCondition(expression, environment)
        } catch {
            throw .jsonataFailed(expression: expression, message: "\(error)")
        }
    }

    private func holds(_ comparison: ChoiceComparison, in environment: ExpressionEnvironment)
        throws(ChoiceEvaluationError) -> Bool
    {
        let variable = try Self.parse(comparison.variable)
        let expected: JSONValue
        switch comparison.operand {
        case .value(let value):
            expected = value
        case .path(let text):
            guard let value = try Self.value(at: Self.parse(text), in: environment) else {
                throw .invalidPath(path: text)
            }
            expected = value
        }
        if comparison.comparisonOperator == .isPresent {
            guard case .bool(let wanted) = expected else { return false }
            return variable.exists(in: environment) == wanted
        }
        guard let actual = try Self.value(at: variable, in: environment) else {
            throw .invalidPath(path: comparison.variable)
        }
        return Self.compare(actual, comparison.comparisonOperator, expected)
    }

    private static func parse(_ text: String) throws(ChoiceEvaluationError) -> JSONPath {
        do {
            return try JSONPath(text)
        } catch {
            throw .path(error)
        }
    }

    /// The value at `path`, or `nil` when it selects nothing; undefined variables are errors.
    private static func value(at path: JSONPath, in environment: ExpressionEnvironment) throws(ChoiceEvaluationError)
        -> JSONValue?
    {
        do {
            return try path.evaluate(in: environment)
        } catch .notFound {
            return nil
        } catch {
            throw .path(error)
        }
    }

    /// Applies one operator; operands of the wrong type make it false.
    static func compare(_ actual: JSONValue, _ comparisonOperator: ComparisonOperator, _ expected: JSONValue) -> Bool {
        switch comparisonOperator {
        case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals:
            guard case .string(let left) = actual, case .string(let right) = expected else { return false }
            return satisfies(JavaStringOrder.compare(left, right), comparisonOperator)
        case .stringMatches:
            guard case .string(let text) = actual, case .string(let pattern) = expected else { return false }
            return StringMatchPattern(pattern).matches(text)
        case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals, .numericGreaterThanEquals:
            guard let order = numericOrder(actual, expected) else { return false }
            return satisfies(order, comparisonOperator)
        case .booleanEquals:
            guard case .bool(let left) = actual, case .bool(let right) = expected else { return false }
            return left == right
        case .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals,
            .timestampGreaterThanEquals:
            guard case .string(let leftText) = actual, case .string(let rightText) = expected,
                let left = ASLTimestamp(leftText), let right = ASLTimestamp(rightText)
            else { return false }
            return satisfies(left < right ? -1 : left > right ? 1 : 0, comparisonOperator)
        case .isNull, .isNumeric, .isString, .isBoolean, .isTimestamp, .isPresent:
            guard case .bool(let wanted) = expected else { return false }
            let isKind: Bool
            switch comparisonOperator {
            case .isNull: isKind = actual == .null
            case .isNumeric: isKind = actual.doubleValue != nil
            case .isString: isKind = actual.stringValue != nil
            case .isBoolean:
                if case .bool = actual { isKind = true } else { isKind = false }
            case .isTimestamp: isKind = actual.stringValue.flatMap(ASLTimestamp.init) != nil
            default: isKind = true
            }
            return isKind == wanted
        }
    }

    /// -1, 0 or 1 for two numbers (exact for two integers); `nil` unless both are numbers.
    private static func numericOrder(_ lhs: JSONValue, _ rhs: JSONValue) -> Int? {
        if let exact = JSONValue.numericOrder(lhs, rhs) { return exact }
        guard let left = lhs.doubleValue, let right = rhs.doubleValue, !left.isNaN, !right.isNaN else { return nil }
        return left < right ? -1 : left > right ? 1 : 0
    }

    private static func satisfies(_ order: Int, _ comparisonOperator: ComparisonOperator) -> Bool {
        switch comparisonOperator {
        case .stringEquals, .numericEquals, .timestampEquals: return order == 0
        case .stringLessThan, .numericLessThan, .timestampLessThan: return order < 0
        case .stringGreaterThan, .numericGreaterThan, .timestampGreaterThan: return order > 0
        case .stringLessThanEquals, .numericLessThanEquals, .timestampLessThanEquals: return order <= 0
        case .stringGreaterThanEquals, .numericGreaterThanEquals, .timestampGreaterThanEquals: return order >= 0
        default: return false
        }
    }
}
