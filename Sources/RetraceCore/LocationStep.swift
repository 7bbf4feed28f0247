/// One step of the path to where something happened, outermost first:
/// `ProcessItems › iteration 3 › branch 2 › Charge › attempt 2 of 3`.
public enum LocationStep: Sendable, Hashable, CustomStringConvertible {
    /// A named execution (a Map Run child, or the execution itself when several are analysed together).
    case execution(String)
    /// A state of a state machine, by name.
    case state(String)
    /// An inline Map iteration, by index from 0.
    case iteration(Int)
    /// A Parallel branch, by position from 1 in the order branches first appear in the history.
    case branch(Int)
    /// A task attempt: `number` from 1 of `total` attempts made.
    case attempt(number: Int, total: Int)
    /// A distributed Map Run, by ARN.
    case mapRun(String)
    /// A deployment resource: a CloudFormation logical id, a fleet, a fleet location.
    case resource(String)
    /// A lifecycle phase or status.
    case phase(String)

    /// The step as people read it.
    public var description: String {
        switch self {
        case .execution(let name): return "execution \(name)"
        case .state(let name): return name
        case .iteration(let index): return "iteration \(index)"
        case .branch(let index): return "branch \(index)"
        case .attempt(let number, let total): return "attempt \(number) of \(total)"
        case .mapRun(let arn): return "map run \(arn)"
        case .resource(let name): return name
        case .phase(let name): return name
        }
    }
}

extension Array where Element == LocationStep {
    /// The path joined with `›`.
    public var pathDescription: String { map(\.description).joined(separator: " › ") }
}
