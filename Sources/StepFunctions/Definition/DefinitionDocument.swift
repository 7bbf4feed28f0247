import Foundation
import RetraceCore

/// Finds a state machine definition in a file as users hold it: an ASL document in JSON or YAML, or the state
/// machine inside a CloudFormation / SAM template (`Definition` or `DefinitionBody` objects, or a
/// `DefinitionString` given as text, `Fn::Sub` or `Fn::Join`), or the definition an execution ran with in a bundle
/// that `retrace fetch` wrote (`stateMachine.definition`).
///
/// It is the one way every command reads a definition file, so that `graph --definition` and
/// `replay --definition` accept the same files and refuse the same mistakes.
public enum DefinitionDocument {
    /// Whether `path` is a bundle, from its first bytes: `retrace fetch` writes `retraceBundle` as the first
    /// member, so a history of any size is not read again to find out. The definition itself is read once, by
    /// `load(path:)`, which says so when the bundle holds none.
    public static func isBundle(_ path: String) -> Bool {
        guard path != "-", let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        let head = (try? file.read(upToCount: 64)) ?? Data()
        return String(decoding: head, as: UTF8.self).contains("\"retraceBundle\"")
    }

    /// Reads `path` and returns the definition it holds, checked as AWS checks it when a state machine is
    /// created: its structure, and then its JSONPath expressions (`DefinitionExpressionCheck`), since a
    /// definition AWS would refuse cannot have produced a history.
    ///
    /// - Throws: `InputError` when the file cannot be read or parsed, `DefinitionError` when the definition is
    ///   invalid (with every problem's path, and line and column in a JSON file) or absent (`noDefinition`).
    public static func load(path: String) throws -> StateMachineDefinition {
        let buffer = try InputBuffer.read(path: path)
        let lower = path.lowercased()
        let isYAML = lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".template")
        let machine: StateMachineDefinition
        var located: InputBuffer?
        if !isYAML {
            let value = try JSONValue.parse(utf8: buffer.bytes, name: buffer.name)
            if value["StartAt"] != nil {
                // Straight ASL keeps the definition parser's own line and column positions.
                machine = try StateMachineDefinition(input: buffer)
                located = buffer
            } else {
                machine = try definition(in: value, file: path)
            }
        } else {
            let value = try YAMLDocument.parse(String(decoding: buffer.bytes, as: UTF8.self), file: buffer.name)
            machine = try definition(in: value, file: path)
        }
        let problems = DefinitionExpressionCheck.problems(in: machine)
        guard problems.isEmpty else {
            let error = DefinitionError.invalid(file: path, problems: problems)
            throw located.map { error.locating(in: $0) } ?? error
        }
        return machine
    }

    /// The definition in a parsed document: the document itself when it is ASL, else the first state machine
    /// of a template's `Resources`.
    public static func definition(in value: JSONValue, file: String) throws -> StateMachineDefinition {
        do {
            return try findDefinition(in: value, file: file)
        } catch .invalid(nil, let problems) {
            // Parsed from a value, the problems know their paths but not their file: name it.
            throw DefinitionError.invalid(file: file, problems: problems)
        }
    }

    private static func findDefinition(in value: JSONValue, file: String) throws(DefinitionError)
        -> StateMachineDefinition
    {
        if value["StartAt"] != nil { return try StateMachineDefinition(parsing: value) }
        if value["retraceBundle"] != nil, let text = value["stateMachine"]?["definition"]?.stringValue {
            return try StateMachineDefinition(parsing: text, name: "\(file) (the definition the execution ran with)")
        }
        guard case .object(let resources)? = value["Resources"] else { throw DefinitionError.noDefinition(file: file) }
        for (_, resource) in resources {
            guard let properties = resource["Properties"] else { continue }
            for key in ["Definition", "DefinitionBody"] {
                if case .object? = properties[key], let body = properties[key] {
                    return try StateMachineDefinition(parsing: body)
                }
            }
            if let string = properties["DefinitionString"], let text = templateText(string) {
                return try StateMachineDefinition(parsing: text, name: "\(file) (DefinitionString)")
            }
        }
        throw DefinitionError.noDefinition(file: file)
    }

    /// The text of a `DefinitionString`: plain, `Fn::Sub` (its template, `${…}` left as written) or `Fn::Join`
    /// (its string parts joined; references become `${Name}` placeholders).
    static func templateText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text):
            return text
        case .object(let object):
            if let sub = object["Fn::Sub"] {
                if case .string(let text) = sub { return text }
                if case .array(let parts) = sub, case .string(let text)? = parts.first { return text }
            }
            if case .array(let join)? = object["Fn::Join"], join.count == 2, case .string(let separator) = join[0],
                case .array(let parts) = join[1]
            {
                return parts.map { part in
                    templateText(part) ?? part["Ref"]?.stringValue.map { "${\($0)}" } ?? "${?}"
                }.joined(separator: separator)
            }
            return nil
        default:
            return nil
        }
    }
}
