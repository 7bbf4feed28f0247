import RetraceCore

extension LifecycleSource {
    /// AWS CloudFormation `DescribeStackEvents` (`{"StackEvents": [...]}`) or `DescribeEvents`
    /// (`{"OperationEvents": [...]}`), PascalCase keys.
    public static let cloudFormation = LifecycleSource(registered: .cloudFormation)
    /// AWS ParallelCluster `pcluster get-*-stack-events`: `{"events": [...]}` with camelCase keys; a dialect of
    /// CloudFormation's, read by the same model.
    public static let parallelCluster = LifecycleSource(registered: .parallelCluster)
}

extension LifecycleSource.Family {
    /// CloudFormation stacks and their resources (ParallelCluster included).
    public static let stack = Self(rawValue: "stack")
}

extension CloudFormationModel: LifecycleService {
    static var family: LifecycleSource.Family { .stack }
    /// Both dialects: their events are merged into one log (a ParallelCluster stack may nest ordinary stacks).
    static var signatures: [EventLogSignature] { [.cloudFormation, .parallelCluster] }
    static var codeNoun: String { "status" }

    /// The member names of the two dialects.
    struct StackKeys {
        var eventID, stackID, stackName, logicalID, physicalID, resourceType, timestamp, status, reason,
            properties, token, operation, hookStatus, hookReason, operationType, eventType, detailedStatus,
            validationStatus, validationReason, validationName, nextToken: String

        static let pascalCase = StackKeys(
            eventID: "EventId", stackID: "StackId", stackName: "StackName", logicalID: "LogicalResourceId",
            physicalID: "PhysicalResourceId", resourceType: "ResourceType", timestamp: "Timestamp",
            status: "ResourceStatus", reason: "ResourceStatusReason", properties: "ResourceProperties",
            token: "ClientRequestToken", operation: "OperationId", hookStatus: "HookStatus",
            hookReason: "HookStatusReason", operationType: "OperationType", eventType: "EventType",
            detailedStatus: "DetailedStatus", validationStatus: "ValidationStatus",
            validationReason: "ValidationStatusReason", validationName: "ValidationName", nextToken: "NextToken")
        /// ParallelCluster's names: CloudFormation's with a lower-case first letter, every one of them.
        static let camelCase: StackKeys = {
            let members: [WritableKeyPath<StackKeys, String>] = [
                \.eventID, \.stackID, \.stackName, \.logicalID, \.physicalID, \.resourceType, \.timestamp,
                \.status, \.reason, \.properties, \.token, \.operation, \.hookStatus, \.hookReason,
                \.operationType, \.eventType, \.detailedStatus, \.validationStatus, \.validationReason,
                \.validationName, \.nextToken,
            ]
            var keys = pascalCase
            for member in members { keys[keyPath: member] = keys[keyPath: member].lowercasedFirstLetter }
            return keys
        }()

        /// How many fields are read as shared texts (`stackEvent`'s `last`).
        static let sharedFieldCount = 12

        /// The keys of `source`'s dialect.
        static func of(_ source: LifecycleSource) -> StackKeys {
            source == .parallelCluster ? camelCase : pascalCase
        }
    }

    /// The paging token, and the Image Builder log `retrace fetch --image` kept with an image's stack events.
    static func readMembers(of document: JSONElement, into page: inout LifecyclePage, decoder: LifecyclePageDecoder)
        throws(InputError)
    {
        page.nextToken = try decoder.reader.string(StackKeys.of(page.source).nextToken, of: document, at: [])
        if let log = document["ImageBuilderLog"] {
            page.attachedLogs.append(try imageBuilderLog(log, at: [.key("ImageBuilderLog")], reader: decoder.reader))
        }
    }

    static func readEvents(
        _ events: EventElements, at path: [JSONPathComponent], into page: inout LifecyclePage,
        decoder: LifecyclePageDecoder
    ) throws(InputError) {
        let keys = StackKeys.of(page.source)
        let source = page.source
        // Each shared field's text of the event before (a stack's ARN and name are on every event).
        var last = [String?](repeating: nil, count: StackKeys.sharedFieldCount)
        try decoder.forEachEvent(in: events, at: path) { object, path throws(InputError) in
            page.events.append(
                try stackEvent(object, at: path, keys: keys, source: source, decoder: decoder, last: &last))
        }
    }

    private static func stackEvent(
        _ object: JSONElement, at path: () -> [JSONPathComponent], keys: StackKeys, source: LifecycleSource,
        decoder: LifecyclePageDecoder, last: inout [String?]
    ) throws(InputError) -> LifecycleEvent {
        let reader = decoder.reader
        let interner = decoder.interner
        // The texts a stack repeats on many events (its ARN and name, statuses, types, a resource's physical id,
        // an operation's id) are shared, read from the parser's bytes; `field` numbers the field's text before.
        func shared(_ key: String, _ field: Int) throws(InputError) -> String? {
            try reader.sharedString(key, of: object, at: path(), interner: interner, last: &last[field])
        }
        let (time, unparsed) = try reader.timestamp(keys.timestamp, of: object, at: path())
        // Hook invocation events carry a hook status instead of a resource status; they are kept as such.
        var code = try shared(keys.status, 0)
        var message = try reader.string(keys.reason, of: object, at: path())
        if code == nil, let hook = try shared(keys.hookStatus, 1) {
            code = hook
            message = try reader.string(keys.hookReason, of: object, at: path()) ?? message
        }
        // `DescribeEvents` reports an early-validation failure with a validation status instead (`FAILED`,
        // `SKIPPED`), kept as `VALIDATION_FAILED` so that it reads as a failure of the resource it names.
        if code == nil, let validation = try reader.string(keys.validationStatus, of: object, at: path()) {
            code = interner.intern("VALIDATION_\(validation)")
            let name = try reader.string(keys.validationName, of: object, at: path())
            let reason = try reader.string(keys.validationReason, of: object, at: path())
            message = [name, reason].compactMap { $0 }.joined(separator: ": ")
        }
        guard let code else {
            throw reader.mismatch(
                at: path() + [.key(keys.status)], expected: "a string", found: "nothing (the member is missing)")
        }
        var event = LifecycleEvent(
            id: try reader.string(keys.eventID, of: object, at: path()) ?? "", time: time, unparsedTime: unparsed,
            code: code,
            resource: try reader.requiredSharedString(
                keys.logicalID, of: object, at: path(), interner: interner, last: &last[11]),
            message: message, file: reader.input.name, source: source)
        var fields = StackEventFields()
        fields.stackID = try shared(keys.stackID, 2)
        fields.stackName = try shared(keys.stackName, 3)
        fields.physicalResourceID = try shared(keys.physicalID, 4)
        fields.resourceType = try shared(keys.resourceType, 5)
        fields.resourceProperties = reader.text(keys.properties, of: object)
        fields.clientRequestToken = try shared(keys.token, 6)
        fields.operationID = try shared(keys.operation, 7)
        fields.operationType = try shared(keys.operationType, 8)
        fields.eventType = try shared(keys.eventType, 9)
        fields.detailedStatus = try shared(keys.detailedStatus, 10)
        if fields.stackName == nil, let stackID = fields.stackID {
            // `DescribeEvents` records only the stack's ARN, whose fifth part is `stack/<name>/<id>`.
            fields.stackName = stackName(inARN: stackID).map(interner.intern)
        }
        event.stack = fields
        return event
    }

    /// The `ImageBuilderLog` member: `logGroupName`, `logStreamName` and `events` of `timestamp` (epoch
    /// milliseconds) and `message`, as CloudWatch Logs' `GetLogEvents` gives them.
    private static func imageBuilderLog(_ element: JSONElement, at path: [JSONPathComponent], reader: EventFieldReader)
        throws(InputError) -> AttachedLog
    {
        guard element.kind == .object else {
            throw reader.mismatch(at: path, expected: "an object", found: element.kind.described)
        }
        var lines: [AttachedLog.Line] = []
        for (index, event) in try reader.array("events", of: element, at: path).enumerated() {
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

    /// A top-level stack with its nested stacks is a deployment: each event goes to the root of its stack's
    /// nesting (a nested stack is joined to the parent whose `AWS::CloudFormation::Stack` resource names it).
    static func deploymentKeys(of events: [LifecycleEvent]) -> (keys: [String], names: [String: String]) {
        let (parentOf, names) = nesting(of: events)
        var roots: [String: String] = [:]
        var last: (stack: String, root: String)?
        func root(of stack: String) -> String {
            if let last, last.stack == stack { return last.root }
            if let known = roots[stack] {
                last = (stack, known)
                return known
            }
            var current = stack
            var steps = 0
            // Bounded: a hostile log could make stacks each other's parents.
            while let parent = parentOf[current]?.stack, parent != stack, steps < 64 {
                current = parent
                steps += 1
            }
            roots[stack] = current
            return current
        }
        return (events.map { root(of: stackKey(of: $0)) }, names)
    }
}

extension String {
    /// The text with its first letter in lower case (`EventId` → `eventId`).
    fileprivate var lowercasedFirstLetter: String { prefix(1).lowercased() + dropFirst() }
}
