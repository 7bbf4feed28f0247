/// The type of a history event: the 62 values of today's `HistoryEventType`, and `unknown` for types a newer
/// API version may add (kept and shown, never rejected).
public enum EventType: Sendable, Hashable, CustomStringConvertible {
    /// `ActivityFailed` (Activity).
    case activityFailed
    /// `ActivityScheduled` (Activity).
    case activityScheduled
    /// `ActivityScheduleFailed` (Activity).
    case activityScheduleFailed
    /// `ActivityStarted` (Activity).
    case activityStarted
    /// `ActivitySucceeded` (Activity).
    case activitySucceeded
    /// `ActivityTimedOut` (Activity).
    case activityTimedOut
    /// `ChoiceStateEntered` (State lifecycle).
    case choiceStateEntered
    /// `ChoiceStateExited` (State lifecycle).
    case choiceStateExited
    /// `ExecutionAborted` (Execution).
    case executionAborted
    /// `ExecutionFailed` (Execution).
    case executionFailed
    /// `ExecutionStarted` (Execution).
    case executionStarted
    /// `ExecutionSucceeded` (Execution).
    case executionSucceeded
    /// `ExecutionTimedOut` (Execution).
    case executionTimedOut
    /// `FailStateEntered` (State lifecycle).
    case failStateEntered
    /// `LambdaFunctionFailed` (Lambda).
    case lambdaFunctionFailed
    /// `LambdaFunctionScheduled` (Lambda).
    case lambdaFunctionScheduled
    /// `LambdaFunctionScheduleFailed` (Lambda).
    case lambdaFunctionScheduleFailed
    /// `LambdaFunctionStarted` (Lambda).
    case lambdaFunctionStarted
    /// `LambdaFunctionStartFailed` (Lambda).
    case lambdaFunctionStartFailed
    /// `LambdaFunctionSucceeded` (Lambda).
    case lambdaFunctionSucceeded
    /// `LambdaFunctionTimedOut` (Lambda).
    case lambdaFunctionTimedOut
    /// `MapIterationAborted` (MapIteration).
    case mapIterationAborted
    /// `MapIterationFailed` (MapIteration).
    case mapIterationFailed
    /// `MapIterationStarted` (MapIteration).
    case mapIterationStarted
    /// `MapIterationSucceeded` (MapIteration).
    case mapIterationSucceeded
    /// `MapStateAborted` (Map state).
    case mapStateAborted
    /// `MapStateEntered` (Map state).
    case mapStateEntered
    /// `MapStateExited` (Map state).
    case mapStateExited
    /// `MapStateFailed` (Map state).
    case mapStateFailed
    /// `MapStateStarted` (Map state).
    case mapStateStarted
    /// `MapStateSucceeded` (Map state).
    case mapStateSucceeded
    /// `ParallelStateAborted` (Parallel state).
    case parallelStateAborted
    /// `ParallelStateEntered` (Parallel state).
    case parallelStateEntered
    /// `ParallelStateExited` (Parallel state).
    case parallelStateExited
    /// `ParallelStateFailed` (Parallel state).
    case parallelStateFailed
    /// `ParallelStateStarted` (Parallel state).
    case parallelStateStarted
    /// `ParallelStateSucceeded` (Parallel state).
    case parallelStateSucceeded
    /// `PassStateEntered` (State lifecycle).
    case passStateEntered
    /// `PassStateExited` (State lifecycle).
    case passStateExited
    /// `SucceedStateEntered` (State lifecycle).
    case succeedStateEntered
    /// `SucceedStateExited` (State lifecycle).
    case succeedStateExited
    /// `TaskFailed` (Task (service integration)).
    case taskFailed
    /// `TaskScheduled` (Task (service integration)).
    case taskScheduled
    /// `TaskStarted` (Task (service integration)).
    case taskStarted
    /// `TaskStartFailed` (Task (service integration)).
    case taskStartFailed
    /// `TaskStateAborted` (State lifecycle).
    case taskStateAborted
    /// `TaskStateEntered` (State lifecycle).
    case taskStateEntered
    /// `TaskStateExited` (State lifecycle).
    case taskStateExited
    /// `TaskSubmitFailed` (Task (service integration)).
    case taskSubmitFailed
    /// `TaskSubmitted` (Task (service integration)).
    case taskSubmitted
    /// `TaskSucceeded` (Task (service integration)).
    case taskSucceeded
    /// `TaskTimedOut` (Task (service integration)).
    case taskTimedOut
    /// `WaitStateAborted` (State lifecycle).
    case waitStateAborted
    /// `WaitStateEntered` (State lifecycle).
    case waitStateEntered
    /// `WaitStateExited` (State lifecycle).
    case waitStateExited
    /// `MapRunAborted` (MapRun).
    case mapRunAborted
    /// `MapRunFailed` (MapRun).
    case mapRunFailed
    /// `MapRunStarted` (MapRun).
    case mapRunStarted
    /// `MapRunSucceeded` (MapRun).
    case mapRunSucceeded
    /// `ExecutionRedriven` (Execution).
    case executionRedriven
    /// `MapRunRedriven` (MapRun).
    case mapRunRedriven
    /// `EvaluationFailed` (Evaluation).
    case evaluationFailed
    /// A type this version of Retrace does not know, with its name as recorded.
    case unknown(String)

    /// Every known type, in the API model's order.
    public static let known: [EventType] = [
        .activityFailed,
        .activityScheduled,
        .activityScheduleFailed,
        .activityStarted,
        .activitySucceeded,
        .activityTimedOut,
        .choiceStateEntered,
        .choiceStateExited,
        .executionAborted,
        .executionFailed,
        .executionStarted,
        .executionSucceeded,
        .executionTimedOut,
        .failStateEntered,
        .lambdaFunctionFailed,
        .lambdaFunctionScheduled,
        .lambdaFunctionScheduleFailed,
        .lambdaFunctionStarted,
        .lambdaFunctionStartFailed,
        .lambdaFunctionSucceeded,
        .lambdaFunctionTimedOut,
        .mapIterationAborted,
        .mapIterationFailed,
        .mapIterationStarted,
        .mapIterationSucceeded,
        .mapStateAborted,
        .mapStateEntered,
        .mapStateExited,
        .mapStateFailed,
        .mapStateStarted,
        .mapStateSucceeded,
        .parallelStateAborted,
        .parallelStateEntered,
        .parallelStateExited,
        .parallelStateFailed,
        .parallelStateStarted,
        .parallelStateSucceeded,
        .passStateEntered,
        .passStateExited,
        .succeedStateEntered,
        .succeedStateExited,
        .taskFailed,
        .taskScheduled,
        .taskStarted,
        .taskStartFailed,
        .taskStateAborted,
        .taskStateEntered,
        .taskStateExited,
        .taskSubmitFailed,
        .taskSubmitted,
        .taskSucceeded,
        .taskTimedOut,
        .waitStateAborted,
        .waitStateEntered,
        .waitStateExited,
        .mapRunAborted,
        .mapRunFailed,
        .mapRunStarted,
        .mapRunSucceeded,
        .executionRedriven,
        .mapRunRedriven,
        .evaluationFailed,
    ]

    /// Reads a type name from UTF-8 bytes without making a `String` for the known ones (the hot path of
    /// decoding: every event has a type).
    public init(utf8: UnsafeBufferPointer<UInt8>) {
        let hash = EventType.fnv1a(utf8)
        if let candidates = EventType.byHash[hash] {
            for candidate in candidates where candidate.utf8.elementsEqual(utf8) {
                self = candidate.type
                return
            }
        }
        self = .unknown(String(decoding: utf8, as: UTF8.self))
    }

    private static let byHash: [UInt64: [(utf8: [UInt8], type: EventType)]] = {
        var table: [UInt64: [(utf8: [UInt8], type: EventType)]] = [:]
        for type in known {
            let bytes = Array(type.name.utf8)
            let hash = bytes.withUnsafeBufferPointer { fnv1a($0) }
            table[hash, default: []].append((bytes, type))
        }
        return table
    }()

    private static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Reads a type name as recorded; names outside the enum become `.unknown`.
    public init(name: String) {
        switch name {
        case "ActivityFailed": self = .activityFailed
        case "ActivityScheduled": self = .activityScheduled
        case "ActivityScheduleFailed": self = .activityScheduleFailed
        case "ActivityStarted": self = .activityStarted
        case "ActivitySucceeded": self = .activitySucceeded
        case "ActivityTimedOut": self = .activityTimedOut
        case "ChoiceStateEntered": self = .choiceStateEntered
        case "ChoiceStateExited": self = .choiceStateExited
        case "ExecutionAborted": self = .executionAborted
        case "ExecutionFailed": self = .executionFailed
        case "ExecutionStarted": self = .executionStarted
        case "ExecutionSucceeded": self = .executionSucceeded
        case "ExecutionTimedOut": self = .executionTimedOut
        case "FailStateEntered": self = .failStateEntered
        case "LambdaFunctionFailed": self = .lambdaFunctionFailed
        case "LambdaFunctionScheduled": self = .lambdaFunctionScheduled
        case "LambdaFunctionScheduleFailed": self = .lambdaFunctionScheduleFailed
        case "LambdaFunctionStarted": self = .lambdaFunctionStarted
        case "LambdaFunctionStartFailed": self = .lambdaFunctionStartFailed
        case "LambdaFunctionSucceeded": self = .lambdaFunctionSucceeded
        case "LambdaFunctionTimedOut": self = .lambdaFunctionTimedOut
        case "MapIterationAborted": self = .mapIterationAborted
        case "MapIterationFailed": self = .mapIterationFailed
        case "MapIterationStarted": self = .mapIterationStarted
        case "MapIterationSucceeded": self = .mapIterationSucceeded
        case "MapStateAborted": self = .mapStateAborted
        case "MapStateEntered": self = .mapStateEntered
        case "MapStateExited": self = .mapStateExited
        case "MapStateFailed": self = .mapStateFailed
        case "MapStateStarted": self = .mapStateStarted
        case "MapStateSucceeded": self = .mapStateSucceeded
        case "ParallelStateAborted": self = .parallelStateAborted
        case "ParallelStateEntered": self = .parallelStateEntered
        case "ParallelStateExited": self = .parallelStateExited
        case "ParallelStateFailed": self = .parallelStateFailed
        case "ParallelStateStarted": self = .parallelStateStarted
        case "ParallelStateSucceeded": self = .parallelStateSucceeded
        case "PassStateEntered": self = .passStateEntered
        case "PassStateExited": self = .passStateExited
        case "SucceedStateEntered": self = .succeedStateEntered
        case "SucceedStateExited": self = .succeedStateExited
        case "TaskFailed": self = .taskFailed
        case "TaskScheduled": self = .taskScheduled
        case "TaskStarted": self = .taskStarted
        case "TaskStartFailed": self = .taskStartFailed
        case "TaskStateAborted": self = .taskStateAborted
        case "TaskStateEntered": self = .taskStateEntered
        case "TaskStateExited": self = .taskStateExited
        case "TaskSubmitFailed": self = .taskSubmitFailed
        case "TaskSubmitted": self = .taskSubmitted
        case "TaskSucceeded": self = .taskSucceeded
        case "TaskTimedOut": self = .taskTimedOut
        case "WaitStateAborted": self = .waitStateAborted
        case "WaitStateEntered": self = .waitStateEntered
        case "WaitStateExited": self = .waitStateExited
        case "MapRunAborted": self = .mapRunAborted
        case "MapRunFailed": self = .mapRunFailed
        case "MapRunStarted": self = .mapRunStarted
        case "MapRunSucceeded": self = .mapRunSucceeded
        case "ExecutionRedriven": self = .executionRedriven
        case "MapRunRedriven": self = .mapRunRedriven
        case "EvaluationFailed": self = .evaluationFailed
        default: self = .unknown(name)
        }
    }

    /// The name as the API writes it.
    public var name: String {
        switch self {
        case .activityFailed: return "ActivityFailed"
        case .activityScheduled: return "ActivityScheduled"
        case .activityScheduleFailed: return "ActivityScheduleFailed"
        case .activityStarted: return "ActivityStarted"
        case .activitySucceeded: return "ActivitySucceeded"
        case .activityTimedOut: return "ActivityTimedOut"
        case .choiceStateEntered: return "ChoiceStateEntered"
        case .choiceStateExited: return "ChoiceStateExited"
        case .executionAborted: return "ExecutionAborted"
        case .executionFailed: return "ExecutionFailed"
        case .executionStarted: return "ExecutionStarted"
        case .executionSucceeded: return "ExecutionSucceeded"
        case .executionTimedOut: return "ExecutionTimedOut"
        case .failStateEntered: return "FailStateEntered"
        case .lambdaFunctionFailed: return "LambdaFunctionFailed"
        case .lambdaFunctionScheduled: return "LambdaFunctionScheduled"
        case .lambdaFunctionScheduleFailed: return "LambdaFunctionScheduleFailed"
        case .lambdaFunctionStarted: return "LambdaFunctionStarted"
        case .lambdaFunctionStartFailed: return "LambdaFunctionStartFailed"
        case .lambdaFunctionSucceeded: return "LambdaFunctionSucceeded"
        case .lambdaFunctionTimedOut: return "LambdaFunctionTimedOut"
        case .mapIterationAborted: return "MapIterationAborted"
        case .mapIterationFailed: return "MapIterationFailed"
        case .mapIterationStarted: return "MapIterationStarted"
        case .mapIterationSucceeded: return "MapIterationSucceeded"
        case .mapStateAborted: return "MapStateAborted"
        case .mapStateEntered: return "MapStateEntered"
        case .mapStateExited: return "MapStateExited"
        case .mapStateFailed: return "MapStateFailed"
        case .mapStateStarted: return "MapStateStarted"
        case .mapStateSucceeded: return "MapStateSucceeded"
        case .parallelStateAborted: return "ParallelStateAborted"
        case .parallelStateEntered: return "ParallelStateEntered"
        case .parallelStateExited: return "ParallelStateExited"
        case .parallelStateFailed: return "ParallelStateFailed"
        case .parallelStateStarted: return "ParallelStateStarted"
        case .parallelStateSucceeded: return "ParallelStateSucceeded"
        case .passStateEntered: return "PassStateEntered"
        case .passStateExited: return "PassStateExited"
        case .succeedStateEntered: return "SucceedStateEntered"
        case .succeedStateExited: return "SucceedStateExited"
        case .taskFailed: return "TaskFailed"
        case .taskScheduled: return "TaskScheduled"
        case .taskStarted: return "TaskStarted"
        case .taskStartFailed: return "TaskStartFailed"
        case .taskStateAborted: return "TaskStateAborted"
        case .taskStateEntered: return "TaskStateEntered"
        case .taskStateExited: return "TaskStateExited"
        case .taskSubmitFailed: return "TaskSubmitFailed"
        case .taskSubmitted: return "TaskSubmitted"
        case .taskSucceeded: return "TaskSucceeded"
        case .taskTimedOut: return "TaskTimedOut"
        case .waitStateAborted: return "WaitStateAborted"
        case .waitStateEntered: return "WaitStateEntered"
        case .waitStateExited: return "WaitStateExited"
        case .mapRunAborted: return "MapRunAborted"
        case .mapRunFailed: return "MapRunFailed"
        case .mapRunStarted: return "MapRunStarted"
        case .mapRunSucceeded: return "MapRunSucceeded"
        case .executionRedriven: return "ExecutionRedriven"
        case .mapRunRedriven: return "MapRunRedriven"
        case .evaluationFailed: return "EvaluationFailed"
        case .unknown(let name): return name
        }
    }

    /// The name as the API writes it.
    public var description: String { name }

    /// The details member the API uses for this type (`taskFailedEventDetails`), `nil` when it has none.
    public var detailsKey: String? {
        switch self {
        case .activityFailed: return "activityFailedEventDetails"
        case .activityScheduled: return "activityScheduledEventDetails"
        case .activityScheduleFailed: return "activityScheduleFailedEventDetails"
        case .activityStarted: return "activityStartedEventDetails"
        case .activitySucceeded: return "activitySucceededEventDetails"
        case .activityTimedOut: return "activityTimedOutEventDetails"
        case .choiceStateEntered: return "stateEnteredEventDetails"
        case .choiceStateExited: return "stateExitedEventDetails"
        case .executionAborted: return "executionAbortedEventDetails"
        case .executionFailed: return "executionFailedEventDetails"
        case .executionStarted: return "executionStartedEventDetails"
        case .executionSucceeded: return "executionSucceededEventDetails"
        case .executionTimedOut: return "executionTimedOutEventDetails"
        case .failStateEntered: return "stateEnteredEventDetails"
        case .lambdaFunctionFailed: return "lambdaFunctionFailedEventDetails"
        case .lambdaFunctionScheduled: return "lambdaFunctionScheduledEventDetails"
        case .lambdaFunctionScheduleFailed: return "lambdaFunctionScheduleFailedEventDetails"
        case .lambdaFunctionStartFailed: return "lambdaFunctionStartFailedEventDetails"
        case .lambdaFunctionSucceeded: return "lambdaFunctionSucceededEventDetails"
        case .lambdaFunctionTimedOut: return "lambdaFunctionTimedOutEventDetails"
        case .mapIterationAborted: return "mapIterationAbortedEventDetails"
        case .mapIterationFailed: return "mapIterationFailedEventDetails"
        case .mapIterationStarted: return "mapIterationStartedEventDetails"
        case .mapIterationSucceeded: return "mapIterationSucceededEventDetails"
        case .mapStateEntered: return "stateEnteredEventDetails"
        case .mapStateExited: return "stateExitedEventDetails"
        case .mapStateStarted: return "mapStateStartedEventDetails"
        case .parallelStateEntered: return "stateEnteredEventDetails"
        case .parallelStateExited: return "stateExitedEventDetails"
        case .passStateEntered: return "stateEnteredEventDetails"
        case .passStateExited: return "stateExitedEventDetails"
        case .succeedStateEntered: return "stateEnteredEventDetails"
        case .succeedStateExited: return "stateExitedEventDetails"
        case .taskFailed: return "taskFailedEventDetails"
        case .taskScheduled: return "taskScheduledEventDetails"
        case .taskStarted: return "taskStartedEventDetails"
        case .taskStartFailed: return "taskStartFailedEventDetails"
        case .taskStateEntered: return "stateEnteredEventDetails"
        case .taskStateExited: return "stateExitedEventDetails"
        case .taskSubmitFailed: return "taskSubmitFailedEventDetails"
        case .taskSubmitted: return "taskSubmittedEventDetails"
        case .taskSucceeded: return "taskSucceededEventDetails"
        case .taskTimedOut: return "taskTimedOutEventDetails"
        case .waitStateEntered: return "stateEnteredEventDetails"
        case .waitStateExited: return "stateExitedEventDetails"
        case .mapRunFailed: return "mapRunFailedEventDetails"
        case .mapRunStarted: return "mapRunStartedEventDetails"
        case .executionRedriven: return "executionRedrivenEventDetails"
        case .mapRunRedriven: return "mapRunRedrivenEventDetails"
        case .evaluationFailed: return "evaluationFailedEventDetails"
        default: return nil
        }
    }
}
