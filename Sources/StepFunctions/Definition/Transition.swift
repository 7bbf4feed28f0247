/// How a state that is neither Choice, Succeed nor Fail ends: by moving to a named state or by ending its scope.
public enum Transition: Sendable, Hashable {
    /// `"Next": "Name"`
    case next(String)
    /// `"End": true`
    case end

    /// The target state's name for `next`.
    public var nextState: String? {
        if case .next(let name) = self { return name }
        return nil
    }
}
