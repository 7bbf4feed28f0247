import Foundation

/// What `SOURCES.md` says each recorded Step Functions history shows: its outcome, the terminal error, and
/// the terminating failure (event type, state and error). Tests compare Retrace's reading with it.
public struct CorpusExpectation: Sendable, CustomStringConvertible {
    /// The history's file name.
    public var file: String
    /// `ExecutionSucceeded`, `ExecutionFailed`, `ExecutionAborted` …
    public var terminalType: String
    /// The terminal event's error, when the table gives one.
    public var terminalError: String?
    /// The event type of the terminating failure (`TaskFailed`), or `FailStateEntered` for a Fail state.
    public var failureType: String?
    /// The state the failure happened in.
    public var failureState: String?
    /// The failure's error, when given.
    public var failureError: String?

    /// The file name.
    public var description: String { file }
}

/// Reads the Step Functions table of `SOURCES.md`.
public enum CorpusManifest {
    /// One expectation per history row.
    public static func stepFunctions() -> [CorpusExpectation] {
        let url = Corpus.directory.appendingPathComponent("SOURCES.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var result: [CorpusExpectation] = []
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## stepfunctions/") { inTable = true }
            if line.hasPrefix("### Definitions") || line.hasPrefix("## cloudformation") { inTable = false }
            guard inTable, line.hasPrefix("| `ls_") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count > 4 else { continue }
            let file = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            guard !file.hasSuffix(".asl.json"), !file.hasSuffix(".input.json") else { continue }
            result.append(parse(file: file, shows: cells[4]))
        }
        return result
    }

    static func parse(file: String, shows: String) -> CorpusExpectation {
        let terminal = String(shows.prefix { $0.isLetter })
        var expectation = CorpusExpectation(file: file, terminalType: terminal)
        if let range = shows.range(of: "\(terminal) (error=") {
            let error = shows[range.upperBound...].prefix { $0 != "," && $0 != ")" }
            expectation.terminalError = String(error)
        }
        if let range = shows.range(of: "terminating failure: ") {
            let rest = shows[range.upperBound...]
            if rest.hasPrefix("Fail state '") {
                expectation.failureType = "FailStateEntered"
                expectation.failureState = quoted(in: rest)
            } else {
                expectation.failureType = String(rest.prefix { $0.isLetter })
                expectation.failureState = quoted(in: rest)
                if let errorRange = rest.range(of: " error=") {
                    let error = rest[errorRange.upperBound...]
                    let end = error.range(of: " cause=")?.lowerBound ?? error.firstIndex(of: ";") ?? error.endIndex
                    expectation.failureError = String(error[..<end]).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        if let state = expectation.failureState, let suffix = state.range(of: " (nearest preceding entry)") {
            expectation.failureState = String(state[..<suffix.lowerBound])
        }
        return expectation
    }

    private static func quoted(in text: Substring) -> String? {
        guard let open = text.firstIndex(of: "'") else { return nil }
        let rest = text[text.index(after: open)...]
        guard let close = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<close])
    }
}
