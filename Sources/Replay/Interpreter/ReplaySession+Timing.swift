import RetraceCore
import StepFunctions

/// How far a recorded duration may stray from the one the definition asks for and still agree. The service
/// records times to the millisecond but schedules waits and timeouts to the second, and a busy account starts
/// them late: a wait or timeout may end up to `early` before its time and up to `late` after it.
enum TimingTolerance {
    /// Milliseconds a wait or timeout may end before its time (rounding to whole seconds).
    static let early: Int64 = 1_000
    /// Milliseconds a wait or timeout may end after its time (scheduling delay).
    static let late: Int64 = 10_000

    /// The tolerance as reports state it.
    static let description = "from 1 s early to 10 s late"
}

extension ReplaySession {
    /// Checks a Wait state's recorded length against the `milliseconds` asked for.
    mutating func checkWaitTiming(visit: StateVisit, atLeast milliseconds: Int64, frame: Frame) {
        guard let start = visit.start, let end = visit.end, visit.status == .succeeded else {
            note(.timing, eventID: visit.enteredEventID, location: frame.location, "the wait's length was not timed")
            return
        }
        checkDuration(
            start.elapsedMilliseconds(until: end), expected: milliseconds, what: "a wait",
            eventID: visit.exitedEventID ?? visit.enteredEventID, location: frame.location, state: visit.name)
    }

    /// Checks a Wait state that waits until `until`: one whose time has passed ends at once.
    mutating func checkWaitTiming(visit: StateVisit, until: Instant, frame: Frame) {
        guard let start = visit.start else {
            note(.timing, eventID: visit.enteredEventID, location: frame.location, "the wait's end was not timed")
            return
        }
        checkWaitTiming(visit: visit, atLeast: max(start.milliseconds(until: until), 0), frame: frame)
    }

    /// Checks how a run ended against the definition's `TimeoutSeconds`: a run that timed out must have lasted
    /// about that long (and the definition must set one); a run that outlasted it must have timed out. AWS resets
    /// the execution timeout to 0 when it redrives an execution (the Step Functions guide, "Redriving
    /// executions"), so each run is timed from its own start: `ExecutionStarted`, or the redrive's
    /// `ExecutionRedriven`.
    mutating func checkExecutionTimeout(
        _ machine: StateMachineDefinition, run: ExecutionRun, terminal: HistoryEvent
    ) {
        let timedOut = terminal.type == .executionTimedOut
        guard let start = run.start, let end = run.end else {
            if timedOut {
                note(.timing, eventID: terminal.id, location: [], "the execution timeout was not timed")
            }
            return
        }
        let lasted = start.elapsedMilliseconds(until: end)
        guard let seconds = machine.timeoutSeconds else {
            if timedOut {
                // Without TimeoutSeconds a Standard execution may run a year; an Express one five minutes.
                if lasted + TimingTolerance.early < 300_000 {
                    diverge(
                        .executionResult, eventID: terminal.id, location: [], state: nil,
                        expected: "no execution timeout (the definition sets no TimeoutSeconds)",
                        recorded: "ExecutionTimedOut after \(DurationFormatter.string(milliseconds: lasted))")
                } else {
                    agreements += 1
                }
            }
            return
        }
        let limit = seconds * 1000
        if timedOut {
            checkDuration(
                lasted, expected: limit, what: "an execution timeout", eventID: terminal.id, location: [], state: nil)
        } else if lasted > limit + TimingTolerance.late {
            diverge(
                .executionResult, eventID: terminal.id, location: [], state: nil,
                expected: "ExecutionTimedOut after TimeoutSeconds \(seconds)",
                recorded: "\(terminal.type) after \(DurationFormatter.string(milliseconds: lasted))")
        }
    }

    private mutating func checkDuration(
        _ lasted: Int64, expected: Int64, what: String, eventID: Int64, location: [LocationStep], state: String?
    ) {
        if lasted + TimingTolerance.early < expected || lasted > expected + TimingTolerance.late {
            diverge(
                .timing, eventID: eventID, location: location, state: state,
                expected: "\(what) of \(DurationFormatter.string(milliseconds: expected)) "
                    + "(\(TimingTolerance.description))",
                recorded: "\(DurationFormatter.string(milliseconds: lasted))")
        } else {
            agreements += 1
        }
    }
}
