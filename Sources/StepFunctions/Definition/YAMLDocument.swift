import RetraceCore
import Yams

/// Reads YAML into a `JSONValue`, the way CloudFormation reads templates: the short forms of intrinsic
/// functions become their long forms (`!Ref X` → `{"Ref": "X"}`, `!Sub s` → `{"Fn::Sub": "s"}`,
/// `!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`), so that a SAM or CloudFormation template's state machine can be
/// found and read like a JSON one.
public enum YAMLDocument {
    /// Nesting deeper than this is refused, so that converting a hostile document cannot exhaust the stack.
    public static let maxDepth = 512

    /// More values than this are refused: aliases let a few lines of YAML stand for billions of values ("billion
    /// laughs"), and a state machine definition, even inside a large template, is nowhere near this.
    public static let maxValues = 1_000_000

    /// Parses `text` (from `file`, for messages).
    public static func parse(_ text: String, file: String) throws -> JSONValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InputError.malformedYAML(position(of: error, file: file), message: message(of: error))
        }
        guard let node else { throw InputError.empty(file: file, expected: "a YAML document") }
        var budget = maxValues
        return try value(node, file: file, depth: 0, budget: &budget)
    }

    private static func value(_ node: Node, file: String, depth: Int, budget: inout Int) throws -> JSONValue {
        let position = SourcePosition(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        guard depth < maxDepth else {
            throw InputError.malformedYAML(position, message: "nesting is deeper than \(maxDepth) levels")
        }
        budget -= 1
        guard budget >= 0 else {
            throw InputError.malformedYAML(
                position,
                message: "the document expands to more than \(maxValues) values (aliases repeating aliases?); "
                    + "a state machine definition is far smaller")
        }
        let plain: JSONValue
        let tag = node.tag.rawValue
        switch node {
        case .scalar(let scalar):
            if tag.hasSuffix(":null") {
                plain = .null
            } else if tag.hasSuffix(":bool"), let bool = node.bool {
                plain = .bool(bool)
            } else if tag.hasSuffix(":int"), let int = try integer(node, scalar.string, at: position) {
                plain = .integer(int)
            } else if tag.hasSuffix(":float"), let float = node.float {
                plain = .number(float)
            } else {
                plain = .string(scalar.string)
            }
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, member) in mapping {
                object[key.string ?? ""] = try value(member, file: file, depth: depth + 1, budget: &budget)
            }
            plain = .object(object)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for element in sequence {
                elements.append(try value(element, file: file, depth: depth + 1, budget: &budget))
            }
            plain = .array(elements)
        case .alias:
            plain = .null
        }
        guard tag.hasPrefix("!"), !tag.hasPrefix("!!") else { return plain }
        let name = String(tag.dropFirst())
        let function = name == "Ref" || name == "Condition" ? name : "Fn::" + name
        if name == "GetAtt", case .string(let text) = plain {
            let parts = text.split(separator: ".", maxSplits: 1).map { JSONValue.string(String($0)) }
            return .object(JSONObject([(function, .array(parts))]))
        }
        return .object(JSONObject([(function, plain)]))
    }

    /// A scalar YAML resolved as an integer. The base-60 form of YAML 1.1 (`1:30` is 90) is read here, with its
    /// overflow refused: Yams reads it with arithmetic that traps (`2:2:2:22:2:2:22:2:2:2:2` ended the process).
    /// Other forms are Yams's, which gives `nil` for what does not fit (the scalar then stays a string).
    static func integer(_ node: Node, _ text: String, at position: SourcePosition) throws -> Int64? {
        guard text.contains(":") else { return node.int.map(Int64.init) }
        var digits = Substring(text.filter { $0 != "_" })
        let negative = digits.first == "-"
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        var value: Int64 = 0
        for part in digits.split(separator: ":", omittingEmptySubsequences: false) {
            guard let number = Int64(part), number >= 0 else { return nil }
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 60)
            let (sum, overflowSum) = shifted.addingReportingOverflow(number)
            guard !overflowShift, !overflowSum else {
                throw InputError.malformedYAML(
                    position, message: "the base-60 integer \(text) does not fit in 64 bits")
            }
            value = sum
        }
        return negative ? -value : value
    }

    private static func position(of error: YamlError, file: String) -> SourcePosition {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourcePosition(file: file, line: mark.line, column: mark.column)
        default:
            return SourcePosition(file: file, line: 1, column: 1)
        }
    }

    private static func message(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return [context.map { "\($0.text)" }, problem].compactMap { $0 }.joined(separator: ", ")
        default:
            return "\(error)"
        }
    }
}
