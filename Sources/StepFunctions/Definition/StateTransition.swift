/// A possible move from one state to another, as the definition allows it.
public struct StateTransition: Sendable, Hashable {
    /// The state the move leaves.
    public var source: String
    /// The state the move enters (in the same scope).
    public var target: String
    /// Why the move can happen.
    public var kind: TransitionKind

    /// Creates a transition.
    public init(source: String, target: String, kind: TransitionKind) {
        self.source = source
        self.target = target
        self.kind = kind
    }
}

/// Why a transition can happen; the renderer styles edges by it.
public enum TransitionKind: Sendable, Hashable {
    /// The state's `Next`.
    case next
    /// The `Next` of Choice rule `ruleIndex` (from 0).
    case choice(ruleIndex: Int)
    /// The Choice state's `Default`.
    case choiceDefault
    /// The `Next` of catcher `index` (from 0), taken for the listed errors.
    case catcher(index: Int, errorEquals: [String])
}
