import Foundation
import RetraceCore
import RetraceTestSupport
import StepFunctions

/// Loading fixtures and inline histories for the tests of this target.
enum Load {
    static func fixtureURL(_ name: String) -> URL { PackagePaths.fixture(name, target: "StepFunctionsTests") }

    static func history(_ names: String...) throws -> History {
        try HistoryDecoder().decode(names.map { try InputBuffer.read(path: fixtureURL($0).path) })
    }

    static func tree(_ name: String) throws -> ExecutionTree {
        ExecutionTree(history: try history(name))
    }

    static func history(text: String, name: String = "inline.json") throws -> History {
        try HistoryDecoder().decode([InputBuffer(name: name, text: text)])
    }

    /// The decode error for `text`, or `nil` when it decodes.
    static func error(_ texts: [String]) -> InputError? {
        do {
            _ = try HistoryDecoder().decode(
                texts.enumerated().map { InputBuffer(name: "page\($0.offset + 1).json", text: $0.element) })
            return nil
        } catch let error as InputError {
            return error
        } catch {
            return nil
        }
    }

    /// The fixture's events as JSON objects, for tests that re-shape them (pages, order, JSON Lines).
    static func rawEvents(_ name: String) throws -> [String] {
        let data = try Data(contentsOf: fixtureURL(name))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let events = object["events"] as? [[String: Any]]
        else { return [] }
        return try events.map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self)
        }
    }
}
