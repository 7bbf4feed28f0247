import RetraceCore

/// The GameLift lifecycles: one machine for each fleet (NEW → DOWNLOADING → VALIDATING → BUILDING → ACTIVATING
/// → ACTIVE | ERROR, and the container fleets' PENDING → CREATING → CREATED → ACTIVATING), one for each of its
/// locations. Every other event code is an observation of the state the fleet is in.
public enum GameLiftFleetModel {
    /// The fleet's lifecycle, keyed by `FLEET_STATE_*` codes.
    public static let fleetMachine: LifecycleMachine = {
        let any: Set<String>? = nil
        return LifecycleMachine(
            name: "gamelift-fleet", initialState: "NEW",
            states: [
                "NEW", "DOWNLOADING", "VALIDATING", "BUILDING", "PENDING", "CREATING", "CREATED", "ACTIVATING",
                "ACTIVE", "UPDATING", "ERROR", "DELETING",
            ],
            successStates: ["ACTIVE"], failureStates: ["ERROR"],
            transitions: [
                .init(on: "FLEET_STATE_DOWNLOADING", from: ["NEW"], to: "DOWNLOADING"),
                .init(on: "FLEET_STATE_VALIDATING", from: ["DOWNLOADING"], to: "VALIDATING"),
                .init(on: "FLEET_STATE_BUILDING", from: ["VALIDATING"], to: "BUILDING"),
                .init(on: "FLEET_STATE_PENDING", from: ["NEW"], to: "PENDING"),
                .init(on: "FLEET_STATE_CREATING", from: ["NEW", "PENDING"], to: "CREATING"),
                .init(on: "FLEET_STATE_CREATED", from: ["CREATING"], to: "CREATED"),
                .init(on: "FLEET_STATE_ACTIVATING", from: ["BUILDING", "CREATED"], to: "ACTIVATING"),
                .init(on: "FLEET_STATE_ACTIVE", from: ["ACTIVATING", "UPDATING"], to: "ACTIVE"),
                .init(on: "FLEET_STATE_UPDATING", from: ["ACTIVE", "CREATED"], to: "UPDATING"),
                .init(
                    on: "FLEET_STATE_ERROR",
                    from: [
                        "NEW", "DOWNLOADING", "VALIDATING", "BUILDING", "PENDING", "CREATING", "CREATED",
                        "ACTIVATING", "ACTIVE", "UPDATING",
                    ], to: "ERROR"),
                .init(on: "FLEET_DELETED", from: any, to: "DELETING"),
            ],
            unknownTriggers: .observe,
            observedTriggers: Set(GameLiftEventCode.all.map(\.code)))
    }()

    /// A fleet location's lifecycle, keyed by `LOCATION_STATE_*` codes.
    public static let locationMachine: LifecycleMachine = {
        let any: Set<String>? = nil
        return LifecycleMachine(
            name: "gamelift-location", initialState: "NEW",
            states: [
                "NEW", "PENDING", "CREATING", "CREATED", "ACTIVATING", "ACTIVE", "UPDATING", "ERROR", "DELETING",
                "DELETED",
            ],
            successStates: ["ACTIVE", "DELETED"], failureStates: ["ERROR"],
            transitions: [
                .init(on: "LOCATION_STATE_PENDING", from: ["NEW"], to: "PENDING"),
                .init(on: "LOCATION_STATE_CREATING", from: ["NEW", "PENDING"], to: "CREATING"),
                .init(on: "LOCATION_STATE_CREATED", from: ["CREATING"], to: "CREATED"),
                .init(
                    on: "LOCATION_STATE_ACTIVATING", from: ["NEW", "PENDING", "CREATING", "CREATED"], to: "ACTIVATING"),
                .init(on: "LOCATION_STATE_ACTIVE", from: ["ACTIVATING", "UPDATING", "CREATED"], to: "ACTIVE"),
                .init(on: "LOCATION_STATE_UPDATING", from: ["ACTIVE"], to: "UPDATING"),
                .init(
                    on: "LOCATION_STATE_ERROR",
                    from: ["NEW", "PENDING", "CREATING", "CREATED", "ACTIVATING", "ACTIVE", "UPDATING"], to: "ERROR"),
                .init(on: "LOCATION_STATE_DELETING", from: any, to: "DELETING"),
                .init(on: "LOCATION_STATE_DELETED", from: ["DELETING"], to: "DELETED"),
            ],
            unknownTriggers: .observe)
    }()

    /// The fleet a GameLift event is about; events without a `ResourceId` are put on one unnamed fleet.
    public static func fleetID(of event: LifecycleEvent) -> String {
        event.resource.isEmpty ? "fleet" : event.resource
    }

    /// The location a `LOCATION_STATE_*` event is about, read from its message (the first token that looks
    /// like an AWS Region or a custom location name); `nil` when the message names none.
    public static func location(of event: LifecycleEvent) -> String? {
        guard let message = event.message else { return nil }
        let fleet = fleetID(of: event)
        var token = ""
        var tokens: [String] = []
        for character in message + " " {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                token.append(character)
            } else if !token.isEmpty {
                tokens.append(token)
                token = ""
            }
        }
        return tokens.first { candidate in
            guard candidate != fleet, !candidate.hasPrefix("fleet-"), candidate.contains("-") else { return false }
            if candidate.hasPrefix("custom-") { return true }
            let parts = candidate.split(separator: "-")
            guard parts.count >= 3, let first = parts.first, first.count == 2,
                first.allSatisfy({ $0.isLowercase }), let last = parts.last
            else { return false }
            return last.allSatisfy(\.isNumber)
        }
    }

    /// Builds one instance per fleet and per location, and one operation per fleet.
    static func reconstruct(_ log: LifecycleLog) -> (instances: [MachineInstance], operations: [LifecycleOperation]) {
        var instances: [MachineInstance] = []
        var index: [String: Int] = [:]
        var operations: [LifecycleOperation] = []
        var operationIndex: [String: Int] = [:]
        // A fleet's events come one after another: the last fleet's slots are kept, so that most events cost no
        // lookup (interned ids compare by identity).
        var last: (fleet: String, slot: Int, operation: Int?)?
        let events = log.events
        for position in events.indices {
            let event = events[position]
            let fleet = fleetID(of: event)
            let fleetSlot: Int
            let operation: Int?
            if let last, last.fleet == fleet {
                (fleetSlot, operation) = (last.slot, last.operation)
            } else if let known = index[fleet] {
                (fleetSlot, operation) = (known, operationIndex[fleet])
            } else {
                fleetSlot = instances.count
                index[fleet] = fleetSlot
                instances.append(MachineInstance(key: fleet, name: fleet, kind: "fleet", machine: fleetMachine))
                operation = operations.count
                operationIndex[fleet] = operation
                operations.append(
                    LifecycleOperation(
                        id: fleet, subject: fleet, instanceKey: fleet, kind: "fleet", eventIDs: [],
                        firstEventIndex: position))
            }
            last = (fleet, fleetSlot, operation)
            if let operation { operations[operation].eventIDs.append(event.id) }
            var slot = fleetSlot
            if event.code.hasPrefix("LOCATION_STATE_") {
                let location = location(of: event) ?? "unnamed location"
                let key = "\(fleet)/\(location)"
                if let known = index[key] {
                    slot = known
                } else {
                    slot = instances.count
                    index[key] = slot
                    instances.append(
                        MachineInstance(
                            key: key, name: location, kind: "location", scope: [fleet], parentKey: fleet,
                            machine: locationMachine))
                }
            }
            instances[slot].apply(trigger: event.code, event: event)
        }
        return (instances, operations)
    }

    /// The progress of an event along the fleet lifecycle, for telling the direction of an undated page.
    static func progressRank(of event: LifecycleEvent) -> (String, Int)? {
        let order = [
            "FLEET_CREATED", "FLEET_STATE_DOWNLOADING", "FLEET_STATE_VALIDATING", "FLEET_STATE_BUILDING",
            "FLEET_STATE_ACTIVATING", "FLEET_STATE_ACTIVE",
        ]
        guard let rank = order.firstIndex(of: event.code) else { return nil }
        return (fleetID(of: event), rank)
    }
}
