import RetraceCore

/// One execution found among the pages given: which pages hold it, and what they tell of it before its events
/// are decoded (ARN, times, how it ended, the Map Runs it started).
public struct AssembledExecution: Sendable {
    /// The pages to decode, oldest events first.
    public var pages: [PageOrigin]
    /// Pages that were exact copies of one of `pages`, and are not read again.
    public var copies: [PageOrigin]
    /// The execution ARN, when a page carries one.
    public var executionArn: String?
    /// The Map Run that started it, when a page says so (`mapRunArn` beside `events`).
    public var mapRunArn: String?
    /// When it started (`ExecutionStarted`), when known.
    public var start: Instant?
    /// When it ended (its last terminal event), when known.
    public var end: Instant?
    /// Its last terminal event, when given.
    public var terminalType: EventType?
    /// Whether an `ExecutionStarted` event was given.
    public var hasStart: Bool
    /// The distributed Map runs it started, with their time windows.
    public var mapRuns: [PageFingerprint.MapRunWindow]

    /// What people call it: the ARN's last part, else the name of the file its first page came from.
    public var name: String {
        if let executionArn, let last = executionArn.split(separator: ":").last { return String(last) }
        let path = pages.first?.input ?? copies.first?.input ?? "(no input)"
        return String(path.split(separator: "/").last ?? Substring(path))
    }

    /// How it ended, as far as the pages tell before decoding.
    public var outcomeHint: RunOutcome {
        switch terminalType {
        case .executionSucceeded?: return .succeeded
        case .executionFailed?: return .failed
        case .executionTimedOut?: return .timedOut
        case .executionAborted?: return .aborted
        default: return hasStart ? .running : .unknown
        }
    }

    /// Orders executions for output: by start time (unknown last), then by name, then by first page.
    public static func precedes(_ lhs: AssembledExecution, _ rhs: AssembledExecution) -> Bool {
        switch (lhs.start, rhs.start) {
        case (let left?, let right?) where left != right: return left < right
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if lhs.name != rhs.name { return lhs.name < rhs.name }
        let left = lhs.pages.first ?? lhs.copies.first
        let right = rhs.pages.first ?? rhs.copies.first
        return (left?.input ?? "", left?.ordinal ?? 0) < (right?.input ?? "", right?.ordinal ?? 0)
    }
}
