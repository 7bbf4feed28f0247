/// What a Choice state decided.
public enum ChoiceOutcome: Sendable, Hashable {
    /// Rule `index` (from 0) of `Choices` held; the execution goes to `next`, and that rule's `Assign` and `Output`
    /// apply.
    case rule(index: Int, next: String)
    /// No rule held and the state has a `Default`.
    case defaultState(String)
    /// No rule held and there is no `Default`. AWS then fails the execution with `States.Runtime` (not the
    /// documented `States.NoChoiceMatched`); see `noMatchError`.
    case noMatch

    /// The error name AWS records when no rule matched and there is no default.
    public static let noMatchError = "States.Runtime"

    /// The state the execution moves to, or `nil` for `noMatch`.
    public var nextState: String? {
        switch self {
        case .rule(_, let next): return next
        case .defaultState(let next): return next
        case .noMatch: return nil
        }
    }
}
