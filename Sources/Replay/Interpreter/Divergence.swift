import RetraceCore

/// One place where the definition and the history disagree: what the definition implies, what was recorded,
/// and where.
public struct Divergence: Sendable, Hashable, CustomStringConvertible {
    /// The history event where the disagreement shows (the event that should have been different, or the first
    /// event after which something is missing).
    public var eventID: Int64
    /// Where in the run: `ProcessItems › iteration 3 › Charge`.
    public var location: [LocationStep]
    /// The state concerned.
    public var state: String?
    /// What kind of check failed.
    public var kind: DivergenceKind
    /// What the definition implies, for people.
    public var expected: String
    /// What the history recorded, for people.
    public var recorded: String

    /// Creates a divergence.
    public init(
        eventID: Int64, location: [LocationStep], state: String?, kind: DivergenceKind, expected: String,
        recorded: String
    ) {
        self.eventID = eventID
        self.location = location
        self.state = state
        self.kind = kind
        self.expected = expected
        self.recorded = recorded
    }

    /// Where, ending with the state concerned: `ProcessItems › iteration 3 › Charge`.
    public var statePath: [LocationStep] {
        guard let state, !location.contains(.state(state)) else { return location }
        return location + [.state(state)]
    }

    /// `event #7, MapState › iteration 0 › Check: next state: the definition implies "A", the history recorded "B"`.
    public var description: String {
        let place = location.isEmpty ? "" : " at \(location.pathDescription)"
        return "event #\(eventID)\(place): \(kind.title): the definition implies \(expected); the history recorded "
            + recorded
    }
}

/// The checks replay makes, each a kind of divergence.
public enum DivergenceKind: String, Sendable, Hashable, CaseIterable {
    /// The next state entered is not the one the definition leads to.
    case nextState = "next-state"
    /// A Choice state took a different rule (or default).
    case choiceDecision = "choice-decision"
    /// A failed attempt was retried where the definition does not retry, or the reverse.
    case retryDecision = "retry-decision"
    /// A failure was caught where the definition does not catch it, or went to a different catcher.
    case catchDecision = "catch-decision"
    /// A state, iteration or execution ended differently (succeeded versus failed, another error).
    case outcome
    /// A state's input differs.
    case stateInput = "state-input"
    /// A state's output differs.
    case stateOutput = "state-output"
    /// The parameters (or input) sent to a task differ.
    case taskParameters = "task-parameters"
    /// The task's resource, timeout or heartbeat differs.
    case taskSettings = "task-settings"
    /// A Map state's items (count or values) differ.
    case mapItems = "map-items"
    /// A Map or Parallel state's structure (iterations, branches, Map Run) differs.
    case structure
    /// Variables assigned on exit differ.
    case variables
    /// The execution's output or error differs.
    case executionResult = "execution-result"
    /// The history names a state the definition does not have (in that scope).
    case unknownState = "unknown-state"
    /// A Wait or the execution's `TimeoutSeconds` lasted longer or shorter than the definition asks, beyond
    /// the tolerance.
    case timing
    /// A Map ran more iterations at once than its `MaxConcurrency` allows, or failed or succeeded against its
    /// tolerated failure threshold.
    case mapLimits = "map-limits"

    /// A short title for reports.
    public var title: String {
        switch self {
        case .nextState: return "next state"
        case .choiceDecision: return "Choice decision"
        case .retryDecision: return "retry decision"
        case .catchDecision: return "catch decision"
        case .outcome: return "outcome"
        case .stateInput: return "state input"
        case .stateOutput: return "state output"
        case .taskParameters: return "task parameters"
        case .taskSettings: return "task settings"
        case .mapItems: return "Map items"
        case .structure: return "structure"
        case .variables: return "assigned variables"
        case .executionResult: return "execution result"
        case .unknownState: return "unknown state"
        case .timing: return "timing"
        case .mapLimits: return "Map limits"
        }
    }
}
