import RetraceCore
import StepFunctions

/// Says which limit fired when a task timed out. AWS records heartbeat and task timeouts alike as
/// `States.Timeout` with no cause, so the elapsed time is compared with the attempt's `HeartbeatSeconds` and
/// `TimeoutSeconds` from its Scheduled event.
struct TimeoutAnalysis {
    enum Kind: Equatable {
        /// No worker or service started the work in time.
        case neverStarted
        /// `HeartbeatSeconds` passed without a heartbeat.
        case heartbeat
        /// `TimeoutSeconds` passed.
        case task
        /// The history does not tell (no times, no settings).
        case unknown
    }

    let kind: Kind
    let attempt: TaskAttempt?
    let elapsedMilliseconds: Int64?

    init(leaf: HistoryEvent, visit: StateVisit?, tree: ExecutionTree) {
        let attempt = visit?.attempts.first { $0.endEventID == leaf.id }
        self.attempt = attempt
        let from = attempt?.started ?? attempt?.scheduled
        let elapsed = from.flatMap { start in leaf.timestamp.map { start.elapsedMilliseconds(until: $0) } }
        elapsedMilliseconds = elapsed
        let heartbeat = attempt?.heartbeatInSeconds
        let timeout = attempt?.timeoutInSeconds
        if attempt != nil, attempt?.startedEventID == nil, leaf.type == .activityTimedOut {
            kind = .neverStarted
            return
        }
        switch (heartbeat, timeout) {
        case (.some, nil): kind = .heartbeat
        case (nil, .some): kind = .task
        case (let heartbeat?, let timeout?):
            if heartbeat >= timeout {
                kind = .task
            } else if let elapsed {
                kind = elapsed < timeout * 1000 - 500 ? .heartbeat : .task
            } else {
                kind = .unknown
            }
        case (nil, nil): kind = .unknown
        }
    }

    func explanation(stateName: String) -> String {
        let elapsed = elapsedMilliseconds.map { " after \(DurationFormatter.string(milliseconds: $0))" } ?? ""
        let heartbeat = attempt?.heartbeatInSeconds.map { "HeartbeatSeconds \($0)" }
        let timeout = attempt?.timeoutInSeconds.map { "TimeoutSeconds \($0)" }
        let settings = [heartbeat, timeout].compactMap { $0 }.joined(separator: ", ")
        switch kind {
        case .neverStarted:
            return "\(stateName) timed out\(elapsed) before any worker took the task (\(settings)): no activity "
                + "worker called GetActivityTask in time."
        case .heartbeat:
            return "\(stateName) timed out\(elapsed): no heartbeat arrived within HeartbeatSeconds (\(settings)). "
                + "AWS records this as States.Timeout."
        case .task:
            return "\(stateName) timed out\(elapsed): the work ran past TimeoutSeconds (\(settings))."
        case .unknown:
            let known = settings.isEmpty ? "no timeout settings were recorded" : settings
            return "\(stateName) timed out\(elapsed) (\(known)); without timestamps the history cannot tell "
                + "whether the heartbeat or the task timeout fired."
        }
    }
}
