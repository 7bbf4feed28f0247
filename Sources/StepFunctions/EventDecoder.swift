import RetraceCore

/// Decodes one event object, field by field, straight from simdjson's tape.
enum EventDecoder {
    /// What the decoder noticed about one event that is not worth an error.
    struct Decoded {
        var event: HistoryEvent
        var unreadableTimestamp: String?
        var unnumbered: Bool
    }

    /// Where payload bytes come from: borrowed from the parser's buffer when the document allows it.
    struct PayloadSource: Sendable {
        let lender: UTF8Lender?

        init(reader: JSONReader, info: JSONReader.DocumentInfo) {
            lender = reader.lender(for: info)
        }

        /// Payloads this short are copied: a Swift string holds them inline, without an allocation, and a history
        /// of small payloads (`"{}"`) then pins no parser buffer as large as the file.
        static let copiedBelow = 16

        func payload(_ value: JSONElement) -> Payload {
            if let utf8 = value.utf8, utf8.count < Self.copiedBelow {
                return Payload(text: String(decoding: utf8, as: UTF8.self), form: .encoded)
            }
            if let borrowed = lender?.borrow(value) { return Payload(borrowing: borrowed, form: .encoded) }
            if let string = value.string { return Payload(text: string, form: .encoded) }
            return Payload(text: value.minifiedText, form: .decoded)
        }
    }

    /// `path` is only built when a problem is reported: most events have none, and building it for each would
    /// cost an allocation per event.
    static func decode(
        _ element: JSONElement, path: @autoclosure () -> [JSONPathComponent], source: PayloadSource
    ) throws -> Decoded {
        guard element.kind == .object else {
            throw ShapeProblem(path: path(), expected: "an event object", found: element)
        }
        var id: Int64?
        var unnumbered = false
        var previous: Int64 = 0
        var type: EventType?
        var timestamp: Instant?
        var unreadableTimestamp: String?
        var timestampSeen = false
        var details = EventDetails()
        for (key, value) in element.members {
            if key == "id" {
                if let number = value.integer {
                    id = number
                } else if let masked = maskedInteger(value) {
                    id = masked
                    unnumbered = true
                } else {
                    throw ShapeProblem(path: path() + [.key("id")], expected: "an integer event id", found: value)
                }
            } else if key == "previousEventId" {
                if let number = value.integer {
                    previous = number
                } else if let masked = maskedInteger(value) {
                    previous = masked
                } else if value.kind != .null {
                    throw ShapeProblem(
                        path: path() + [.key("previousEventId")], expected: "an integer event id", found: value)
                }
            } else if key == "type" {
                guard let utf8 = value.utf8 else {
                    throw ShapeProblem(path: path() + [.key("type")], expected: "an event type name", found: value)
                }
                type = EventType(utf8: utf8)
            } else if key == "timestamp" {
                timestampSeen = true
                switch value.kind {
                case .integer, .number:
                    timestamp = value.number.flatMap(Instant.init(epochSeconds:))
                    if timestamp == nil { unreadableTimestamp = value.minifiedText }
                case .string:
                    if let utf8 = value.utf8 { timestamp = Instant(parsingUTF8: utf8) }
                    if timestamp == nil { unreadableTimestamp = value.string }
                default:
                    unreadableTimestamp = value.minifiedText
                }
            } else if key.hasSuffix("EventDetails") {
                guard value.kind == .object || value.kind == .null else {
                    throw ShapeProblem(path: path() + [.key(key.string)], expected: "an object", found: value)
                }
                details = try decodeDetails(value, path: path() + [.key(key.string)], source: source)
            }
        }
        guard let type else {
            throw ShapeProblem(path: path() + [.key("type")], expected: "an event type name", foundText: "nothing")
        }
        guard var eventID = id else {
            throw ShapeProblem(path: path() + [.key("id")], expected: "an integer event id", foundText: "nothing")
        }
        if eventID <= 0 {
            unnumbered = true
            eventID = 0
        }
        if !timestampSeen { unreadableTimestamp = "nothing" }
        let event = HistoryEvent(
            id: eventID, previousEventID: max(previous, 0), type: type, timestamp: timestamp,
            details: details)
        return Decoded(event: event, unreadableTimestamp: unreadableTimestamp, unnumbered: unnumbered)
    }

    /// LocalStack's Parallel normaliser writes ids as one-element lists (`[0]`).
    private static func maskedInteger(_ value: JSONElement) -> Int64? {
        guard value.kind == .array, value.count == 1 else { return nil }
        for element in value.elements { return element.integer }
        return nil
    }

    private static func decodeDetails(
        _ object: JSONElement, path: @autoclosure () -> [JSONPathComponent], source: PayloadSource
    ) throws
        -> EventDetails
    {
        var details = EventDetails()
        for (name, value) in object.members {
            if value.kind == .null { continue }
            if name == "name" || name == "state" {
                details.name = text(value)
            } else if name == "input" {
                details.input = source.payload(value)
            } else if name == "output" {
                details.output = source.payload(value)
            } else if name == "parameters" {
                details.parameters = source.payload(value)
            } else if name == "error" {
                details.error = text(value)
            } else if name == "cause" {
                details.cause = text(value)
            } else if name == "resource" {
                details.resource = text(value)
            } else if name == "resourceType" {
                details.resourceType = text(value)
            } else if name == "region" {
                details.region = text(value)
            } else if name == "roleArn" {
                details.roleArn = text(value)
            } else if name == "stateMachineAliasArn" {
                details.stateMachineAliasArn = text(value)
            } else if name == "stateMachineVersionArn" {
                details.stateMachineVersionArn = text(value)
            } else if name == "workerName" {
                details.workerName = text(value)
            } else if name == "mapRunArn" {
                details.mapRunArn = text(value)
            } else if name == "location" {
                details.location = text(value)
            } else if name == "timeoutInSeconds" {
                details.timeoutInSeconds = try integer(value, path: path() + [.key("timeoutInSeconds")])
            } else if name == "heartbeatInSeconds" {
                details.heartbeatInSeconds = try integer(value, path: path() + [.key("heartbeatInSeconds")])
            } else if name == "length" {
                details.length = try integer(value, path: path() + [.key("length")])
            } else if name == "index" {
                details.index = try integer(value, path: path() + [.key("index")])
            } else if name == "redriveCount" {
                details.redriveCount = try integer(value, path: path() + [.key("redriveCount")])
            } else if name == "inputDetails" {
                details.inputTruncated = value["truncated"]?.bool
            } else if name == "outputDetails" {
                details.outputTruncated = value["truncated"]?.bool
            } else if name == "assignedVariablesDetails" {
                details.assignedVariablesTruncated = value["truncated"]?.bool
            } else if name == "taskCredentials" {
                if let role = value["roleArn"] { details.roleArn = text(role) }
            } else if name == "assignedVariables" {
                guard value.kind == .object else {
                    throw ShapeProblem(
                        path: path() + [.key("assignedVariables")], expected: "an object of variables", found: value)
                }
                var variables: [String: Payload] = [:]
                for (variable, assigned) in value.members { variables[variable.string] = source.payload(assigned) }
                details.assignedVariables = variables
            } else {
                var unrecognised = details.unrecognised ?? JSONObject()
                unrecognised[name.string] = value.value
                details.unrecognised = unrecognised
            }
        }
        return details
    }

    /// Strings as they are; anything else (a decoded cause object) as compact JSON text.
    private static func text(_ value: JSONElement) -> String {
        value.string ?? value.minifiedText
    }

    private static func integer(_ value: JSONElement, path: @autoclosure () -> [JSONPathComponent]) throws -> Int64 {
        guard let number = value.integer else { throw ShapeProblem(path: path(), expected: "an integer", found: value) }
        return number
    }
}
