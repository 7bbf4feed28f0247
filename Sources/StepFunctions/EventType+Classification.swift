/// Which integration ran a task attempt: the three event families that schedule work.
public enum TaskFamily: String, Sendable, Hashable {
    /// `Task*` events: service integrations, including the optimised Lambda integration.
    case task
    /// `LambdaFunction*` events: the legacy Lambda integration (Resource = function ARN).
    case lambda
    /// `Activity*` events: activity workers.
    case activity
}

/// The step of a task attempt an event records.
public enum TaskPhase: Sendable, Hashable {
    /// The work was requested (starts an attempt).
    case scheduled
    /// The request could not be scheduled (activity or Lambda).
    case scheduleFailed
    /// The worker or service began the work.
    case started
    /// The service could not start the work.
    case startFailed
    /// A `.sync` / `.waitForTaskToken` request was submitted (its response recorded).
    case submitted
    /// Submitting failed.
    case submitFailed
    /// The work finished successfully.
    case succeeded
    /// The work failed.
    case failed
    /// The work ran out of time (task timeout or missed heartbeat; both are `States.Timeout`).
    case timedOut
}

extension EventType {
    /// The state type of a `*StateEntered`, `*StateExited` or `*StateAborted` event.
    public var stateType: StateType? {
        switch self {
        case .taskStateEntered, .taskStateExited, .taskStateAborted: return .task
        case .choiceStateEntered, .choiceStateExited: return .choice
        case .failStateEntered: return .fail
        case .mapStateEntered, .mapStateExited, .mapStateAborted: return .map
        case .parallelStateEntered, .parallelStateExited, .parallelStateAborted: return .parallel
        case .passStateEntered, .passStateExited: return .pass
        case .succeedStateEntered, .succeedStateExited: return .succeed
        case .waitStateEntered, .waitStateExited, .waitStateAborted: return .wait
        default: return nil
        }
    }

    /// Whether the event starts a state visit.
    public var isStateEntered: Bool {
        switch self {
        case .taskStateEntered, .choiceStateEntered, .failStateEntered, .mapStateEntered, .parallelStateEntered,
            .passStateEntered, .succeedStateEntered, .waitStateEntered:
            return true
        default: return false
        }
    }

    /// Whether the event ends a state visit normally (including after a Catch).
    public var isStateExited: Bool {
        switch self {
        case .taskStateExited, .choiceStateExited, .mapStateExited, .parallelStateExited, .passStateExited,
            .succeedStateExited, .waitStateExited:
            return true
        default: return false
        }
    }

    /// Whether the event aborts a running state (because something else failed or the execution stopped).
    public var isStateAborted: Bool {
        switch self {
        case .taskStateAborted, .mapStateAborted, .parallelStateAborted, .waitStateAborted: return true
        default: return false
        }
    }

    /// The integration family and phase of a task event.
    public var taskEvent: (family: TaskFamily, phase: TaskPhase)? {
        switch self {
        case .taskScheduled: return (.task, .scheduled)
        case .taskStarted: return (.task, .started)
        case .taskStartFailed: return (.task, .startFailed)
        case .taskSubmitted: return (.task, .submitted)
        case .taskSubmitFailed: return (.task, .submitFailed)
        case .taskSucceeded: return (.task, .succeeded)
        case .taskFailed: return (.task, .failed)
        case .taskTimedOut: return (.task, .timedOut)
        case .lambdaFunctionScheduled: return (.lambda, .scheduled)
        case .lambdaFunctionScheduleFailed: return (.lambda, .scheduleFailed)
        case .lambdaFunctionStarted: return (.lambda, .started)
        case .lambdaFunctionStartFailed: return (.lambda, .startFailed)
        case .lambdaFunctionSucceeded: return (.lambda, .succeeded)
        case .lambdaFunctionFailed: return (.lambda, .failed)
        case .lambdaFunctionTimedOut: return (.lambda, .timedOut)
        case .activityScheduled: return (.activity, .scheduled)
        case .activityScheduleFailed: return (.activity, .scheduleFailed)
        case .activityStarted: return (.activity, .started)
        case .activitySucceeded: return (.activity, .succeeded)
        case .activityFailed: return (.activity, .failed)
        case .activityTimedOut: return (.activity, .timedOut)
        default: return nil
        }
    }

    /// Whether the event ends the execution (one per execution attempt; a redriven history has several).
    public var isExecutionTerminal: Bool {
        switch self {
        case .executionSucceeded, .executionFailed, .executionAborted, .executionTimedOut: return true
        default: return false
        }
    }

    /// Whether the event records a failure where it happened, rather than passing one on
    /// (`TaskFailed` is a leaf failure; `MapStateFailed` and every `*Aborted` only propagate one).
    public var isLeafFailure: Bool {
        switch self {
        case .taskFailed, .taskTimedOut, .taskStartFailed, .taskSubmitFailed, .lambdaFunctionFailed,
            .lambdaFunctionTimedOut, .lambdaFunctionStartFailed, .lambdaFunctionScheduleFailed, .activityFailed,
            .activityTimedOut, .activityScheduleFailed, .evaluationFailed, .mapRunFailed, .failStateEntered:
            return true
        default: return false
        }
    }

    /// Whether the event records a failure or passes one on: leaf failures, aborts, failed containers and
    /// iterations, and the execution's failed, timed-out or aborted end.
    public var recordsFailure: Bool {
        if isLeafFailure || isStateAborted { return true }
        switch self {
        case .executionFailed, .executionTimedOut, .executionAborted, .mapStateFailed, .parallelStateFailed,
            .mapIterationFailed, .mapIterationAborted, .mapRunAborted:
            return true
        default:
            return false
        }
    }
}
