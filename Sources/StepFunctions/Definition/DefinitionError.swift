import RetraceCore

/// Why a definition could not be used.
public enum DefinitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read or is not JSON.
    case unreadable(InputError)
    /// The JSON is not a valid state machine; every problem found is listed.
    case invalid(file: String?, problems: [DefinitionProblem])
    /// The file holds neither ASL (`StartAt`) nor a CloudFormation / SAM template with a state machine.
    case noDefinition(file: String)

    /// The problems found, empty for `unreadable`.
    public var problems: [DefinitionProblem] {
        if case .invalid(_, let problems) = self { return problems }
        return []
    }

    /// One line per problem, each starting with where it is.
    public var description: String {
        switch self {
        case .unreadable(let error):
            return error.description
        case .noDefinition(let file):
            return "\(file): neither a state machine definition (StartAt) nor a CloudFormation / SAM template "
                + "holding one (Definition, DefinitionBody or DefinitionString)"
        case .invalid(let file, let problems):
            let lines = problems.map { problem in
                if let position = problem.position { return "\(position): \(problem)" }
                if let file { return "\(file): \(problem)" }
                return problem.description
            }
            return lines.joined(separator: "\n")
        }
    }

    /// The same error with file positions added to every problem, found by scanning `input` for their paths.
    func locating(in input: InputBuffer) -> DefinitionError {
        guard case .invalid(_, let problems) = self else { return self }
        let located = problems.map { problem in
            var problem = problem
            if let offset = JSONLocator.offset(of: problem.path, in: input.bytes) {
                problem.position = SourcePosition(file: input.name, bytes: input.bytes, offset: offset)
            }
            return problem
        }
        return .invalid(file: input.name, problems: located)
    }
}

/// One thing wrong with a definition, and where.
public struct DefinitionProblem: Sendable, Hashable, CustomStringConvertible {
    /// The JSON path of the offending value (`States`, `ProcessFiles`, `Retry`, 0, `ErrorEquals`).
    public var path: [JSONPathComponent]
    /// What is wrong, for people: "expected an array of strings, found a string".
    public var message: String
    /// Line and column in the file, when the definition came from one.
    public var position: SourcePosition?

    /// Creates a problem.
    public init(path: [JSONPathComponent], message: String, position: SourcePosition? = nil) {
        self.path = path
        self.message = message
        self.position = position
    }

    /// `States.ProcessFiles.Retry[0].ErrorEquals: expected an array of strings, found a string`.
    public var description: String { "\(path.pathDescription): \(message)" }
}
