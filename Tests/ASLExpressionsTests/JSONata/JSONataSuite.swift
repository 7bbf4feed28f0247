import Foundation
import RetraceCore
import RetraceTestSupport

/// The official JSONata test suite (jsonata-js v2.0.6, `test-suite/`), read in place from
/// `conformance/jsonata/`: `groups/GROUP/caseN.json` files each holding one case or an array of cases, with the
/// input as `data` or as a named file of `datasets/`.
struct JSONataSuite {
    /// What a case expects.
    enum Expectation {
        /// This value (`result`); `unordered` arrays compare as multisets.
        case value(JSONValue, unordered: Bool)
        /// JSONata's undefined (`undefinedResult`).
        case undefined
        /// An error with this code (`code`, or `error.code`).
        case error(code: String)
    }

    /// One case of the suite.
    struct Case {
        /// `GROUP/FILE` and, for files holding several cases, `[INDEX]`.
        var name: String
        var expression: String
        /// `nil` is JSONata's undefined input (`"dataset": null`).
        var input: JSONValue?
        var bindings: [String: JSONValue]
        var expectation: Expectation
        /// The evaluation depth the case allows (`depth`), which JSONata's runner enforces as `U1001`.
        var depth: Int?
    }

    static var directory: URL { Conformance.directory.appendingPathComponent("jsonata") }

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("groups").path)
    }

    /// Groups left out: `$eval` parses and evaluates JSONata text at run time, which Step Functions does not offer.
    static let excludedGroups: Set<String> = ["function-eval"]

    /// Every case of every group but the excluded ones, in a stable order.
    static func cases() throws -> [Case] {
        let groups = directory.appendingPathComponent("groups")
        let manager = FileManager.default
        var datasets: [String: JSONValue] = [:]
        var result: [Case] = []
        for group in try manager.contentsOfDirectory(atPath: groups.path).sorted()
        where !excludedGroups.contains(group) {
            let folder = groups.appendingPathComponent(group)
            for file in try manager.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".json") {
                let document = try load(folder.appendingPathComponent(file))
                let items = document.arrayValue ?? [document]
                for (index, item) in items.enumerated() {
                    let name = "\(group)/\(file)" + (items.count > 1 ? "[\(index)]" : "")
                    result.append(try makeCase(item, name: name, folder: folder, datasets: &datasets))
                }
            }
        }
        return result
    }

    private static func load(_ url: URL) throws -> JSONValue {
        let text = try String(contentsOf: url, encoding: .utf8)
        do {
            return try JSONValue.parse(text, name: url.lastPathComponent)
        } catch {
            // Two cases hold a lone UTF-16 surrogate (`"\uD800"`), which no Swift string can and the JSON reader
            // refuses; the escape is handed to the JSONata lexer instead, which keeps it (docs/replay.md).
            let kept = text.replacingOccurrences(
                of: #"\\u(D[89AB][0-9A-F]{2})(?!\\uD[C-F])"#, with: #"\\\\u$1"#, options: .regularExpression)
            guard kept != text else { throw error }
            return try JSONValue.parse(kept, name: url.lastPathComponent)
        }
    }

    private static func makeCase(
        _ item: JSONValue, name: String, folder: URL, datasets: inout [String: JSONValue]
    ) throws -> Case {
        let expression: String
        if let text = item["expr"]?.stringValue {
            expression = text
        } else if let file = item["expr-file"]?.stringValue {
            expression = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        } else {
            throw SuiteError(message: "\(name): no expr or expr-file")
        }
        var input: JSONValue?
        if let data = item["data"] {
            input = data
        } else if let dataset = item["dataset"]?.stringValue {
            if datasets[dataset] == nil {
                datasets[dataset] = try load(directory.appendingPathComponent("datasets/\(dataset).json"))
            }
            input = datasets[dataset]
        }
        var bindings: [String: JSONValue] = [:]
        for (key, value) in item["bindings"]?.objectValue ?? JSONObject() { bindings[key] = value }
        let expectation: Expectation
        if let code = item["code"]?.stringValue ?? item["error"]?["code"]?.stringValue {
            expectation = .error(code: code)
        } else if let result = item["result"] {
            expectation = .value(result, unordered: item["unordered"] == .bool(true))
        } else if item["undefinedResult"] == .bool(true) {
            expectation = .undefined
        } else {
            throw SuiteError(message: "\(name): no result, undefinedResult or code")
        }
        return Case(
            name: name, expression: expression, input: input, bindings: bindings, expectation: expectation,
            depth: item["depth"]?.doubleValue.map { Int($0) })
    }

    struct SuiteError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
