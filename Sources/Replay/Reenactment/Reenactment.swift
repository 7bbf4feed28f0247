import RetraceCore
import StepFunctions

/// Re-enacts a recorded execution: its state at any event, and the tree context of every event for stepping
/// through it.
public struct Reenactment: Sendable {
    /// The reconstructed execution.
    public let tree: ExecutionTree
    private let contextByEvent: [Int64: [LocationStep]]

    /// Prepares the re-enactment of `tree` (one pass over its visits).
    public init(tree: ExecutionTree) {
        self.tree = tree
        var contexts: [Int64: [LocationStep]] = [:]
        for (path, visit) in tree.allVisits() {
            for id in visit.eventIDs where id > 0 { contexts[id] = path }
            contexts[visit.enteredEventID] = path
            for attempt in visit.attempts {
                let attemptPath = path + [.attempt(number: attempt.number, total: visit.attempts.count)]
                for id in [
                    attempt.scheduledEventID, attempt.startedEventID, attempt.submittedEventID, attempt.endEventID,
                ] {
                    if let id, id > 0 { contexts[id] = attemptPath }
                }
            }
            for iteration in visit.iterations {
                let iterationPath = path + [.iteration(iteration.index)]
                contexts[iteration.startedEventID] = iterationPath
                if let end = iteration.endEventID { contexts[end] = iterationPath }
            }
        }
        contextByEvent = contexts
    }

    /// Where in the run an event happened (`[]` for execution-level events).
    public func context(of eventID: Int64) -> [LocationStep] {
        contextByEvent[eventID] ?? []
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
        for (path, visit) in tree.allVisits() where visit.enteredEventID > 0 && visit.enteredEventID <= eventID {
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
