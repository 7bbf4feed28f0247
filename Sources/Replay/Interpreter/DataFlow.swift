import ASLExpressions
import RetraceCore
import StepFunctions

/// The JSONPath input and output processing of a state: `InputPath`, `ResultPath` and `OutputPath`.
///
/// The order a JSONPath state applies them in is InputPath → Parameters → (task) → ResultSelector → ResultPath →
/// OutputPath; `PayloadTemplate` does the template steps.
public enum DataFlow {
    /// Applies `InputPath` or `OutputPath`: absent keeps the value, `null` gives `{}`, a path selects from the value
    /// (an indefinite path gives an array). `$$` and `$name` roots read the environment's context and variables.
    public static func select(
        _ setting: PathSetting?, from value: JSONValue, environment: ExpressionEnvironment
    ) throws(DataFlowError) -> JSONValue {
        switch setting {
        case nil: return value
        case .null?: return .object(JSONObject())
        case .path(let text)?:
            do {
                return try JSONPath(text).evaluate(in: environment.with(input: value))
            } catch {
                throw .path(error)
            }
        }
    }

    /// Applies `ResultPath`: absent or `$` gives the result, `null` keeps the input and discards the result, and a
    /// reference path such as `$.a.b` writes the result into a copy of the input, creating the objects on the way
    /// and replacing what was at the end.
    public static func applyResultPath(
        _ setting: PathSetting?, result: JSONValue, input: JSONValue
    ) throws(DataFlowError) -> JSONValue {
        switch setting {
        case nil: return result
        case .null?: return input
        case .path(let text)?:
            let path: JSONPath
            do {
                path = try JSONPath(referencePath: text)
            } catch {
                throw .path(error)
            }
            guard path.root == .input else { throw .resultPathRoot(path: text) }
            var output = input
            try write(result, into: &output, along: path.segments[...], path: text, input: input)
            return output
        }
    }

    private static func write(
        _ result: JSONValue, into target: inout JSONValue, along segments: ArraySlice<JSONPathSegment>, path: String,
        input: JSONValue
    ) throws(DataFlowError) {
        guard let segment = segments.first else {
            target = result
            return
        }
        let rest = segments.dropFirst()
        switch segment.selector {
        case .member(let name):
            guard case .object(var object) = target else {
                throw .resultPathMismatch(path: path, step: name, input: input)
            }
            var child = object[name] ?? .object(JSONObject())
            try write(result, into: &child, along: rest, path: path, input: input)
            object[name] = child
            target = .object(object)
        case .index(let index):
            guard case .array(var elements) = target else {
                throw .resultPathMismatch(path: path, step: "[\(index)]", input: input)
            }
            let resolved = index < 0 ? elements.count + index : index
            guard resolved >= 0, resolved < elements.count else {
                throw .resultPathMismatch(path: path, step: "[\(index)]", input: input)
            }
            try write(result, into: &elements[resolved], along: rest, path: path, input: input)
            target = .array(elements)
        default:
            throw .path(.notAReferencePath(path: path))
        }
    }
}

/// Why input or output processing failed.
public enum DataFlowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path is invalid or selected nothing.
    case path(JSONPathError)
    /// `ResultPath` must start at `$` (not `$$` or a variable).
    case resultPathRoot(path: String)
    /// `ResultPath` cannot be applied to this input: `step` meets a value that is not an object (or an array
    /// without that index).
    case resultPathMismatch(path: String, step: String, input: JSONValue)

    /// The error name Step Functions records: `States.ResultPathMatchFailure` when a `ResultPath` does not fit the
    /// input (as documented), `States.Runtime` otherwise.
    public var statesError: String {
        if case .resultPathMismatch = self { return "States.ResultPathMatchFailure" }
        return "States.Runtime"
    }

    /// A message for people.
    public var description: String {
        switch self {
        case .path(let error): return error.description
        case .resultPathRoot(let path):
            return "The ResultPath '\(path)' must start with '$': it cannot write to the context object or a variable"
        case .resultPathMismatch(let path, let step, let input):
            return "Unable to apply ResultPath '\(path)' to the input '\(input.serialized())': '\(step)' "
                + "does not lead into an object"
        }
    }
}
