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

    /// `NextToken`, and the logs `retrace fetch --fleet` kept with the events (`EventLogs`).
    static func readMembers(of document: JSONElement, into page: inout LifecyclePage, decoder: LifecyclePageDecoder)
        throws(InputError)
    {
        page.nextToken = try decoder.reader.string("NextToken", of: document, at: [])
        if let logs = document["EventLogs"] {
            page.attachedLogs += try eventLogs(logs, at: [.key("EventLogs")], reader: decoder.reader)
        }
    }

    static func readEvents(
        _ events: JSONElement, at path: [JSONPathComponent], into page: inout LifecyclePage,
        decoder: LifecyclePageDecoder
    ) throws(InputError) {
        let reader = decoder.reader
        let interner = decoder.interner
        let source = page.source
        try decoder.forEachEvent(in: events, at: path) { object, path throws(InputError) in
            let (time, unparsed) = try reader.timestamp("EventTime", of: object, at: path)
            var event = LifecycleEvent(
                id: try reader.string("EventId", of: object, at: path) ?? "", time: time, unparsedTime: unparsed,
                code: interner.intern(try reader.requiredString("EventCode", of: object, at: path)),
                resource: interner.intern(try reader.string("ResourceId", of: object, at: path) ?? ""),
                message: interner.intern(try reader.string("Message", of: object, at: path)), file: reader.input.name,
                source: source)
            event.preSignedLogURL = try reader.string("PreSignedLogUrl", of: object, at: path)
            event.count = try reader.integer("Count", of: object, at: path)
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
            var lines: [AttachedLog.Line] = []
            for (lineIndex, line) in try reader.array("lines", of: log, at: logPath).enumerated() {
                guard let text = line.string else {
                    throw reader.mismatch(
                        at: logPath + [.key("lines"), .index(lineIndex)], expected: "a string",
                        found: line.kind.described)
                }
                lines.append(AttachedLog.Line(time: nil, message: text))
            }
            logs.append(
                AttachedLog(name: "log of \(code) (event \(eventID ?? "?"))", eventID: eventID, lines: lines))
        }
        return logs
    }

    /// A fleet is a deployment: its `ResourceId`.
    static func deploymentKeys(of events: [LifecycleEvent]) -> (keys: [String], names: [String: String]) {
        (events.map(fleetID(of:)), [:])
    }
}
