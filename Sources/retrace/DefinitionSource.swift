import Foundation
import RetraceCore
import StepFunctions

/// Reads a definition for `retrace replay`: an ASL file, or the state machine inside a CloudFormation / SAM
/// template written in JSON (`Definition` / `DefinitionBody` objects, or a `DefinitionString`).
enum DefinitionSource {
    static func load(path: String) throws -> StateMachineDefinition {
        let lower = path.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            throw CommandFailure(
                status: 2,
                message: "\(path): YAML definitions are not supported yet; convert the definition to JSON "
                    + "(for example with `yq -o=json`)")
        }
        let buffer = try InputBuffer.read(path: path)
        let value = try JSONValue.parse(String(decoding: buffer.bytes, as: UTF8.self), name: buffer.name)
        do {
            if value["StartAt"] != nil { return try StateMachineDefinition(input: buffer) }
            guard let embedded = embeddedDefinition(in: value) else {
                throw CommandFailure(
                    status: 2,
                    message: "\(path): neither a state machine definition (StartAt) nor a template holding one")
            }
            return try StateMachineDefinition(parsing: embedded)
        } catch let error as DefinitionError {
            throw CommandFailure(status: 2, message: error.description)
        }
    }

    /// The first state machine of a template's `Resources`.
    private static func embeddedDefinition(in template: JSONValue) -> JSONValue? {
        guard case .object(let resources)? = template["Resources"] else { return nil }
        for (_, resource) in resources {
            guard let properties = resource["Properties"] else { continue }
            for key in ["Definition", "DefinitionBody"] {
                if case .object? = properties[key] { return properties[key] }
            }
            if case .string(let text)? = properties["DefinitionString"], let parsed = try? JSONValue.parse(text) {
                return parsed
            }
        }
        return nil
    }
}
