/// A lifecycle written as data: its states, which event moves it from where to where, and which states mean
/// success or failure. Each service model declares its machines in one place; the engine (`MachineInstance`)
/// runs them.
public struct LifecycleMachine: Sendable, Hashable {
    /// One edge: on `trigger` (an event code or a status), move to `to`, if the machine is in one of `from`.
    public struct Transition: Sendable, Hashable {
        /// The event code or status that fires it.
        public var trigger: String
        /// The states it may leave; `nil` for any state.
        public var from: Set<String>?
        /// The state it enters.
        public var to: String

        /// Creates a transition.
        public init(on trigger: String, from: Set<String>?, to: String) {
            self.trigger = trigger
            self.from = from
            self.to = to
        }
    }

    /// What to do with a trigger the machine does not declare.
    public enum UnknownTriggerPolicy: Sendable, Hashable {
        /// Keep the event as an observation of the current state (event-code logs: most codes are not
        /// transitions, and new codes appear as services grow).
        case observe
        /// Enter a state named after the trigger (status logs: the status is the state, even one we do not
        /// know), and report it.
        case enterState
    }

    /// A short stable name (`gamelift-fleet`, `cloudformation-resource`).
    public var name: String
    /// The state an instance is in before its first event.
    public var initialState: String
    /// Every declared state, in the order a lifecycle normally goes through them (for display).
    public var states: [String]
    /// States that mean the lifecycle ended well.
    public var successStates: Set<String>
    /// States that mean the lifecycle ended badly.
    public var failureStates: Set<String>
    /// The edges.
    public var transitions: [Transition]
    /// What an undeclared trigger does.
    public var unknownTriggers: UnknownTriggerPolicy
    /// Triggers that are known to the service but never change the state (kept so that they are not reported as
    /// unknown).
    public var observedTriggers: Set<String>

    private var byTrigger: [String: [Transition]]

    /// Creates a machine; states named by transitions but not listed are appended to `states`.
    public init(
        name: String, initialState: String, states: [String], successStates: Set<String>,
        failureStates: Set<String>, transitions: [Transition], unknownTriggers: UnknownTriggerPolicy = .observe,
        observedTriggers: Set<String> = []
    ) {
        self.name = name
        self.initialState = initialState
        var allStates = states
        var seen = Set(states)
        for state in [initialState] + transitions.map(\.to) where !seen.contains(state) {
            seen.insert(state)
            allStates.append(state)
        }
        self.states = allStates
        self.successStates = successStates
        self.failureStates = failureStates
        self.transitions = transitions
        self.unknownTriggers = unknownTriggers
        self.observedTriggers = observedTriggers
        self.byTrigger = Dictionary(grouping: transitions, by: \.trigger)
    }

    /// The transitions that `trigger` fires, in declaration order.
    public func transitions(on trigger: String) -> [Transition] { byTrigger[trigger] ?? [] }

    /// Whether the machine knows `trigger`, as a transition or as a plain observation.
    public func knows(_ trigger: String) -> Bool { byTrigger[trigger] != nil || observedTriggers.contains(trigger) }

    /// Whether `state` is one where a lifecycle has ended, well or badly.
    public func isTerminal(_ state: String) -> Bool {
        successStates.contains(state) || failureStates.contains(state)
    }
}
