import Diagnostics
import RetraceCore
import StepFunctions

/// What differs between two executions of one state machine: where their paths split and why, the data that
/// reached the split, per-state time and attempt differences, the errors only one of them met, and a verdict.
///
/// The first is the baseline (the run that worked, usually); everything is said of the second against it.
public struct ExecutionDifference: Sendable {
    /// One execution, as the comparison names it.
    public struct Side: Sendable, Hashable {
        /// The execution's name.
        public var name: String
        /// How it ended.
        public var outcome: RunOutcome
        /// Its duration, when known.
        public var durationMilliseconds: Int64?
        /// Its root cause's one line, when it went wrong.
        public var rootCause: String?
        /// Where the root cause lies.
        public var rootCauseLocation: [LocationStep]
    }

    /// Where the two paths part: the last state both reached alike, and where each went next.
    public struct Split: Sendable, Hashable {
        /// The scope the split is in (`[]` at the top, or `Map › iteration 3`).
        public var scope: [LocationStep]
        /// The last state both visited alike before parting; `nil` when they differ from the first state.
        public var after: String?
        /// The state the baseline went to next; `nil` when its scope ended there.
        public var baselineNext: String?
        /// The state the other went to next; `nil` when its scope ended there.
        public var otherNext: String?
        /// Why: the Choice that chose differently, or the error that ended one side.
        public var reason: String
        /// The input that reached the split in each (the parting state's input), redacted, and how they differ.
        public var inputDifferences: [JSONDifference]
        /// The inputs that reached the state both visited last, as recorded: kept for the comparer only (to decide
        /// a Choice's rules), never written out, since they are not redacted.
        var baselineInput: JSONValue? = nil
        var otherInput: JSONValue? = nil
    }

    /// One state whose totals differ.
    public struct StateDelta: Sendable, Hashable {
        /// The state's name.
        public var name: String
        /// The state's type.
        public var type: StateType
        /// Visits in the baseline and the other.
        public var visits: (baseline: Int, other: Int)
        /// Task attempts in each.
        public var attempts: (baseline: Int, other: Int)
        /// Failed visits in each.
        public var failures: (baseline: Int, other: Int)
        /// Total time in each, when known.
        public var milliseconds: (baseline: Int64?, other: Int64?)

        /// The other's time minus the baseline's (0 when either is unknown).
        public var millisecondsDelta: Int64 {
            guard let baseline = milliseconds.baseline, let other = milliseconds.other else { return 0 }
            return other - baseline
        }

        /// Deltas are equal when every figure is.
        public static func == (lhs: StateDelta, rhs: StateDelta) -> Bool {
            lhs.name == rhs.name && lhs.type == rhs.type && lhs.visits == rhs.visits && lhs.attempts == rhs.attempts
                && lhs.failures == rhs.failures && lhs.milliseconds == rhs.milliseconds
        }

        /// Hashes the state.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(type)
        }
    }

    /// An error met in one execution and not the other.
    public struct ErrorPlace: Sendable, Hashable, Comparable {
        /// The state where it happened.
        public var state: String
        /// The error name.
        public var error: String

        /// Creates an error place.
        public init(state: String, error: String) {
            self.state = state
            self.error = error
        }

        /// By state, then error.
        public static func < (lhs: ErrorPlace, rhs: ErrorPlace) -> Bool {
            (lhs.state, lhs.error) < (rhs.state, rhs.error)
        }
    }

    /// A Map iteration or Parallel branch that ended differently.
    public struct PartDelta: Sendable, Hashable {
        /// Where it is (`Process › iteration 7`, `Fanout › branch 2`).
        public var location: [LocationStep]
        /// How it ended in the baseline; `nil` when it did not run there.
        public var baseline: Status?
        /// How it ended in the other.
        public var other: Status?

        /// Creates a part delta.
        public init(location: [LocationStep], baseline: Status?, other: Status?) {
            self.location = location
            self.baseline = baseline
            self.other = other
        }
    }

    /// The baseline.
    public var baseline: Side
    /// The execution compared with it.
    public var other: Side
    /// Where their paths first part; `nil` when they took the same path.
    public var split: Split?
    /// States whose visits, attempts, failures or time differ, the largest time difference first.
    public var states: [StateDelta]
    /// Map iterations (by index) and Parallel branches (by position) that ended differently.
    public var parts: [PartDelta]
    /// Errors met only in the baseline.
    public var baselineOnlyErrors: [ErrorPlace]
    /// Errors met only in the other.
    public var otherOnlyErrors: [ErrorPlace]
    /// Distributed Map child executions that ended differently: paired by the item each was given (when both
    /// sides have their children's histories), the rest by position in name order.
    public var children: [(name: String, baseline: RunOutcome?, other: RunOutcome?)]

    /// How many state names the two have in common: none means they are most likely runs of different state
    /// machines, which the verdict says.
    public var sharedStateCount: Int

    /// Whether the two ended differently.
    public var outcomesDiffer: Bool { baseline.outcome != other.outcome }

    /// One line that says what matters most.
    public var verdict: String {
        let line = outcomeVerdict
        return sharedStateCount == 0 ? line + " (they share no state: different state machines?)" : line
    }

    private var outcomeVerdict: String {
        let them = "\(other.name)"
        switch (baseline.outcome.isFailure, other.outcome.isFailure) {
        case (false, true):
            let place = other.rootCauseLocation.isEmpty ? "" : " at \(other.rootCauseLocation.pathDescription)"
            let why = other.rootCause.map { ": \($0)" } ?? ""
            let path = split.map { _ in "" } ?? " after the same path"
            return "\(them) \(other.outcome.rawValue.replacingOccurrences(of: "_", with: " ")) where "
                + "\(baseline.name) succeeded\(place)\(why)\(path)"
        case (true, false):
            return
                "\(them) succeeded where \(baseline.name) \(baseline.outcome.rawValue.replacingOccurrences(of: "_", with: " "))"
                + (baseline.rootCause.map { " (\($0))" } ?? "")
        case (true, true):
            if baseline.rootCause == other.rootCause, baseline.rootCauseLocation == other.rootCauseLocation {
                return "both \(other.outcome.rawValue.replacingOccurrences(of: "_", with: " ")) the same way"
                    + (other.rootCause.map { ": \($0)" } ?? "")
            }
            return "both failed, differently: \(baseline.name): \(baseline.rootCause ?? baseline.outcome.rawValue); "
                + "\(them): \(other.rootCause ?? other.outcome.rawValue)"
        case (false, false):
            if baseline.outcome != other.outcome {
                return "\(them) is \(other.outcome.rawValue) where \(baseline.name) is \(baseline.outcome.rawValue)"
            }
            let timing: String
            if let a = baseline.durationMilliseconds, let b = other.durationMilliseconds, a != b {
                timing =
                    "; \(them) took \(DurationFormatter.string(milliseconds: abs(b - a))) "
                    + (b > a ? "longer" : "less")
            } else {
                timing = ""
            }
            return (split == nil ? "same path, same outcome" : "both \(other.outcome.rawValue), by different paths")
                + timing
        }
    }
}
