import RetraceCore

/// The fields particular to a Choice state.
public struct ChoiceState: Sendable, Hashable {
    /// The rules, tried in order; the first that holds decides the next state.
    public var choices: [ChoiceRule]
    /// `Default`: where to go when no rule holds. Without it, no match fails the execution with `States.Runtime`.
    public var defaultState: String?

    /// Creates the Choice fields.
    public init(choices: [ChoiceRule], defaultState: String? = nil) {
        self.choices = choices
        self.defaultState = defaultState
    }
}

/// A top-level element of `Choices`: a condition and where it leads.
public struct ChoiceRule: Sendable, Hashable {
    /// What must hold.
    public var condition: ChoiceCondition
    /// The state to go to when it holds.
    public var next: String
    /// Variables assigned when this rule is taken.
    public var assign: JSONObject?
    /// The state's output when this rule is taken (JSONata).
    public var output: JSONValue?
    /// The rule's `Comment`.
    public var comment: String?

    /// Creates a rule.
    public init(
        condition: ChoiceCondition, next: String, assign: JSONObject? = nil, output: JSONValue? = nil,
        comment: String? = nil
    ) {
        self.condition = condition
        self.next = next
        self.assign = assign
        self.output = output
        self.comment = comment
    }
}

/// A boolean expression of a Choice rule.
///
/// JSONPath rules nest with `And`, `Or` and `Not` down to comparisons of a `Variable`; JSONata rules are a single
/// `Condition` expression.
public indirect enum ChoiceCondition: Sendable, Hashable {
    /// `And`: every condition holds (a non-empty list).
    case and([ChoiceCondition])
    /// `Or`: at least one condition holds (a non-empty list).
    case or([ChoiceCondition])
    /// `Not`: the condition does not hold.
    case not(ChoiceCondition)
    /// A comparison of the value at `Variable`.
    case comparison(ChoiceComparison)
    /// A JSONata `Condition` (with its `{%` `%}` delimiters, or a literal boolean written as text).
    case jsonata(String)
}

/// `"Variable": …` with one comparison operator.
public struct ChoiceComparison: Sendable, Hashable {
    /// The reference path (or `$variable`) whose value is tested.
    public var variable: String
    /// The test.
    public var comparisonOperator: ComparisonOperator
    /// What the value is compared with: a literal, or a second path for the `…Path` operators.
    public var operand: ComparisonOperand

    /// Creates a comparison.
    public init(variable: String, comparisonOperator: ComparisonOperator, operand: ComparisonOperand) {
        self.variable = variable
        self.comparisonOperator = comparisonOperator
        self.operand = operand
    }

    /// The operator's field name as written in the definition: `NumericLessThanPath` for a path operand.
    public var fieldName: String {
        if case .path = operand { return comparisonOperator.rawValue + "Path" }
        return comparisonOperator.rawValue
    }
}

/// The right-hand side of a comparison.
public enum ComparisonOperand: Sendable, Hashable {
    /// A value written in the rule (`"NumericEquals": 3`).
    case value(JSONValue)
    /// A reference path (or `$variable`) read at run time (`"NumericEqualsPath": "$.limit"`).
    case path(String)
}

/// Every comparison operator of JSONPath Choice rules, spelled as its field name without the `Path` suffix.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    /// String equality.
    case stringEquals = "StringEquals"
    /// String order, as Java's `String.compareTo` (UTF-16 code units).
    case stringLessThan = "StringLessThan"
    /// String order.
    case stringGreaterThan = "StringGreaterThan"
    /// String order.
    case stringLessThanEquals = "StringLessThanEquals"
    /// String order.
    case stringGreaterThanEquals = "StringGreaterThanEquals"
    /// Wildcard match with `*` (no `Path` form).
    case stringMatches = "StringMatches"
    /// Numeric equality.
    case numericEquals = "NumericEquals"
    /// Numeric order.
    case numericLessThan = "NumericLessThan"
    /// Numeric order.
    case numericGreaterThan = "NumericGreaterThan"
    /// Numeric order.
    case numericLessThanEquals = "NumericLessThanEquals"
    /// Numeric order.
    case numericGreaterThanEquals = "NumericGreaterThanEquals"
    /// Boolean equality.
    case booleanEquals = "BooleanEquals"
    /// Timestamps compared as instants.
    case timestampEquals = "TimestampEquals"
    /// Timestamp order.
    case timestampLessThan = "TimestampLessThan"
    /// Timestamp order.
    case timestampGreaterThan = "TimestampGreaterThan"
    /// Timestamp order.
    case timestampLessThanEquals = "TimestampLessThanEquals"
    /// Timestamp order.
    case timestampGreaterThanEquals = "TimestampGreaterThanEquals"
    /// Whether the value is (`true`) or is not (`false`) JSON null.
    case isNull = "IsNull"
    /// Whether the path exists in the input.
    case isPresent = "IsPresent"
    /// Whether the value is a number.
    case isNumeric = "IsNumeric"
    /// Whether the value is a string.
    case isString = "IsString"
    /// Whether the value is a boolean.
    case isBoolean = "IsBoolean"
    /// Whether the value is a string holding a valid timestamp.
    case isTimestamp = "IsTimestamp"

    /// The JSON type the literal operand must have.
    public var operandKind: OperandKind {
        switch self {
        case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals,
            .stringMatches:
            return .string
        case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals, .numericGreaterThanEquals:
            return .number
        case .booleanEquals, .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp:
            return .boolean
        case .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals,
            .timestampGreaterThanEquals:
            return .timestamp
        }
    }

    /// Whether the operator also exists with a `Path` suffix comparing two paths.
    public var hasPathForm: Bool {
        switch self {
        case .stringMatches, .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp: return false
        default: return true
        }
    }

    /// The kinds of literal operand.
    public enum OperandKind: Sendable, Hashable {
        /// A JSON string.
        case string
        /// A JSON number.
        case number
        /// `true` or `false`.
        case boolean
        /// A string holding an RFC 3339 timestamp.
        case timestamp
    }
}
