import RetraceCore

/// Turns one parsed document into a page of `LifecycleEvent`s, following each service's documented shape.
struct LifecyclePageDecoder {
    let reader: EventFieldReader
    let documentIndex: Int
    /// Shared by every page of one log.
    let interner: StringInterner

    /// Decodes `document` as `source`. Throws `InputError` naming the file, line and column of the first value
    /// that does not fit.
    func decode(_ document: JSONElement, as source: LifecycleSource) throws(InputError) -> LifecyclePage {
        let (events, path) = try eventArray(document, source: source)
        var page = LifecyclePage(
            source: source, events: [], nextToken: nil, file: reader.input.name, documentIndex: documentIndex)
        if document.kind == .object {
            let tokenKey = source == .gameLift || source == .cloudFormation ? "NextToken" : "nextToken"
            page.nextToken = try reader.string(tokenKey, of: document, at: [])
            if source == .cloudFormation || source == .parallelCluster, let log = document["ImageBuilderLog"] {
                page.attachedLogs.append(try imageBuilderLog(log, at: [.key("ImageBuilderLog")]))
            }
            if source == .gameLift, let logs = document["EventLogs"] {
                page.attachedLogs += try eventLogs(logs, at: [.key("EventLogs")])
            }
            if source == .gameLift, let sessions = document["GameSessionLogs"] {
                page.attachedLogs += try gameSessionLogs(sessions, at: [.key("GameSessionLogs")])
            }
            if source == .modelArts {
                page.serviceName = try reader.string("service_name", of: document, at: [])
                page.serviceID = try reader.string("service_id", of: document, at: [])
                page.totalCount = try reader.integer("total_count", of: document, at: [])
            }
        }
        page.events.reserveCapacity(events.count)
        for (index, element) in events.elements.enumerated() {
            let elementPath = path + [.index(index)]
            guard element.kind == .object else {
                throw reader.mismatch(at: elementPath, expected: "an event object", found: element.kind.described)
            }
            switch source {
            case .gameLift: page.events.append(try gameLiftEvent(element, at: elementPath))
            case .cloudFormation: page.events.append(try stackEvent(element, at: elementPath, keys: .pascalCase))
            case .parallelCluster: page.events.append(try stackEvent(element, at: elementPath, keys: .camelCase))
            case .modelArts:
                page.events.append(try modelArtsEvent(element, at: elementPath, service: page.serviceName))
            }
        }
        return page
    }

    /// The `ImageBuilderLog` member: `logGroupName`, `logStreamName` and `events` of `timestamp` (epoch
    /// milliseconds) and `message`, as CloudWatch Logs' `GetLogEvents` gives them.
    private func imageBuilderLog(_ element: JSONElement, at path: [JSONPathComponent]) throws(InputError)
        -> AttachedLog
    {
        guard element.kind == .object else {
            throw reader.mismatch(at: path, expected: "an object", found: element.kind.described)
        }
        var lines: [AttachedLog.Line] = []
        for (index, event) in try array("events", of: element, at: path).enumerated() {
            let eventPath = path + [.key("events"), .index(index)]
            guard event.kind == .object else {
                throw reader.mismatch(at: eventPath, expected: "a log event object", found: event.kind.described)
            }
            let time = try reader.integer("timestamp", of: event, at: eventPath).map {
                Instant(millisecondsSinceEpoch: $0)
            }
            lines.append(
                AttachedLog.Line(time: time, message: try reader.string("message", of: event, at: eventPath) ?? ""))
        }
        let stream = try reader.string("logStreamName", of: element, at: path) ?? "?"
        return AttachedLog(name: "Image Builder log, stream \(stream)", lines: lines)
    }

    /// The `EventLogs` member: the logs GameLift events linked to, each `EventId`, `EventCode` and `lines`.
    private func eventLogs(_ element: JSONElement, at path: [JSONPathComponent]) throws(InputError) -> [AttachedLog] {
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
                    lines: try lines(of: log, at: logPath)))
        }
        return logs
    }

    /// The `GameSessionLogs` member: for each game session that ended badly, `GameSessionId`, `Status`,
    /// `StatusReason`, and `logs`, the text files of its archive, each `name` and `lines`.
    private func gameSessionLogs(_ element: JSONElement, at path: [JSONPathComponent]) throws(InputError)
        -> [AttachedLog]
    {
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
            for (logIndex, log) in try array("logs", of: session, at: sessionPath).enumerated() {
                let logPath = sessionPath + [.key("logs"), .index(logIndex)]
                guard log.kind == .object else {
                    throw reader.mismatch(at: logPath, expected: "a log object", found: log.kind.described)
                }
                let name = try reader.string("name", of: log, at: logPath) ?? "log"
                var attached = AttachedLog(
                    name: "\(name) of game session \(shortID)", lines: try lines(of: log, at: logPath))
                attached.gameSession = ending
                logs.append(attached)
            }
        }
        return logs
    }

    /// The `lines` member of a kept log: strings, oldest first.
    private func lines(of log: JSONElement, at path: [JSONPathComponent]) throws(InputError) -> [AttachedLog.Line] {
        var lines: [AttachedLog.Line] = []
        for (index, line) in try array("lines", of: log, at: path).enumerated() {
            guard let text = line.string else {
                throw reader.mismatch(
                    at: path + [.key("lines"), .index(index)], expected: "a string", found: line.kind.described)
            }
            lines.append(AttachedLog.Line(time: nil, message: text))
        }
        return lines
    }

    /// The array member `key` of `object` (empty when absent).
    private func array(_ key: String, of object: JSONElement, at path: [JSONPathComponent]) throws(InputError)
        -> JSONElement.Elements
    {
        guard let value = object[key] else { return .empty }
        guard value.kind == .array else {
            throw reader.mismatch(at: path + [.key(key)], expected: "an array", found: value.kind.described)
        }
        return value.elements
    }

    /// The array of events and its path: the member the service puts it in, or the document itself when the
    /// user saved only the array.
    private func eventArray(_ document: JSONElement, source: LifecycleSource) throws(InputError)
        -> (JSONElement, [JSONPathComponent])
    {
        if document.kind == .array { return (document, []) }
        var key = LifecycleDecoder.arrayKey(source)
        // `DescribeEvents` (the operation-grouped API) answers with `OperationEvents`.
        if source == .cloudFormation, document.kind == .object, document[key] == nil,
            document["OperationEvents"] != nil
        {
            key = "OperationEvents"
        }
        guard document.kind == .object, let events = document[key] else {
            throw InputError.unrecognised(
                file: reader.input.name, expected: "\(source) (an object with an `\(key)` array)",
                looksLike: LifecyclePageDecoder.describe(document))
        }
        guard events.kind == .array else {
            throw reader.mismatch(at: [.key(key)], expected: "an array of events", found: events.kind.described)
        }
        return (events, [.key(key)])
    }

    private func gameLiftEvent(_ object: JSONElement, at path: [JSONPathComponent]) throws(InputError)
        -> LifecycleEvent
    {
        let (time, unparsed) = try reader.timestamp("EventTime", of: object, at: path)
        var event = LifecycleEvent(
            id: try reader.string("EventId", of: object, at: path) ?? "", time: time, unparsedTime: unparsed,
            code: interner.intern(try reader.requiredString("EventCode", of: object, at: path)),
            resource: interner.intern(try reader.string("ResourceId", of: object, at: path) ?? ""),
            message: interner.intern(try reader.string("Message", of: object, at: path)), file: reader.input.name,
            source: .gameLift)
        event.preSignedLogURL = try reader.string("PreSignedLogUrl", of: object, at: path)
        event.count = try reader.integer("Count", of: object, at: path)
        return event
    }

    /// The member names of the two stack-event shapes.
    struct StackKeys {
        var eventID, stackID, stackName, logicalID, physicalID, resourceType, timestamp, status, reason,
            properties, token, operation, hookStatus, hookReason, operationType, eventType, detailedStatus,
            validationStatus, validationReason, validationName: String

        static let pascalCase = StackKeys(
            eventID: "EventId", stackID: "StackId", stackName: "StackName", logicalID: "LogicalResourceId",
            physicalID: "PhysicalResourceId", resourceType: "ResourceType", timestamp: "Timestamp",
            status: "ResourceStatus", reason: "ResourceStatusReason", properties: "ResourceProperties",
            token: "ClientRequestToken", operation: "OperationId", hookStatus: "HookStatus",
            hookReason: "HookStatusReason", operationType: "OperationType", eventType: "EventType",
            detailedStatus: "DetailedStatus", validationStatus: "ValidationStatus",
            validationReason: "ValidationStatusReason", validationName: "ValidationName")
        static let camelCase = StackKeys(
            eventID: "eventId", stackID: "stackId", stackName: "stackName", logicalID: "logicalResourceId",
            physicalID: "physicalResourceId", resourceType: "resourceType", timestamp: "timestamp",
            status: "resourceStatus", reason: "resourceStatusReason", properties: "resourceProperties",
            token: "clientRequestToken", operation: "operationId", hookStatus: "hookStatus",
            hookReason: "hookStatusReason", operationType: "operationType", eventType: "eventType",
            detailedStatus: "detailedStatus", validationStatus: "validationStatus",
            validationReason: "validationStatusReason", validationName: "validationName")
    }

    private func stackEvent(_ object: JSONElement, at path: [JSONPathComponent], keys: StackKeys) throws(InputError)
        -> LifecycleEvent
    {
        let (time, unparsed) = try reader.timestamp(keys.timestamp, of: object, at: path)
        // Hook invocation events carry a hook status instead of a resource status; they are kept as such.
        var code = try reader.string(keys.status, of: object, at: path)
        var message = try reader.string(keys.reason, of: object, at: path)
        if code == nil, let hook = try reader.string(keys.hookStatus, of: object, at: path) {
            code = hook
            message = try reader.string(keys.hookReason, of: object, at: path) ?? message
        }
        // `DescribeEvents` reports an early-validation failure with a validation status instead (`FAILED`,
        // `SKIPPED`), kept as `VALIDATION_FAILED` so that it reads as a failure of the resource it names.
        if code == nil, let validation = try reader.string(keys.validationStatus, of: object, at: path) {
            code = "VALIDATION_\(validation)"
            let name = try reader.string(keys.validationName, of: object, at: path)
            let reason = try reader.string(keys.validationReason, of: object, at: path)
            message = [name, reason].compactMap { $0 }.joined(separator: ": ")
        }
        guard let code else {
            throw reader.mismatch(
                at: path + [.key(keys.status)], expected: "a string", found: "nothing (the member is missing)")
        }
        var event = LifecycleEvent(
            id: try reader.string(keys.eventID, of: object, at: path) ?? "", time: time, unparsedTime: unparsed,
            code: interner.intern(code),
            resource: interner.intern(try reader.requiredString(keys.logicalID, of: object, at: path)),
            message: message, file: reader.input.name,
            source: keys.status == "resourceStatus" ? .parallelCluster : .cloudFormation)
        var fields = StackEventFields()
        fields.stackID = interner.intern(try reader.string(keys.stackID, of: object, at: path))
        fields.stackName = interner.intern(try reader.string(keys.stackName, of: object, at: path))
        fields.physicalResourceID = try reader.string(keys.physicalID, of: object, at: path)
        fields.resourceType = interner.intern(try reader.string(keys.resourceType, of: object, at: path))
        fields.resourceProperties = reader.text(keys.properties, of: object)
        fields.clientRequestToken = try reader.string(keys.token, of: object, at: path)
        fields.operationID = try reader.string(keys.operation, of: object, at: path)
        fields.operationType = try reader.string(keys.operationType, of: object, at: path)
        fields.eventType = try reader.string(keys.eventType, of: object, at: path)
        fields.detailedStatus = try reader.string(keys.detailedStatus, of: object, at: path)
        if fields.stackName == nil, let stackID = fields.stackID {
            // `DescribeEvents` records only the stack's ARN, whose fifth part is `stack/<name>/<id>`.
            fields.stackName = CloudFormationModel.stackName(inARN: stackID)
        }
        event.stack = fields
        return event
    }

    private func modelArtsEvent(_ object: JSONElement, at path: [JSONPathComponent], service: String?)
        throws(InputError) -> LifecycleEvent
    {
        let (time, unparsed) = try reader.timestamp("occur_time", of: object, at: path)
        return LifecycleEvent(
            id: "", time: time, unparsedTime: unparsed,
            code: interner.intern(try reader.requiredString("event_type", of: object, at: path)),
            resource: service ?? "service",
            message: interner.intern(try reader.requiredString("event_info", of: object, at: path)),
            file: reader.input.name,
            source: .modelArts)
    }

    /// What a document that is not a deployment log seems to be, for the error message.
    static func describe(_ document: JSONElement) -> String {
        switch document.kind {
        case .object:
            if let events = document["events"], events.kind == .array {
                var elements = events.elements
                if let first = elements.next(), first["type"] != nil, first["id"] != nil {
                    return "a Step Functions execution history"
                }
            }
            let keys = document.members.prefix(5).map { "`\($0.key.string)`" }
            return keys.isEmpty ? "an empty object" : "an object with \(keys.joined(separator: ", "))"
        default:
            return document.kind.described
        }
    }
}
