import Lifecycles

/// What the inputs are, when the content should not decide (`--source`).
public enum LogSource: String, Sendable, CaseIterable {
    /// A Step Functions execution history.
    case stepfunctions
    /// GameLift fleet events.
    case gamelift
    /// CloudFormation stack events.
    case cloudformation
    /// ParallelCluster stack events.
    case parallelcluster
    /// ModelArts service events.
    case modelarts

    /// Every name, for help texts.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The deployment-log format it names; `nil` for Step Functions.
    var lifecycleSource: LifecycleSource? { LifecycleSource(rawValue: rawValue) }
}
