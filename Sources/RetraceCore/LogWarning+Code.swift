extension LogWarning {
    /// A warning's stable code for programs (`id-gap`, `duplicate-page`, …). One code per concept, whichever
    /// service's log shows it: a timestamp that cannot be read is `timestamp-unreadable` in a Step Functions history
    /// and in a CloudFormation log alike. `catalogue` is the one table the documentation
    /// (`docs/reconstruction.md`) is checked against.
    public struct Code: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
        /// The code as written in JSON output and the documentation.
        public let rawValue: String

        /// A code from its written form; prefer the static members.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The written form.
        public var description: String { rawValue }

        /// Alphabetical order of the written forms, for stable listings.
        public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }
    }
}

// MARK: - Anomalies of one log

extension LogWarning.Code {
    /// Timestamps that cannot be read.
    public static let timestampUnreadable = Self(rawValue: "timestamp-unreadable")
    /// One id with two different contents (identical copies from overlapping pages are merged silently).
    public static let conflictingDuplicate = Self(rawValue: "conflicting-duplicate")
    /// One id used by two different events of a deployment log (kept apart, both shown).
    public static let duplicateEventID = Self(rawValue: "duplicate-event-id")
    /// Events whose id is unusable.
    public static let eventWithoutID = Self(rawValue: "event-without-id")
    /// An event type this version does not know; kept with its raw details.
    public static let unknownEventType = Self(rawValue: "unknown-event-type")
    /// Ids missing from the sequence.
    public static let idGap = Self(rawValue: "id-gap")
    /// A `previousEventId` that names an event not in the history.
    public static let danglingLink = Self(rawValue: "dangling-link")
    /// A `previousEventId` that is not earlier than the event itself.
    public static let forwardLink = Self(rawValue: "forward-link")
    /// An event timed earlier than the event it follows.
    public static let timestampBackwards = Self(rawValue: "timestamp-backwards")
    /// Events after the execution ended.
    public static let afterTerminal = Self(rawValue: "after-terminal")
    /// An event that matches no state, iteration or branch.
    public static let orphanEvent = Self(rawValue: "orphan-event")
    /// The history starts after its first event.
    public static let missingStart = Self(rawValue: "missing-start")
    /// The newest page says more events follow.
    public static let moreEventsFollow = Self(rawValue: "more-events-follow")
    /// Map / Parallel nesting deeper than the limit, flattened.
    public static let nestingTooDeep = Self(rawValue: "nesting-too-deep")
    /// Fewer events than the service reports in all (a deployment log's `total_count`): pages were not given.
    public static let eventsMissing = Self(rawValue: "events-missing")
}

// MARK: - The inputs as a whole

extension LogWarning.Code {
    /// A page that was an exact copy of one already given.
    public static let duplicatePage = Self(rawValue: "duplicate-page")
    /// A page that could continue several executions.
    public static let ambiguousPage = Self(rawValue: "ambiguous-page")
    /// Distributed Map child executions whose parent was not given.
    public static let unlinkedChild = Self(rawValue: "unlinked-child")
    /// A child execution that could belong to several Map Runs.
    public static let ambiguousChild = Self(rawValue: "ambiguous-child")
    /// Files in a folder that are not event logs.
    public static let inputSkipped = Self(rawValue: "input-skipped")
    /// Pages with no events.
    public static let emptyPage = Self(rawValue: "empty-page")
}

extension LogWarning.Code {
    /// Every warning code: the table the documentation is checked against. A new code is added here and to
    /// `docs/reconstruction.md`.
    public static let catalogue: [LogWarning.Code] = [
        .timestampUnreadable, .conflictingDuplicate, .duplicateEventID, .eventWithoutID, .unknownEventType, .idGap,
        .danglingLink, .forwardLink, .timestampBackwards, .afterTerminal, .orphanEvent, .missingStart,
        .moreEventsFollow, .nestingTooDeep, .eventsMissing,
        .duplicatePage, .ambiguousPage, .unlinkedChild, .ambiguousChild, .inputSkipped, .emptyPage,
    ]
}
