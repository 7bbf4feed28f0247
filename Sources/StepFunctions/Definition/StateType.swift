/// The eight kinds of state the Amazon States Language defines, spelled as in the `Type` field.
public enum StateType: String, Sendable, Hashable, CaseIterable {
    /// Does work through a resource (Lambda, activity, service integration).
    case task = "Task"
    /// Passes its input on, possibly transformed or replaced by `Result`.
    case pass = "Pass"
    /// Branches on rules.
    case choice = "Choice"
    /// Waits for a duration or until a timestamp.
    case wait = "Wait"
    /// Ends the execution (or branch, or iteration) successfully.
    case succeed = "Succeed"
    /// Ends the execution with an error.
    case fail = "Fail"
    /// Runs branches side by side.
    case parallel = "Parallel"
    /// Runs a processor once per item.
    case map = "Map"

    /// The prefix of this type's history events: `Task` for `TaskStateEntered`, `Map` for `MapStateEntered`.
    public var eventPrefix: String { rawValue }

    /// Whether a state of this type ends its scope by itself, without `Next` or `End`.
    public var isAlwaysTerminal: Bool { self == .succeed || self == .fail }
}
