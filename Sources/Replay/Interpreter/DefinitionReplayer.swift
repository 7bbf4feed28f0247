import ASLExpressions
import RetraceCore
import StepFunctions

/// Replays an ASL definition against a recorded execution: interprets the definition with the history as the
/// oracle for everything outside it (task results and errors, timeouts, Map Run outcomes), and checks at every
/// step that the two agree — the next state, each Choice decision, retry versus catch versus fail, Map and
/// Parallel structure, and the data (state inputs and outputs, task parameters, assigned variables) wherever the
/// history recorded it.
///
/// What cannot be compared (masked placeholders, JSONata without an evaluator, masked Parallel events, timings
/// without timestamps) is listed in the report's `notCompared`, never reported as a divergence and never guessed.
public struct DefinitionReplayer: Sendable {
    /// The definition to replay.
    public var definition: StateMachineDefinition
    /// How to evaluate what the definition leaves open.
    public var options: ReplayOptions

    /// Creates a replayer.
    public init(definition: StateMachineDefinition, options: ReplayOptions = ReplayOptions()) {
        self.definition = definition
        self.options = options
    }

    /// Replays the definition against `tree`. `input` is the execution input when known better than the history
    /// records it (masked recordings); it is compared with the recorded input, and used. `children` are the
    /// distributed Map child executions given with it: each is replayed against its Map's `ItemProcessor`, and
    /// the Map Run's outcome is checked against their outcomes and the Map's tolerated failures.
    public func replay(_ tree: ExecutionTree, input: JSONValue? = nil, children: [MapRunChild] = []) -> ReplayReport {
        var session = ReplaySession(tree: tree, options: options, children: children)
        session.run(definition, input: input)
        return session.finish()
    }
}

/// The choices a replay leaves to its caller.
public struct ReplayOptions: Sendable {
    /// Evaluates JSONata (the project's engine by default); `nil` makes every JSONata field "not compared"
    /// (`jsonataUnavailable`).
    public var queryEvaluator: (any QueryEvaluator)?
    /// Evaluates intrinsic functions; inject randomness to replay `States.UUID` and `States.MathRandom`.
    public var intrinsics: IntrinsicEvaluator

    /// Creates options; JSONata goes through `JSONataQueryEvaluator` unless told otherwise.
    public init(
        queryEvaluator: (any QueryEvaluator)? = JSONataQueryEvaluator(),
        intrinsics: IntrinsicEvaluator = IntrinsicEvaluator()
    ) {
        self.queryEvaluator = queryEvaluator
        self.intrinsics = intrinsics
    }
}
