import RetraceCore

/// Resolves payload templates: the values of `Parameters`, `ResultSelector`, `ItemSelector`, Task `Credentials`,
/// and (in JSONPath states) `Assign`.
///
/// A member whose key ends in `.$` is replaced by a member without the suffix whose value is computed from the
/// string it holds: a path (`$.a`), a context path (`$$.Execution.Id`), a variable (`$name`), or an intrinsic
/// function call (`States.Format(…)`). Other members are kept, and objects and arrays inside them are resolved the
/// same way.
public struct PayloadTemplate: Sendable {
    /// Evaluates the intrinsic function calls found in templates.
    public var intrinsics: IntrinsicEvaluator

    /// Creates a resolver.
    public init(intrinsics: IntrinsicEvaluator = IntrinsicEvaluator()) {
        self.intrinsics = intrinsics
    }

    /// Resolves `template` against `environment` (whose `input` is what `$` means: the effective input for
    /// `Parameters`, the task result for `ResultSelector`).
    public func resolve(_ template: JSONValue, in environment: ExpressionEnvironment) throws(PayloadTemplateError)
        -> JSONValue
    {
        try resolve(template, in: environment, depth: 0)
    }

    /// Computes the value of one `.$` field.
    public func evaluateField(_ expression: String, field: String, in environment: ExpressionEnvironment)
        throws(PayloadTemplateError) -> JSONValue
    {
        if IntrinsicCall.looksLikeCall(expression) {
            do {
                return try intrinsics.evaluate(expression, in: environment)
            } catch {
                throw .intrinsic(field: field, error)
            }
        }
        guard expression.hasPrefix("$") else { throw .notAnExpression(field: field, value: expression) }
        do {
            return try JSONPath(expression).evaluate(in: environment)
        } catch .notFound {
            throw .pathNotFound(field: field, path: expression, input: environment.input)
        } catch {
            throw .path(field: field, error)
        }
    }

    /// Templates nested deeper than this are refused (a bound on recursion; JSON parsing already limits depth).
    /// Public so that code walking a template's result (the replayer's masking) stops at the same depth.
    public static let maximumDepth = 128

    private func resolve(
        _ template: JSONValue, in environment: ExpressionEnvironment, depth: Int
    ) throws(PayloadTemplateError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw .tooDeep }
        switch template {
        case .object(let object):
            var output = JSONObject()
            for (key, value) in object {
                if key.hasSuffix(".$") && key.count > 2 {
                    let name = String(key.dropLast(2))
                    guard case .string(let expression) = value else {
                        throw .notAnExpression(field: key, value: value.serialized())
                    }
                    guard output[name] == nil, object[name] == nil else { throw .duplicateField(name: name) }
                    output[name] = try evaluateField(expression, field: key, in: environment)
                } else {
                    guard output[key] == nil else { throw .duplicateField(name: key) }
                    output[key] = try resolve(value, in: environment, depth: depth + 1)
                }
            }
            return .object(output)
        case .array(let elements):
            var output: [JSONValue] = []
            output.reserveCapacity(elements.count)
            for element in elements {
                output.append(try resolve(element, in: environment, depth: depth + 1))
            }
            return .array(output)
        default:
            return template
        }
    }
}

/// Why a payload template could not be resolved.
public enum PayloadTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `.$` field's path selected nothing (AWS: "The JSONPath '$.x' specified for the field 'x.$' could not be
    /// found in the input '…'").
    case pathNotFound(field: String, path: String, input: JSONValue)
    /// A `.$` field's path is invalid or refers to an undefined variable.
    case path(field: String, JSONPathError)
    /// A `.$` field's intrinsic function failed.
    case intrinsic(field: String, IntrinsicError)
    /// A `.$` field holds something that is neither a path nor an intrinsic call.
    case notAnExpression(field: String, value: String)
    /// Two members resolve to the same name (`a` and `a.$`).
    case duplicateField(name: String)
    /// The template is nested absurdly deep.
    case tooDeep

    /// The error name Step Functions records: the intrinsic's own for intrinsic failures, else `States.Runtime`.
    public var statesError: String {
        if case .intrinsic(_, let error) = self { return error.statesError }
        return "States.Runtime"
    }

    /// A message for people, worded as AWS words its causes where it can.
    public var description: String {
        switch self {
        case .pathNotFound(let field, let path, let input):
            return "The JSONPath '\(path)' specified for the field '\(field)' could not be found in the input "
                + "'\(input.serialized())'"
        case .path(let field, let error):
            return "The field '\(field)': \(error)"
        case .intrinsic(let field, let error):
            return "The field '\(field)': \(error)"
        case .notAnExpression(let field, let value):
            return "The value for the field '\(field)' must be a valid JSONPath or a valid intrinsic function call, "
                + "found \(value)"
        case .duplicateField(let name):
            return "The field '\(name)' is given twice (with and without '.$')"
        case .tooDeep:
            return "The payload template is nested more than \(PayloadTemplate.maximumDepth) levels deep"
        }
    }
}
