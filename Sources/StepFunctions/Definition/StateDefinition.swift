import RetraceCore

/// One state of a machine, with the fields every state type may have and its type-specific part.
///
/// Fields that do not apply to a state's type or query language are `nil`; the parser reports them as problems,
/// as AWS does when a definition is created.
public struct StateDefinition: Sendable, Hashable {
    /// The state's name (its key in `States`).
    public var name: String
    /// The type-specific fields.
    public var kind: StateKind
    /// `Comment`.
    public var comment: String?
    /// `QueryLanguage` as written on the state (`nil` when inherited).
    public var declaredQueryLanguage: QueryLanguage?
    /// The language the state's expressions use: its own `QueryLanguage`, else the machine's.
    public var queryLanguage: QueryLanguage
    /// `InputPath` (JSONPath); absent means `$`.
    public var inputPath: PathSetting?
    /// `OutputPath` (JSONPath); absent means `$`.
    public var outputPath: PathSetting?
    /// `ResultPath` (JSONPath); absent means `$`.
    public var resultPath: PathSetting?
    /// `Parameters`: a payload template (JSONPath; for Map, the legacy name of `ItemSelector`).
    public var parameters: JSONValue?
    /// `ResultSelector`: a payload template applied to the task's or branches' result (JSONPath).
    public var resultSelector: JSONValue?
    /// `Arguments` (JSONata): what a Task or Parallel passes on.
    public var arguments: JSONValue?
    /// `Output` (JSONata): the state's output.
    public var output: JSONValue?
    /// `Assign`: variables set when the state completes.
    public var assign: JSONObject?
    /// `Next` / `End`; `nil` for Choice, Succeed and Fail.
    public var transition: Transition?
    /// `Retry`, in order.
    public var retry: [Retrier]
    /// `Catch`, in order.
    public var catchers: [Catcher]
    /// Fields this version of Retrace does not know (newer ASL), kept as written.
    public var unknownFields: JSONObject

    /// Creates a state; everything but the name and the kind defaults to absent.
    public init(
        name: String, kind: StateKind, comment: String? = nil, declaredQueryLanguage: QueryLanguage? = nil,
        queryLanguage: QueryLanguage = .jsonPath, inputPath: PathSetting? = nil, outputPath: PathSetting? = nil,
        resultPath: PathSetting? = nil, parameters: JSONValue? = nil, resultSelector: JSONValue? = nil,
        arguments: JSONValue? = nil, output: JSONValue? = nil, assign: JSONObject? = nil,
        transition: Transition? = nil, retry: [Retrier] = [], catchers: [Catcher] = [],
        unknownFields: JSONObject = JSONObject()
    ) {
        self.name = name
        self.kind = kind
        self.comment = comment
        self.declaredQueryLanguage = declaredQueryLanguage
        self.queryLanguage = queryLanguage
        self.inputPath = inputPath
        self.outputPath = outputPath
        self.resultPath = resultPath
        self.parameters = parameters
        self.resultSelector = resultSelector
        self.arguments = arguments
        self.output = output
        self.assign = assign
        self.transition = transition
        self.retry = retry
        self.catchers = catchers
        self.unknownFields = unknownFields
    }

    /// The state's type.
    public var type: StateType { kind.type }

    /// Whether reaching this state can end its scope: `End: true`, Succeed or Fail.
    public var isTerminal: Bool { type.isAlwaysTerminal || transition == .end }
}

/// The type-specific part of a state.
public enum StateKind: Sendable, Hashable {
    /// A Task state.
    case task(TaskState)
    /// A Pass state.
    case pass(PassState)
    /// A Choice state.
    case choice(ChoiceState)
    /// A Wait state.
    case wait(WaitState)
    /// A Succeed state (it has no fields of its own).
    case succeed
    /// A Fail state.
    case fail(FailState)
    /// A Parallel state.
    case parallel(ParallelState)
    /// A Map state.
    case map(MapState)

    /// The state type.
    public var type: StateType {
        switch self {
        case .task: return .task
        case .pass: return .pass
        case .choice: return .choice
        case .wait: return .wait
        case .succeed: return .succeed
        case .fail: return .fail
        case .parallel: return .parallel
        case .map: return .map
        }
    }
}
