import RetraceCore

/// The CloudFormation lifecycles (ParallelCluster stacks included): one machine for each stack and one for each
/// of its resources, keyed by resource status. Stacks are split into operations (create, update, delete,
/// import), and nested stacks are linked to the resource that creates them in their parent.
public enum CloudFormationModel {
    /// Statuses that begin an operation when a stack reports them about itself.
    public static let operationStartStatuses: Set<String> = [
        "CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "DELETE_IN_PROGRESS", "IMPORT_IN_PROGRESS", "REVIEW_IN_PROGRESS",
    ]

    /// The stack's own lifecycle, keyed by the status the stack reports about itself.
    public static let stackMachine: LifecycleMachine = {
        let settled: Set<String> = [
            "CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE",
            "IMPORT_ROLLBACK_COMPLETE",
        ]
        return LifecycleMachine(
            name: "cloudformation-stack", initialState: "NOT_CREATED",
            states: [
                "NOT_CREATED", "REVIEW_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE", "CREATE_FAILED",
                "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "UPDATE_IN_PROGRESS",
                "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE", "UPDATE_FAILED",
                "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
                "UPDATE_ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_FAILED", "IMPORT_IN_PROGRESS", "IMPORT_COMPLETE",
                "IMPORT_ROLLBACK_IN_PROGRESS", "IMPORT_ROLLBACK_COMPLETE", "IMPORT_ROLLBACK_FAILED",
                "DELETE_IN_PROGRESS", "DELETE_COMPLETE", "DELETE_FAILED",
            ],
            successStates: ["CREATE_COMPLETE", "UPDATE_COMPLETE", "DELETE_COMPLETE", "IMPORT_COMPLETE"],
            failureStates: [
                "CREATE_FAILED", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "UPDATE_FAILED", "UPDATE_ROLLBACK_COMPLETE",
                "UPDATE_ROLLBACK_FAILED", "IMPORT_ROLLBACK_COMPLETE", "IMPORT_ROLLBACK_FAILED", "DELETE_FAILED",
            ],
            transitions: [
                .init(on: "REVIEW_IN_PROGRESS", from: ["NOT_CREATED", "DELETE_COMPLETE"], to: "REVIEW_IN_PROGRESS"),
                .init(on: "CREATE_IN_PROGRESS", from: ["NOT_CREATED", "REVIEW_IN_PROGRESS"], to: "CREATE_IN_PROGRESS"),
                .init(on: "CREATE_COMPLETE", from: ["CREATE_IN_PROGRESS"], to: "CREATE_COMPLETE"),
                .init(on: "CREATE_FAILED", from: ["CREATE_IN_PROGRESS"], to: "CREATE_FAILED"),
                .init(
                    on: "ROLLBACK_IN_PROGRESS", from: ["CREATE_IN_PROGRESS", "CREATE_FAILED"],
                    to: "ROLLBACK_IN_PROGRESS"),
                .init(on: "ROLLBACK_COMPLETE", from: ["ROLLBACK_IN_PROGRESS"], to: "ROLLBACK_COMPLETE"),
                .init(on: "ROLLBACK_FAILED", from: ["ROLLBACK_IN_PROGRESS"], to: "ROLLBACK_FAILED"),
                .init(on: "UPDATE_IN_PROGRESS", from: settled, to: "UPDATE_IN_PROGRESS"),
                .init(
                    on: "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", from: ["UPDATE_IN_PROGRESS"],
                    to: "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"),
                .init(
                    on: "UPDATE_COMPLETE", from: ["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"],
                    to: "UPDATE_COMPLETE"),
                .init(on: "UPDATE_FAILED", from: ["UPDATE_IN_PROGRESS"], to: "UPDATE_FAILED"),
                .init(
                    on: "UPDATE_ROLLBACK_IN_PROGRESS",
                    from: [
                        "UPDATE_IN_PROGRESS", "UPDATE_FAILED", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
                        "UPDATE_ROLLBACK_FAILED",
                    ],
                    to: "UPDATE_ROLLBACK_IN_PROGRESS"),
                .init(
                    on: "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", from: ["UPDATE_ROLLBACK_IN_PROGRESS"],
                    to: "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"),
                .init(
                    on: "UPDATE_ROLLBACK_COMPLETE",
                    from: ["UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"],
                    to: "UPDATE_ROLLBACK_COMPLETE"),
                .init(
                    on: "UPDATE_ROLLBACK_FAILED",
                    from: ["UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"],
                    to: "UPDATE_ROLLBACK_FAILED"),
                .init(on: "IMPORT_IN_PROGRESS", from: settled.union(["REVIEW_IN_PROGRESS"]), to: "IMPORT_IN_PROGRESS"),
                .init(on: "IMPORT_COMPLETE", from: ["IMPORT_IN_PROGRESS"], to: "IMPORT_COMPLETE"),
                .init(
                    on: "IMPORT_ROLLBACK_IN_PROGRESS", from: ["IMPORT_IN_PROGRESS"], to: "IMPORT_ROLLBACK_IN_PROGRESS"),
                .init(
                    on: "IMPORT_ROLLBACK_COMPLETE", from: ["IMPORT_ROLLBACK_IN_PROGRESS"],
                    to: "IMPORT_ROLLBACK_COMPLETE"),
                .init(
                    on: "IMPORT_ROLLBACK_FAILED", from: ["IMPORT_ROLLBACK_IN_PROGRESS"], to: "IMPORT_ROLLBACK_FAILED"),
                .init(on: "DELETE_IN_PROGRESS", from: nil, to: "DELETE_IN_PROGRESS"),
                .init(on: "DELETE_COMPLETE", from: ["DELETE_IN_PROGRESS"], to: "DELETE_COMPLETE"),
                .init(on: "DELETE_FAILED", from: ["DELETE_IN_PROGRESS"], to: "DELETE_FAILED"),
            ],
            unknownTriggers: .enterState)
    }()

    /// A resource's lifecycle. Any operation may begin from any settled state (a resource is updated,
    /// replaced, deleted or rolled back whatever it went through before), so `*_IN_PROGRESS` is allowed from
    /// anywhere; a result must follow the matching `*_IN_PROGRESS`.
    public static let resourceMachine: LifecycleMachine = {
        var transitions: [LifecycleMachine.Transition] = []
        for verb in [
            "CREATE", "UPDATE", "DELETE", "IMPORT", "IMPORT_ROLLBACK", "EXPORT", "EXPORT_ROLLBACK",
            "ROLLBACK", "UPDATE_ROLLBACK",
        ] {
            transitions.append(.init(on: "\(verb)_IN_PROGRESS", from: nil, to: "\(verb)_IN_PROGRESS"))
            transitions.append(.init(on: "\(verb)_COMPLETE", from: ["\(verb)_IN_PROGRESS"], to: "\(verb)_COMPLETE"))
            transitions.append(.init(on: "\(verb)_FAILED", from: ["\(verb)_IN_PROGRESS"], to: "\(verb)_FAILED"))
        }
        // A retained resource is skipped without being started; a resource that fails validation fails before
        // it starts.
        transitions.append(.init(on: "DELETE_SKIPPED", from: nil, to: "DELETE_SKIPPED"))
        transitions.append(.init(on: "CREATE_FAILED", from: ["NOT_CREATED"], to: "CREATE_FAILED"))
        let states = transitions.map(\.to)
        return LifecycleMachine(
            name: "cloudformation-resource", initialState: "NOT_CREATED", states: ["NOT_CREATED"] + states,
            successStates: Set(states.filter { $0.hasSuffix("_COMPLETE") || $0 == "DELETE_SKIPPED" }),
            failureStates: Set(states.filter { $0.hasSuffix("_FAILED") }), transitions: transitions,
            unknownTriggers: .enterState)
    }()

    /// The key that identifies a stack across events: its ARN, else its name.
    public static func stackKey(of event: LifecycleEvent) -> String {
        if let id = event.stackID, !id.isEmpty { return id }
        return event.stackName ?? "stack"
    }

    /// The key of the machine instance an event drives: the stack itself, or one of its resources.
    public static func instanceKey(of event: LifecycleEvent) -> String {
        let stack = stackKey(of: event)
        return event.isStackEvent ? stack : "\(stack)/\(event.resource)"
    }

    /// The verb of a status (`UPDATE_ROLLBACK` for `UPDATE_ROLLBACK_IN_PROGRESS`) and whether it is still in
    /// progress.
    public static func verb(of status: String) -> (verb: String, inProgress: Bool) {
        for suffix in ["_IN_PROGRESS", "_COMPLETE", "_FAILED", "_SKIPPED"] where status.hasSuffix(suffix) {
            return (String(status.dropLast(suffix.count)), suffix == "_IN_PROGRESS")
        }
        return (status, false)
    }

    /// The operation a status belongs to: `CREATE` for a create's rollback, `UPDATE` for an update's cleanup or
    /// rollback, and so on.
    public static func operationKind(of status: String) -> String {
        if status.hasPrefix("ROLLBACK") || status.hasPrefix("REVIEW") { return "CREATE" }
        for kind in ["CREATE", "UPDATE", "DELETE", "IMPORT"] where status.hasPrefix(kind) { return kind }
        return verb(of: status).verb
    }

    /// Builds the instances (stacks first as they appear, each followed by its resources as they appear),
    /// the nested-stack links and the operations.
    static func reconstruct(_ log: LifecycleLog) -> (instances: [MachineInstance], operations: [LifecycleOperation]) {
        let events = log.events
        // Nested stacks: the parent's resource of type AWS::CloudFormation::Stack names the child's ARN.
        var parentOf: [String: (stack: String, logicalID: String)] = [:]
        var names: [String: String] = [:]
        for event in events {
            let stack = stackKey(of: event)
            if names[stack] == nil, let name = event.stackName { names[stack] = name }
            if !event.isStackEvent, event.resourceType == "AWS::CloudFormation::Stack",
                let child = event.physicalResourceID, !child.isEmpty, child != stack, parentOf[child] == nil
            {
                parentOf[child] = (stack, event.resource)
            }
        }
        func path(of stack: String) -> [String] {
            var result: [String] = []
            var current = stack
            var seen: Set<String> = []
            // Bounded: a hostile log could make stacks each other's parents.
            while let parent = parentOf[current], !seen.contains(current), result.count < 64 {
                seen.insert(current)
                result.insert(parent.logicalID, at: 0)
                current = parent.stack
            }
            result.insert(names[current] ?? current, at: 0)
            return result
        }

        var instances: [MachineInstance] = []
        var index: [String: Int] = [:]
        func slot(for event: LifecycleEvent) -> Int {
            let stack = stackKey(of: event)
            if index[stack] == nil {
                let stackPath = path(of: stack)
                let parentKey = parentOf[stack].map { "\($0.stack)/\($0.logicalID)" }
                index[stack] = instances.count
                instances.append(
                    MachineInstance(
                        key: stack, name: stackPath.last ?? stack, kind: "AWS::CloudFormation::Stack",
                        scope: Array(stackPath.dropLast()), parentKey: parentKey, machine: stackMachine))
            }
            let key = instanceKey(of: event)
            if let existing = index[key] { return existing }
            index[key] = instances.count
            instances.append(
                MachineInstance(
                    key: key, name: event.resource, kind: event.resourceType ?? "resource", scope: path(of: stack),
                    parentKey: stack, machine: resourceMachine))
            return instances.count - 1
        }
        for event in events {
            let position = slot(for: event)
            instances[position].apply(trigger: event.code, event: event)
        }
        // Each stack followed by its resources keeps a stack's rows together.
        let isStack = { (instance: MachineInstance) in instance.machine.name == stackMachine.name }
        var resources: [String: [MachineInstance]] = [:]
        for instance in instances where !isStack(instance) {
            resources[instance.parentKey ?? "", default: []].append(instance)
        }
        var ordered: [MachineInstance] = []
        for stack in instances where isStack(stack) {
            ordered.append(stack)
            ordered.append(contentsOf: resources[stack.key] ?? [])
        }
        return (ordered, operations(events, parentOf: parentOf, names: names))
    }

    /// Splits each stack's events into operations: by `OperationId` where the log records it, else at each
    /// status the stack reports about itself that begins an operation (a create that follows a change-set
    /// review continues it).
    static func operations(
        _ events: [LifecycleEvent], parentOf: [String: (stack: String, logicalID: String)], names: [String: String]
    ) -> [LifecycleOperation] {
        var operations: [LifecycleOperation] = []
        var current: [String: Int] = [:]
        var byOperationID: [String: Int] = [:]
        var lastStackStatus: [String: String] = [:]
        var counts: [String: Int] = [:]
        for (position, event) in events.enumerated() {
            let stack = stackKey(of: event)
            let name = names[stack] ?? stack
            if let operationID = event.operationID, !operationID.isEmpty {
                if let existing = byOperationID["\(stack)|\(operationID)"] {
                    operations[existing].eventIDs.append(event.id)
                    current[stack] = existing
                    continue
                }
                byOperationID["\(stack)|\(operationID)"] = operations.count
                current[stack] = operations.count
                operations.append(
                    LifecycleOperation(
                        id: operationID, subject: name, instanceKey: stack, kind: operationKind(of: event.code),
                        eventIDs: [event.id], firstEventIndex: position))
                continue
            }
            var begins = current[stack] == nil
            if event.isStackEvent, operationStartStatuses.contains(event.code) {
                let continuesReview =
                    lastStackStatus[stack] == "REVIEW_IN_PROGRESS"
                    && (event.code == "CREATE_IN_PROGRESS" || event.code == "IMPORT_IN_PROGRESS")
                if !continuesReview { begins = true }
            }
            if event.isStackEvent { lastStackStatus[stack] = event.code }
            if begins {
                counts[stack, default: 0] += 1
                let kind = operationKind(of: event.code)
                current[stack] = operations.count
                operations.append(
                    LifecycleOperation(
                        id: "\(name)#\(counts[stack] ?? 1)", subject: name, instanceKey: stack, kind: kind,
                        eventIDs: [event.id], firstEventIndex: position))
            } else if let slot = current[stack] {
                operations[slot].eventIDs.append(event.id)
                if operations[slot].kind == "CREATE", event.isStackEvent, event.code == "IMPORT_IN_PROGRESS" {
                    operations[slot].kind = "IMPORT"
                }
            }
        }
        // A nested stack's operation runs within the parent operation that was under way when it began.
        for index in operations.indices {
            guard let parent = parentOf[operations[index].instanceKey] else { continue }
            let start = operations[index].firstEventIndex
            operations[index].parentOperationID =
                operations.last { $0.instanceKey == parent.stack && $0.firstEventIndex <= start }?.id
        }
        return operations
    }

    /// The progress of an event along its resource's operation, for telling the direction of an undated page.
    static func progressRank(of event: LifecycleEvent) -> (String, Int)? {
        let (verb, inProgress) = verb(of: event.code)
        return ("\(instanceKey(of: event))|\(verb)", inProgress ? 0 : 1)
    }
}
