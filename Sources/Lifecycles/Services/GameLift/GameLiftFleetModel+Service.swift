import RetraceCore

extension LifecycleSource {
    /// Amazon GameLift `DescribeFleetEvents`: `{"Events": [...], "NextToken": ...}`.
    public static let gameLift = LifecycleSource(registered: .gameLift)
}

extension LifecycleSource.Family {
    /// GameLift fleets and their locations.
    public static let gameLift = Self(rawValue: "gameLift")
}

extension GameLiftFleetModel: LifecycleService {
    static var family: LifecycleSource.Family { .gameLift }
    static var signatures: [EventLogSignature] { [.gameLift] }

    /// `NextToken`, and the logs `retrace fetch --fleet` kept with the events (`EventLogs`, `GameSessionLogs`).
    static func readMembers(of document: JSONElement, into page: inout LifecyclePage, decoder: LifecyclePageDecoder)
        throws(InputError)
    {
        page.nextToken = try decoder.reader.string("NextToken", of: document, at: [])
        if let logs = document["EventLogs"] {
            page.attachedLogs += try eventLogs(logs, at: [.key("EventLogs")], reader: decoder.reader)
        }
        if let sessions = document["GameSessionLogs"] {
            page.attachedLogs += try gameSessionLogs(sessions, at: [.key("GameSessionLogs")], reader: decoder.reader)
        }
    }

    static func readEvents(
        _ events: EventElements, at path: [JSONPathComponent], into page: inout LifecyclePage,
        decoder: LifecyclePageDecoder
    ) throws(InputError) {
        let reader = decoder.reader
        let interner = decoder.interner
        let source = page.source
        let file = reader.input.name
        // Each field's text of the event before: a fleet's id is on every event.
        var (lastCode, lastFleet, lastMessage): (String?, String?, String?) = (nil, nil, nil)
        try decoder.forEachEvent(in: events, at: path) { object, path throws(InputError) in
            let (time, unparsed) = try reader.timestamp("EventTime", of: object, at: path())
            var event = LifecycleEvent(
                id: try reader.string("EventId", of: object, at: path()) ?? "", time: time, unparsedTime: unparsed,
                code: try reader.requiredSharedString(
                    "EventCode", of: object, at: path(), interner: interner, last: &lastCode),
                resource: try reader.sharedString(
                    "ResourceId", of: object, at: path(), interner: interner, last: &lastFleet) ?? "",
                message: try reader.sharedString(
                    "Message", of: object, at: path(), interner: interner, last: &lastMessage),
                file: file, source: source)
            if let link = try reader.string("PreSignedLogUrl", of: object, at: path()) { event.preSignedLogURL = link }
            if let count = try reader.integer("Count", of: object, at: path()) { event.count = count }
            page.events.append(event)
        }
    }

    /// The `EventLogs` member: the logs GameLift events linked to, each `EventId`, `EventCode` and `lines`.
    private static func eventLogs(_ element: JSONElement, at path: [JSONPathComponent], reader: EventFieldReader)
        throws(InputError) -> [AttachedLog]
    {
        guard element.kind == .array else {
            throw reader.mismatch(at: path, expected: "an array", found: element.kind.described)
        }
        var logs: [AttachedLog] = []
        for (index, log) in element.elements.enumerated() {
            let logPath = path + [.index(index)]
            guard log.kind == .object else {
                throw reader.mismatch(at: logPath, expected: "an event log object", found: log.kind.described)
            }
            let eventID = try reader.string("EventId", of: log, at: logPath)
            let code = try reader.string("EventCode", of: log, at: logPath) ?? "the event"
            logs.append(
                AttachedLog(
                    name: "log of \(code) (event \(eventID ?? "?"))", eventID: eventID,
                    lines: try lines(of: log, at: logPath, reader: reader)))
        }
        return logs
    }

    /// The `GameSessionLogs` member: for each game session that ended badly, `GameSessionId`, `Status`,
    /// `StatusReason`, and `logs`, the text files of its archive, each `name` and `lines`.
    private static func gameSessionLogs(
        _ element: JSONElement, at path: [JSONPathComponent], reader: EventFieldReader
    ) throws(InputError) -> [AttachedLog] {
        guard element.kind == .array else {
            throw reader.mismatch(at: path, expected: "an array", found: element.kind.described)
        }
        var logs: [AttachedLog] = []
        for (index, session) in element.elements.enumerated() {
            let sessionPath = path + [.index(index)]
            guard session.kind == .object else {
                throw reader.mismatch(at: sessionPath, expected: "a game session object", found: session.kind.described)
            }
            let ending = AttachedLog.GameSession(
                id: try reader.string("GameSessionId", of: session, at: sessionPath) ?? "?",
                status: try reader.string("Status", of: session, at: sessionPath) ?? "?",
                reason: try reader.string("StatusReason", of: session, at: sessionPath))
            let shortID = ending.id.split(separator: "/").last.map(String.init) ?? ending.id
            for (logIndex, log) in try reader.array("logs", of: session, at: sessionPath).enumerated() {
                let logPath = sessionPath + [.key("logs"), .index(logIndex)]
                guard log.kind == .object else {
                    throw reader.mismatch(at: logPath, expected: "a log object", found: log.kind.described)
                }
                let name = try reader.string("name", of: log, at: logPath) ?? "log"
                var attached = AttachedLog(
                    name: "\(name) of game session \(shortID)", lines: try lines(of: log, at: logPath, reader: reader))
                attached.gameSession = ending
                logs.append(attached)
            }
        }
        return logs
    }

    /// The `lines` member of a kept log: strings, oldest first.
    private static func lines(of log: JSONElement, at path: [JSONPathComponent], reader: EventFieldReader)
        throws(InputError) -> [AttachedLog.Line]
    {
        var lines: [AttachedLog.Line] = []
        for (index, line) in try reader.array("lines", of: log, at: path).enumerated() {
            guard let text = line.string else {
                throw reader.mismatch(
                    at: path + [.key("lines"), .index(index)], expected: "a string", found: line.kind.described)
            }
            lines.append(AttachedLog.Line(time: nil, message: text))
        }
        return lines
    }

    /// A fleet is a deployment: its `ResourceId`.
    static func deploymentKeys(of events: [LifecycleEvent]) -> (keys: [String], names: [String: String]) {
        (events.map(fleetID(of:)), [:])
    }
}
