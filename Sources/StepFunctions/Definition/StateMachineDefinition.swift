import RetraceCore

/// An Amazon States Language definition: the whole machine, or a nested one (a Parallel branch, a Map processor).
///
/// Build one with `init(parsing:)` from a parsed `JSONValue` or `load(path:)` from a file. Parsing checks what AWS
/// checks when a definition is created, where that is cheap: field types, `StartAt` and every `Next` naming a state
/// of the same scope, exactly one of `Next` and `End`, terminal states, unique state names. Problems are reported
/// together, each with its JSON path (`States.ProcessFiles.Retry[0].ErrorEquals: expected an array of strings,
/// found a string`).
public struct StateMachineDefinition: Sendable, Hashable {
    /// `StartAt`: the first state.
    public var startAt: String
    /// `States`, in the order written.
    public var states: [StateDefinition] {
        didSet { indexByName = Self.index(states) }
    }
    /// `Comment`.
    public var comment: String?
    /// `TimeoutSeconds` of the execution.
    public var timeoutSeconds: Int64?
    /// `Version` of the language (`1.0`).
    public var version: String?
    /// `QueryLanguage` as written (`nil` when absent).
    public var declaredQueryLanguage: QueryLanguage?
    /// The machine's query language: as written, else inherited (JSONPath at the top level).
    public var queryLanguage: QueryLanguage
    /// Fields this version of Retrace does not know, kept as written.
    public var unknownFields: JSONObject
    private var indexByName: [String: Int]

    /// Creates a machine from its parts.
    public init(
        startAt: String, states: [StateDefinition], comment: String? = nil, timeoutSeconds: Int64? = nil,
        version: String? = nil, declaredQueryLanguage: QueryLanguage? = nil, queryLanguage: QueryLanguage = .jsonPath,
        unknownFields: JSONObject = JSONObject()
    ) {
        self.startAt = startAt
        self.states = states
        self.comment = comment
        self.timeoutSeconds = timeoutSeconds
        self.version = version
        self.declaredQueryLanguage = declaredQueryLanguage
        self.queryLanguage = queryLanguage
        self.unknownFields = unknownFields
        self.indexByName = Self.index(states)
    }

    private static func index(_ states: [StateDefinition]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, state) in states.enumerated() where index[state.name] == nil { index[state.name] = position }
        return index
    }

    /// The state named `name` in this scope (not in nested branches or processors).
    public subscript(name: String) -> StateDefinition? {
        indexByName[name].map { states[$0] }
    }

    /// The first state, when `StartAt` names one.
    public var startState: StateDefinition? { self[startAt] }

    /// Parses and validates a definition.
    public init(parsing value: JSONValue) throws(DefinitionError) {
        var parser = DefinitionParser()
        let machine = parser.parseMachine(value, path: [], inherited: .jsonPath, level: .top)
        if let machine {
            DefinitionValidator.validate(machine, declared: parser.declaredStates, problems: &parser.problems)
        }
        guard parser.problems.isEmpty, let machine else { throw .invalid(file: nil, problems: parser.problems) }
        self = machine
    }

    /// Parses JSON text (the contents of an `.asl.json` file, or a `definition` string from the API).
    public init(parsing text: String, name: String = "<definition>") throws(DefinitionError) {
        try self.init(input: InputBuffer(name: name, text: text))
    }

    /// Parses and validates the definition held in `input`; problems carry line and column in that input.
    public init(input: InputBuffer) throws(DefinitionError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(String(decoding: input.bytes, as: UTF8.self), name: input.name)
        } catch let error as InputError {
            throw .unreadable(error)
        } catch {
            throw .unreadable(.unreadable(file: input.name, reason: "\(error)"))
        }
        do {
            try self.init(parsing: value)
        } catch {
            throw error.locating(in: input)
        }
    }
}
