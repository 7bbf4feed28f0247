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
        // A rollback removes a resource that failed to create without a DELETE_IN_PROGRESS: there was nothing to
        // delete.
        transitions.append(.init(on: "DELETE_COMPLETE", from: ["CREATE_FAILED"], to: "DELETE_COMPLETE"))
        var seen: Set<String> = []
        let states = transitions.map(\.to).filter { seen.insert($0).inserted }
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

    /// The stack name in a stack ARN (`arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>`), or `nil` when
    /// `arn` is not one.
    public static func stackName(inARN arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        let resource = parts[5].split(separator: "/", omittingEmptySubsequences: false)
        guard resource.count >= 2, resource[0] == "stack", !resource[1].isEmpty else { return nil }
        return String(resource[1])
    }

    /// Whether a status the stack reports about itself means that the operation under way is undoing itself:
    /// a rollback, an update's cleanup, or (for a create that failed with `--on-failure DELETE`) the deletion
    /// that follows.
    ///
    /// - Parameter lastStatus: the status the stack reported before, within the same operation.
    static func continuesOperation(_ status: String, kind: String, lastStatus: String?, reason: String?) -> Bool {
        if status.hasPrefix("ROLLBACK_") || status.contains(bytes: "_ROLLBACK_") || status.contains(bytes: "_CLEANUP_")
        {
            return true
        }
        // `--on-failure DELETE`: the stack goes from CREATE_IN_PROGRESS (or CREATE_FAILED) straight to
        // DELETE_IN_PROGRESS, "… Delete requested by user."; the deletion is how the create ends. A deletion the
        // user started afterwards ("User Initiated") is an operation of its own.
        return status == "DELETE_IN_PROGRESS" && kind == "CREATE"
            && (lastStatus == "CREATE_IN_PROGRESS" || lastStatus == "CREATE_FAILED") && reason != "User Initiated"
    }

    /// Builds the instances (each stack followed by its resources, a nested stack right after the resource of
    /// its parent that creates it), the nested-stack links and the operations.
    static func reconstruct(_ log: LifecycleLog) -> (instances: [MachineInstance], operations: [LifecycleOperation]) {
        let events = log.events
        let (parentOf, names) = nesting(of: events)
        var paths: [String: [String]] = [:]
        func path(of stack: String) -> [String] {
            if let known = paths[stack] { return known }
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
            paths[stack] = result
            return result
        }

        var instances: [MachineInstance] = []
        var index: [String: Int] = [:]
        // The slots found for each stack's resources, by logical id: an event's instance key (the stack's ARN and
        // the logical id) is built and looked up once per resource, not once per event. The last stack's table is
        // kept at hand (interned keys compare by identity).
        var resourceSlots: [String: [String: Int]] = [:]
        var lastStack: (key: String, slots: [String: Int])?
        func slot(for event: LifecycleEvent) -> Int {
            let stack = stackKey(of: event)
            if !event.isStackEvent {
                if let lastStack, lastStack.key == stack, let known = lastStack.slots[event.resource] { return known }
                if let known = resourceSlots[stack]?[event.resource] {
                    lastStack = (stack, resourceSlots[stack] ?? [:])
                    return known
                }
            }
            let found = uncachedSlot(for: event, stack: stack)
            if !event.isStackEvent {
                if lastStack?.key == stack { lastStack = nil }
                resourceSlots[stack, default: [:]][event.resource] = found
                lastStack = (stack, resourceSlots[stack] ?? [:])
            }
            return found
        }
        func uncachedSlot(for event: LifecycleEvent, stack: String) -> Int {
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
        let built = operations(events, parentOf: parentOf, names: names)
        // A resource's (or nested stack's) status is its status in the operation: a failure stays a failure when
        // the rollback then deletes it; a later operation that moves it forward again decides anew.
        var failedIn: [Int: String] = [:]
        for (position, event) in events.enumerated() {
            let slot = slot(for: event)
            instances[slot].apply(trigger: event.code, event: event)
            // A nested stack deleted by its parent's rollback keeps the failure of its own create the same way.
            guard !built.undoing[position] else { continue }
            failedIn[slot] = event.code.hasSuffix("_FAILED") ? event.code : nil
        }
        for (slot, state) in failedIn where instances[slot].state != state {
            instances[slot].resultState = state
        }
        // A stack whose create failed and was then deleted (`--on-failure DELETE`) never reports CREATE_FAILED,
        // but that is what its create came to.
        var lastOperation: [String: LifecycleOperation] = [:]
        for operation in built.operations { lastOperation[operation.instanceKey] = operation }
        for (stack, operation) in lastOperation where operation.kind == "CREATE" {
            guard let undo = operation.undoEventID, let slot = index[stack],
                instances[slot].transitions.contains(where: { $0.eventID == undo && $0.to == "DELETE_IN_PROGRESS" })
            else { continue }
            instances[slot].resultState = "CREATE_FAILED"
        }
        return (treeOrder(instances), built.operations)
    }

    /// Nested stacks: the parent's resource of type `AWS::CloudFormation::Stack` names the child's ARN. For each
    /// nested stack, its parent stack and the logical id of the resource that creates it; for each stack, its name.
    static func nesting(of events: [LifecycleEvent]) -> (
        parentOf: [String: (stack: String, logicalID: String)], names: [String: String]
    ) {
        var parentOf: [String: (stack: String, logicalID: String)] = [:]
        var names: [String: String] = [:]
        // The stack named last is not looked up again (most events are about the same stack as the one before).
        var lastNamed: String?
        for event in events {
            let stack = stackKey(of: event)
            if lastNamed != stack {
                if names[stack] == nil, let name = event.stackName { names[stack] = name }
                if names[stack] != nil { lastNamed = stack }
            }
            if !event.isStackEvent, event.resourceType == "AWS::CloudFormation::Stack",
                let child = event.physicalResourceID, !child.isEmpty, child != stack, parentOf[child] == nil
            {
                parentOf[child] = (stack, event.resource)
            }
        }
        return (parentOf, names)
    }

    /// Stacks and resources in tree order: each stack followed by its resources, in the order they appear, and a
    /// nested stack right after its parent's resource, so that every row comes under its parent.
    static func treeOrder(_ instances: [MachineInstance]) -> [MachineInstance] {
        var children: [String: [Int]] = [:]
        var roots: [Int] = []
        let keys = Set(instances.map(\.key))
        for (position, instance) in instances.enumerated() {
            if let parent = instance.parentKey, keys.contains(parent) {
                children[parent, default: []].append(position)
            } else {
                roots.append(position)
            }
        }
        var ordered: [MachineInstance] = []
        ordered.reserveCapacity(instances.count)
        var placed = Set<Int>()
        func visit(_ position: Int) {
            guard placed.insert(position).inserted else { return }
            ordered.append(instances[position])
            for child in children[instances[position].key] ?? [] { visit(child) }
        }
        for root in roots { visit(root) }
        // A cycle made by a hostile log leaves some unplaced: they come last, as they appear.
        for position in instances.indices where !placed.contains(position) { visit(position) }
        return ordered
    }

    /// Splits each stack's events into operations, the same way whether or not the log records `OperationId`:
    /// a new operation begins at each status the stack reports about itself that starts one (a create that
    /// follows a change-set review continues it), and the rollback, cleanup or `--on-failure DELETE` deletion of
    /// an operation belongs to it even when the service gave it an operation id of its own (`DescribeEvents`
    /// does, for automatic rollbacks). Where the stack's own events are missing, `OperationId` still separates
    /// operations.
    ///
    /// - Returns: the operations, and for each event whether it belongs to the part of its operation that undoes
    ///   it (for a nested stack, also when its parent is undoing).
    static func operations(
        _ events: [LifecycleEvent], parentOf: [String: (stack: String, logicalID: String)], names: [String: String]
    ) -> (operations: [LifecycleOperation], undoing: [Bool]) {
        var operations: [LifecycleOperation] = []
        var undoing = [Bool](repeating: false, count: events.count)
        // What is known of each stack, by a number given at its first event: a stack's ARN is looked up once per
        // event (none when the event is about the same stack as the one before), not eight times.
        struct StackState {
            var key: String
            var name: String
            var parent: String?
            var current: Int?
            var byOperationID: [String: Int] = [:]
            var lastStatus: String?
            var undoing = false
            var count = 0
        }
        var stacks: [StackState] = []
        var numbers: [String: Int] = [:]
        var last: (stack: String, number: Int)?
        for position in events.indices {
            let event = events[position]
            let stack = stackKey(of: event)
            let number: Int
            if let last, last.stack == stack {
                number = last.number
            } else if let known = numbers[stack] {
                number = known
            } else {
                number = stacks.count
                numbers[stack] = number
                stacks.append(StackState(key: stack, name: names[stack] ?? stack, parent: parentOf[stack]?.stack))
            }
            last = (stack, number)
            let name = stacks[number].name
            let operationID = event.operationID.flatMap { $0.isEmpty ? nil : $0 }
            let running = stacks[number].current
            let isStackEvent = event.isStackEvent
            let continues =
                isStackEvent
                && (event.operationType == "ROLLBACK"
                    || continuesOperation(
                        event.code, kind: running.map { operations[$0].kind } ?? "",
                        lastStatus: stacks[number].lastStatus, reason: event.message))
            var target: Int?
            if let operationID, let known = stacks[number].byOperationID[operationID] {
                target = known
            } else if let running, continues {
                target = running
            } else if let running, operationID == nil || operations[running].serviceIDs.isEmpty {
                // No id to tell: a status the stack reports about itself that starts an operation starts one.
                let starts = isStackEvent && operationStartStatuses.contains(event.code)
                let continuesReview =
                    stacks[number].lastStatus == "REVIEW_IN_PROGRESS"
                    && (event.code == "CREATE_IN_PROGRESS" || event.code == "IMPORT_IN_PROGRESS")
                if !starts || continuesReview { target = running }
            }
            if let slot = target {
                operations[slot].eventIDs.append(event.id)
                if operations[slot].kind == "CREATE", isStackEvent, event.code == "IMPORT_IN_PROGRESS" {
                    operations[slot].kind = "IMPORT"
                }
            } else {
                stacks[number].count += 1
                operations.append(
                    LifecycleOperation(
                        id: operationID ?? "\(name)#\(stacks[number].count)", subject: name, instanceKey: stack,
                        kind: operationKind(of: event), eventIDs: [event.id], firstEventIndex: position))
                target = operations.count - 1
                stacks[number].undoing = false
                stacks[number].lastStatus = nil
            }
            let slot = target ?? 0
            if let operationID, stacks[number].byOperationID[operationID] == nil {
                stacks[number].byOperationID[operationID] = slot
                operations[slot].serviceIDs.append(operationID)
            }
            stacks[number].current = slot
            if isStackEvent {
                if continues, !stacks[number].undoing {
                    stacks[number].undoing =
                        !event.code.contains(bytes: "_CLEANUP_") || event.code.contains(bytes: "ROLLBACK")
                    if stacks[number].undoing { operations[slot].undoEventID = event.id }
                }
                stacks[number].lastStatus = event.code
            }
            // A nested stack deleted or rolled back because its parent is undoing is undoing too.
            let parentUndoing = stacks[number].parent.flatMap { numbers[$0] }.map { stacks[$0].undoing } ?? false
            undoing[position] = stacks[number].undoing || (parentUndoing && operations[slot].kind == "DELETE")
        }
        // A nested stack's operation runs within the parent operation that was under way when it began.
        for index in operations.indices {
            guard let parent = parentOf[operations[index].instanceKey] else { continue }
            let start = operations[index].firstEventIndex
            operations[index].parentOperationID =
                operations.last { $0.instanceKey == parent.stack && $0.firstEventIndex <= start }?.id
        }
        return (operations, undoing)
    }

    /// The kind of operation an event begins: from `OperationType` where recorded, else from the status.
    static func operationKind(of event: LifecycleEvent) -> String {
        switch event.operationType {
        case "CREATE_STACK": return "CREATE"
        case "UPDATE_STACK": return "UPDATE"
        case "DELETE_STACK": return "DELETE"
        case "ROLLBACK", "CONTINUE_ROLLBACK": return "ROLLBACK"
        case "CREATE_CHANGESET": return "CHANGESET"
        default: return operationKind(of: event.code)
        }
    }

    /// The progress of an event along its resource's operation, for telling the direction of an undated page.
    static func progressRank(of event: LifecycleEvent) -> (String, Int)? {
        let (verb, inProgress) = verb(of: event.code)
        return ("\(instanceKey(of: event))|\(verb)", inProgress ? 0 : 1)
    }
}
