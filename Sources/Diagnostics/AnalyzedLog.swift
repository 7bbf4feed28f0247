import Lifecycles
import RetraceCore
import StepFunctions

/// Any log Retrace reads, reconstructed and diagnosed: what every command starts from, so that `analyze`,
/// `graph` and `timeline` recognise and read a file the same way.
public enum AnalyzedLog: Sendable {
    /// A Step Functions execution (the first one given; others are its distributed Map's children).
    case execution(ExecutionTree, Diagnosis)
    /// A deployment log's lifecycles.
    case lifecycle(LifecycleRun, Diagnosis)

    /// What the inputs are, when the content should not decide.
    public enum Source: String, Sendable, CaseIterable {
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
    }

    /// Reads, reconstructs and diagnoses `inputs`: a deployment log when `source` says so or the first input
    /// looks like one, else a Step Functions history.
    ///
    /// - Throws: `InputError` for unusable input.
    public static func load(_ inputs: [InputBuffer], source: Source? = nil) throws -> AnalyzedLog {
        if let lifecycle = lifecycleSource(of: inputs, override: source) {
            let run = LifecycleRun(log: try LifecycleDecoder(source: lifecycle).decode(inputs))
            return .lifecycle(run, LifecycleDiagnoser.diagnose(run))
        }
        var executions = try ExecutionGrouping().executions(inputs)
        let main = executions.removeFirst()
        let tree = ExecutionTree(history: main.history)
        return .execution(tree, ExecutionDiagnoser().diagnose(tree, children: executions))
    }

    /// The diagnosis, whatever the log.
    public var diagnosis: Diagnosis {
        switch self {
        case .execution(_, let diagnosis), .lifecycle(_, let diagnosis): return diagnosis
        }
    }

    private static func lifecycleSource(of inputs: [InputBuffer], override: Source?) -> LifecycleSource? {
        if let override { return override == .stepfunctions ? nil : LifecycleSource(rawValue: override.rawValue) }
        guard let first = inputs.first else { return nil }
        switch EventLogKind.sniff(first.bytes) {
        case .gameLiftFleetEvents?: return .gameLift
        case .cloudFormationStackEvents?: return .cloudFormation
        case .parallelClusterStackEvents?: return .parallelCluster
        case .modelArtsServiceEvents?: return .modelArts
        default: return nil
        }
    }
}
