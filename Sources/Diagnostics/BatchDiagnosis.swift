import Lifecycles
import RetraceCore
import StepFunctions

/// The answer for many executions (or deployments) at once: a line each, the failures grouped by what caused them,
/// and totals. Built from one small row per log, so that a thousand logs never need to be held at once.
public struct BatchDiagnosis: Sendable {
    /// One log in one line.
    public struct Row: Sendable {
        /// What people call it: the execution name, or the file.
        public var name: String
        /// The execution ARN, when known.
        public var arn: String?
        /// The files it was read from.
        public var sources: [String]
        /// How it ended.
        public var outcome: RunOutcome
        /// When it started.
        public var start: Instant?
        /// How long it ran (to its end, or to the last event known).
        public var durationMilliseconds: Int64?
        /// Whether the history was given whole.
        public var isComplete: Bool
        /// Number of distributed Map child executions given with it.
        public var childCount: Int
        /// The root cause, when it went wrong.
        public var rootCause: Finding?
        /// What groups it with others that failed the same way.
        public var signature: Signature?
        /// Number of warnings about its log.
        public var warningCount: Int
        /// Whether it is a Step Functions execution (rather than a deployment log).
        public var isExecution: Bool

        /// Sums up an analysed log.
        public init(_ log: AnalyzedLog) {
            switch log {
            case .execution(let execution):
                let tree = execution.tree
                name = execution.entry.name
                arn = tree.history.executionArn
                sources = tree.history.sources
                outcome = tree.outcome
                start = tree.start
                durationMilliseconds = tree.durationMilliseconds
                isComplete = tree.history.completeness.isComplete
                childCount = execution.entry.children.count
                warningCount = tree.warnings.count
                isExecution = true
            case .deployment(let deployment):
                let log = deployment.run.log
                let first = log.files.first.map { String($0.split(separator: "/").last ?? Substring($0)) }
                // The deployment by what it is (a stack, a fleet, a service); its files only when the log does not
                // say.
                name =
                    log.identity
                    ?? (first ?? "deployment log")
                    + (log.files.count > 1 ? " (+\(Noun("file").counted(log.files.count - 1)))" : "")
                arn = nil
                sources = log.files
                outcome = deployment.diagnosis.outcome
                let times = log.events.compactMap(\.time)
                start = times.min()
                durationMilliseconds = times.min().flatMap { first in times.max().map { first.milliseconds(until: $0) }
                }
                isComplete = true
                childCount = 0
                warningCount = log.warnings.count
                isExecution = false
            }
            rootCause = log.diagnosis.rootCause
            signature = rootCause.map(Signature.init)
        }
    }

    /// Failures that share a place and an error: the state (or resource) where the root cause lies and its error.
    public struct Signature: Sendable, Hashable, Comparable {
        /// The innermost state or resource of the root cause's location.
        public var place: String
        /// The root cause's error, or its finding code when it records none.
        public var error: String

        init(_ finding: Finding) {
            place =
                finding.location.reversed().lazy.compactMap { step -> String? in
                    switch step {
                    case .state(let name), .resource(let name): return name
                    default: return nil
                    }
                }.first ?? "(execution)"
            error = finding.error ?? finding.code.rawValue
        }

        /// By place, then error.
        public static func < (lhs: Signature, rhs: Signature) -> Bool {
            (lhs.place, lhs.error) < (rhs.place, rhs.error)
        }
    }

    /// The logs that failed the same way.
    public struct Group: Sendable {
        /// What they share.
        public var signature: Signature
        /// Positions of their rows, in row order.
        public var rows: [Int]
        /// The earliest start among them (or the first row, when times are unknown).
        public var first: Int
        /// The latest start among them.
        public var last: Int
    }

    /// Every row, by start time then name.
    public var rows: [Row]
    /// The failures grouped, the largest group first.
    public var groups: [Group]
    /// What was noticed about the inputs as a whole.
    public var warnings: [LogWarning]

    /// Groups `rows` (already in output order).
    public init(rows: [Row], warnings: [LogWarning]) {
        self.rows = rows
        self.warnings = warnings
        var bySignature: [Signature: [Int]] = [:]
        for (index, row) in rows.enumerated() where row.outcome.isFailure || row.rootCause != nil {
            if let signature = row.signature { bySignature[signature, default: []].append(index) }
        }
        groups = bySignature.map { signature, members in
            let timed = members.compactMap { index in rows[index].start.map { (index, $0) } }
            let first = timed.min { $0.1 < $1.1 }?.0 ?? members[0]
            let last = timed.max { $0.1 < $1.1 }?.0 ?? members[members.count - 1]
            return Group(signature: signature, rows: members, first: first, last: last)
        }.sorted { ($0.rows.count, $1.signature) > ($1.rows.count, $0.signature) }
    }

    /// How many rows ended each way.
    public var totals: [(outcome: RunOutcome, count: Int)] {
        RunOutcome.allCases.map { outcome in (outcome, rows.filter { $0.outcome == outcome }.count) }
            .filter { $0.count > 0 }
    }

    /// Whether any row failed, timed out or was aborted: the condition for `--exit-code`.
    public var anyFailed: Bool { rows.contains { $0.outcome.isFailure } }
}
