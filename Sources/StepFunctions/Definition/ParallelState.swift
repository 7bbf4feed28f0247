/// The fields particular to a Parallel state.
public struct ParallelState: Sendable, Hashable {
    /// The branches, each a complete nested state machine run on the same input; the state's result is the array
    /// of their outputs, in this order.
    public var branches: [StateMachineDefinition]

    /// Creates the Parallel fields.
    public init(branches: [StateMachineDefinition]) {
        self.branches = branches
    }
}
