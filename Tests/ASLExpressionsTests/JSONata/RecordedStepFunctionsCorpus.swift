import Foundation
import RetraceCore
import RetraceTestSupport

/// The shared corpus of recorded Step Functions histories and their definitions: `$RETRACE_CORPUS`, else
/// `../shared/corpus` beside the package.
enum RecordedStepFunctionsCorpus {
    static let directory: URL = Corpus.directory

    static var stepFunctions: URL { directory.appendingPathComponent("stepfunctions") }

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: stepFunctions.path)
    }

    /// Names (`NAME` of `NAME.asl.json`) of every definition in the corpus.
    static func definitionNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: stepFunctions.path)
            .filter { $0.hasSuffix(".asl.json") }
            .map { String($0.dropLast(".asl.json".count)) }
            .sorted()
    }

    static func load(_ file: String) throws -> JSONValue {
        let url = stepFunctions.appendingPathComponent(file)
        return try JSONValue.parse(try String(contentsOf: url, encoding: .utf8), name: file)
    }

    static func definition(_ name: String) throws -> JSONValue { try load(name + ".asl.json") }

    /// The events of history `NAME.json`.
    static func events(_ name: String) throws -> [JSONValue] {
        try load(name + ".json")["events"]?.arrayValue ?? []
    }

    /// Every string of a definition that is a `{% … %}` expression, with the file it came from.
    static func expressions(in value: JSONValue) -> [String] {
        switch value {
        case .string(let text): return text.hasPrefix("{%") && text.hasSuffix("%}") ? [text] : []
        case .array(let items): return items.flatMap(expressions)
        case .object(let object): return object.flatMap { expressions(in: $0.value) }
        default: return []
        }
    }

    /// The state called `name` anywhere in a definition (top level, Map processors, Parallel branches).
    static func state(_ name: String, in definition: JSONValue) -> JSONValue? {
        guard let states = definition["States"]?.objectValue else { return nil }
        if let found = states[name] { return found }
        for (_, state) in states {
            for key in ["ItemProcessor", "Iterator"] {
                if let inner = state[key], let found = self.state(name, in: inner) { return found }
            }
            for branch in state["Branches"]?.arrayValue ?? [] {
                if let found = self.state(name, in: branch) { return found }
            }
        }
        return nil
    }

    /// A payload field as recorded: the snapshot tool decoded JSON strings into values, but left scalars and
    /// some arrays as their JSON text, so text that parses as JSON is read back into a value.
    static func payload(_ value: JSONValue?) -> JSONValue? {
        guard case .string(let text) = value else { return value }
        return (try? JSONValue.parse(text)) ?? value
    }

    /// The details object of an event (`…EventDetails`).
    static func details(_ event: JSONValue) -> JSONValue? {
        event.objectValue?.first { $0.key.hasSuffix("EventDetails") }?.value
    }

    static func type(_ event: JSONValue) -> String { event["type"]?.stringValue ?? "" }
}
