import RetraceCore

/// What of an execution's history was not given: its first events, ids in between, or the events after the last
/// page when that page says more follow.
///
/// A history with a piece missing still gets an answer, but one that says so: the status then comes from what
/// is known (a history whose last page carries `nextToken` is not called running), and reports show the history
/// as incomplete.
public struct HistoryCompleteness: Sendable, Hashable {
    /// The first event id given, when events before it are missing (the first page was not given).
    public var firstID: Int64?
    /// Whether an `ExecutionStarted` event was given.
    public var hasStart = true
    /// Ranges of ids missing between the first and last ids given.
    public var gaps: [ClosedRange<Int64>] = []
    /// The last id given, when the page holding it carries `nextToken` and no event ends the execution there:
    /// the events after it were not given.
    public var truncatedAfter: Int64?
    /// The page that carries that `nextToken`.
    public var truncatingPage: String?

    /// Creates the verdict of a whole history.
    public init() {}

    /// Whether nothing is known to be missing.
    public var isComplete: Bool { firstID == nil && hasStart && gaps.isEmpty && truncatedAfter == nil }

    /// What is missing, for people, one phrase per piece: `events #1–#50 (the first page?)`.
    public var missingPieces: [String] {
        var pieces: [String] = []
        if let firstID {
            pieces.append("events #1–#\(firstID - 1), before the first event given (the first page?)")
        } else if !hasStart {
            pieces.append("the ExecutionStarted event")
        }
        for gap in gaps {
            pieces.append(
                gap.lowerBound == gap.upperBound
                    ? "event #\(gap.lowerBound)" : "events #\(gap.lowerBound)–#\(gap.upperBound)")
        }
        if let truncatedAfter {
            pieces.append(
                "the events after #\(truncatedAfter) (\(truncatingPage ?? "the last page") carries nextToken)")
        }
        return pieces
    }

    /// The warnings that say what is missing, under stable codes.
    var warnings: [LogWarning] {
        var warnings: [LogWarning] = []
        if let firstID {
            warnings.append(
                LogWarning(
                    code: .missingStart,
                    message: "the history starts at event #\(firstID): events #1–#\(firstID - 1), with "
                        + "ExecutionStarted, were not given (the first page?)", eventIDs: [firstID]))
        } else if !hasStart {
            warnings.append(
                LogWarning(
                    code: .missingStart,
                    message: "the history has no ExecutionStarted event: where and how it started is unknown"))
        }
        for gap in gaps {
            let count = gap.upperBound - gap.lowerBound + 1
            let range = count == 1 ? "#\(gap.lowerBound) is" : "#\(gap.lowerBound)–#\(gap.upperBound) are"
            warnings.append(
                LogWarning(
                    code: .idGap,
                    message: "event\(count == 1 ? "" : "s") \(range) missing (\(count) event\(count == 1 ? "" : "s")): "
                        + "a page was not given, or was cut", eventIDs: [gap.lowerBound, gap.upperBound]))
        }
        if let truncatedAfter {
            warnings.append(
                LogWarning(
                    code: .moreEventsFollow,
                    message: "\(truncatingPage ?? "the last page") carries nextToken, so the execution has events "
                        + "after #\(truncatedAfter) that were not given; its status is unknown, not running "
                        + "(fetch the remaining pages with --starting-token)",
                    eventIDs: [truncatedAfter]))
        }
        return warnings
    }
}
