import RetraceCore
import StepFunctions

/// Re-enacts a recorded execution: its state at any event, and the tree context of every event for stepping
/// through it.
public struct Reenactment: Sendable {
    /// The reconstructed execution.
    public let tree: ExecutionTree

    /// Prepares the re-enactment of `tree`.
    public init(tree: ExecutionTree) {
        self.tree = tree
    }

    /// Where in the run an event happened (`[]` for execution-level events): the tree's own index.
    public func context(of eventID: Int64) -> [LocationStep] {
        tree.location(ofEvent: eventID)
    }

    /// The last event at or before `instant`, for `--at TIMESTAMP`; `nil` when every event is later or no
    /// timestamp is readable.
    public func eventID(at instant: Instant) -> Int64? {
        tree.events.last { ($0.timestamp.map { $0 <= instant }) ?? false }?.id
    }

    /// The execution as it stood right after event `eventID`.
    public func snapshot(at eventID: Int64, lastEventCount: Int = 5) -> ExecutionSnapshot {
        var states: [StateSnapshot] = []
        var containers: [ContainerProgress] = []
        for placed in tree.placedVisits where placed.visit.enteredEventID > 0 && placed.visit.enteredEventID <= eventID
        {
            let (path, visit) = (placed.path, placed.visit)
            let ended = visit.endEventID.map { $0 <= eventID } ?? false
            let status: Status = ended ? visit.status : .running
            states.append(
                StateSnapshot(
                    path: path, name: visit.name, type: visit.type, status: status,
                    enteredEventID: visit.enteredEventID))
            if visit.type == .map, !visit.iterations.isEmpty || visit.itemCount != nil {
                let started = visit.iterations.filter { $0.startedEventID <= eventID }
                let done = started.filter { ($0.endEventID.map { $0 <= eventID }) ?? false }
                containers.append(
                    ContainerProgress(
                        path: path, type: .map, total: visit.itemCount.map { Int(clamping: $0) },
                        started: started.count,
                        succeeded: done.filter { $0.status == .succeeded }.count,
                        failed: done.filter { $0.status.isFailure }.count,
                        aborted: done.filter { $0.status == .aborted }.count))
            } else if visit.type == .parallel {
                let started = visit.branches.filter { ($0.visits.first?.enteredEventID ?? Int64.max) <= eventID }
                let done = started.filter { ($0.visits.last?.endEventID.map { $0 <= eventID }) ?? false }
                containers.append(
                    ContainerProgress(
                        path: path, type: .parallel, total: visit.branches.isEmpty ? nil : visit.branches.count,
                        started: started.count, succeeded: done.filter { $0.status == .succeeded }.count,
                        failed: done.filter { $0.status.isFailure }.count,
                        aborted: done.filter { $0.status == .aborted }.count))
            }
        }
        let upTo = tree.events.filter { $0.id > 0 && $0.id <= eventID }
        let outcome: RunOutcome
        if let terminal = upTo.last(where: { $0.type.isExecutionTerminal }) {
            outcome = tree.runs.last { $0.terminalEventID == terminal.id }?.outcome ?? .running
        } else {
            outcome = .running
        }
        return ExecutionSnapshot(
            eventID: eventID, time: upTo.last?.timestamp, states: states, containers: containers,
            lastEvents: Array(upTo.suffix(max(lastEventCount, 0))), outcome: outcome)
    }
}
