import RetraceCore

/// Something replay could not compare, and why. Reported beside the divergences so that "no divergence" never
/// hides what was not checked.
public struct NotCompared: Sendable, Hashable, CustomStringConvertible {
    /// Why it could not be compared.
    public var category: NotComparedCategory
    /// The event concerned, when there is one.
    public var eventID: Int64?
    /// Where in the run.
    public var location: [LocationStep]
    /// What was not compared, and the particular reason.
    public var detail: String

    /// Creates an entry.
    public init(category: NotComparedCategory, eventID: Int64?, location: [LocationStep], detail: String) {
        self.category = category
        self.eventID = eventID
        self.location = location
        self.detail = detail
    }

    /// `event #4 at Map › iteration 0: placeholder: state input: the history holds the placeholder '<uuid:1>'`.
    public var description: String {
        let event = eventID.map { "event #\($0)" } ?? "execution"
        let place = location.isEmpty ? "" : " at \(location.pathDescription)"
        return "\(event)\(place): \(category.title): \(detail)"
    }
}

/// The reasons a comparison could not be made.
public enum NotComparedCategory: String, Sendable, Hashable, CaseIterable {
    /// The history masks a value (`<uuid:1>`, `<region>`, `timestamp`): compared around it.
    case placeholder
    /// The computed value depends on something neither the definition nor the history says (the execution ARN,
    /// a task token, entry times).
    case unknownValue = "unknown-value"
    /// Timestamps are unreadable, so waits, retry intervals and timeouts were not timed.
    case timing
    /// A JSONata state, and no JSONata evaluator was given: its data and decisions were taken from the history.
    case jsonataUnavailable = "jsonata-unavailable"
    /// The Parallel state's branch events are masked or unlinked (`__MASKED_PARALLEL` recordings).
    case maskedParallel = "masked-parallel"
    /// A distributed Map's iterations run as child executions; their results come from the Map Run.
    case mapRun = "map-run"
    /// Items come from an `ItemReader` (S3), which the history does not record.
    case itemReader = "item-reader"
    /// The history ends (execution running, aborted or stopped) before this point.
    case historyEnds = "history-ends"
    /// The error message (cause) is worded differently from Retrace's; the error name was compared.
    case causeWording = "cause-wording"
    /// Fields the history does not record (a JSONata or masked value, a truncated payload).
    case notRecorded = "not-recorded"
    /// A redrive whose starting point cannot be told (the run before it entered no state), or a Parallel whose
    /// branches that had succeeded were not run again.
    case redrive
    /// The interpreter does not model this (named in the detail).
    case unsupported

    /// A short title for reports.
    public var title: String {
        switch self {
        case .placeholder: return "placeholder"
        case .unknownValue: return "unknown value"
        case .timing: return "timing"
        case .jsonataUnavailable: return "JSONata evaluation not available"
        case .maskedParallel: return "masked Parallel events"
        case .mapRun: return "Map Run"
        case .itemReader: return "ItemReader"
        case .historyEnds: return "history ends"
        case .causeWording: return "cause wording"
        case .notRecorded: return "not recorded"
        case .redrive: return "redrive"
        case .unsupported: return "not modelled"
        }
    }
}
