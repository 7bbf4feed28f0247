import RetraceCore

/// One running copy of a `LifecycleMachine`: a fleet, a fleet location, a stack, one of its resources, a
/// deployment phase. It records the path of states it went through, each transition with its time and evidence
/// event, the events that did not move it, and anything the lifecycle did not allow.
public struct MachineInstance: Sendable, Hashable {
    /// Unique within a run (for example a stack ARN and a logical id).
    public var key: String
    /// What people call it: a fleet id, a location, a logical resource id, a phase.
    public var name: String
    /// What it is: `fleet`, `location`, `stack`, a CloudFormation resource type, `deployment`, `phase`.
    public var kind: String
    /// The names of what encloses it, outermost first (the parent stacks of a nested resource, the fleet of a
    /// location, the deployment of a phase).
    public var scope: [String]
    /// The lifecycle it follows.
    public let machine: LifecycleMachine
    /// The state it is in after the last event.
    public private(set) var state: String
    /// Every state it went through, in order (a state entered twice appears twice).
    public private(set) var path: [LifecycleStateVisit]
    /// Every move, in order.
    public private(set) var transitions: [LifecycleTransition] = []
    /// Events about it that did not change its state (GameLift process crashes, a repeated status).
    public private(set) var observations: [String] = []
    /// Every event applied to it, in order.
    public private(set) var eventIDs: [String] = []
    /// The instance this one belongs to, when there is one: the fleet of a location, the stack of a resource, the
    /// parent stack's resource of a nested stack, the deployment of a phase.
    public var parentKey: String?
    /// Moves the lifecycle does not allow and codes it does not know.
    public private(set) var anomalies: [LifecycleAnomaly] = []
    /// Whether the log begins after this instance had left its initial state (a log cut by a time window or a
    /// page limit); the path then starts with the first state the log shows.
    public private(set) var startsMidway = false

    private var lastTime: Instant?
    private var recentTriggers = TriggerMemo()

    /// The transitions of the last few triggers applied, kept so that triggers applied again and again (a status
    /// repeated, a fleet's few health codes in turn, a service that keeps failing to schedule) are not looked up
    /// in the machine each time. Not part of what an instance is: two instances are equal whatever they remember.
    private struct TriggerMemo: Sendable, Hashable {
        struct Entry: Sendable {
            var trigger: String
            var candidates: [LifecycleMachine.Transition]
            var known: Bool
        }
        var entries: [Entry] = []
        var next = 0

        /// The entry for `trigger`, looked up in `machine` when not remembered.
        mutating func entry(for trigger: String, in machine: LifecycleMachine) -> Entry {
            let length = trigger.utf8.count
            for entry in entries where entry.trigger.utf8.count == length && entry.trigger == trigger { return entry }
            let candidates = machine.transitions(on: trigger)
            let entry = Entry(
                trigger: trigger, candidates: candidates, known: !candidates.isEmpty || machine.knows(trigger))
            if entries.count < 8 {
                entries.append(entry)
            } else {
                entries[next] = entry
                next = (next + 1) % entries.count
            }
            return entry
        }

        static func == (left: TriggerMemo, right: TriggerMemo) -> Bool { true }
        func hash(into hasher: inout Hasher) {}
    }

    /// Creates an instance in the machine's initial state.
    public init(
        key: String, name: String, kind: String, scope: [String] = [], parentKey: String? = nil,
        machine: LifecycleMachine
    ) {
        self.key = key
        self.parentKey = parentKey
        self.name = name
        self.kind = kind
        self.scope = scope
        self.machine = machine
        self.state = machine.initialState
        self.path = [LifecycleStateVisit(state: machine.initialState, eventID: nil, enteredAt: nil)]
    }

    /// How an instance stands after its events.
    public enum Status: String, Sendable, Hashable {
        /// No event was about it.
        case notStarted = "not_started"
        /// It is in a state that is neither success nor failure.
        case inProgress = "in_progress"
        /// It is in a success state.
        case succeeded
        /// It is in a failure state.
        case failed
    }

    /// The state that gives its status when that differs from the state it ended in: a CloudFormation resource
    /// that failed in an operation and was then deleted by the rollback keeps its `CREATE_FAILED`, because that
    /// is what happened to it in the operation an operator asks about.
    public var resultState: String?

    /// Where it stands: the status of `resultState` where set, else of the state it ended in.
    public var status: Status {
        let state = resultState ?? self.state
        if machine.successStates.contains(state) { return .succeeded }
        if machine.failureStates.contains(state) { return .failed }
        return eventIDs.isEmpty ? .notStarted : .inProgress
    }

    /// The path as state names, in order.
    public var statePath: [String] { path.map(\.state) }

    /// Feeds one event to the machine under `trigger` (its code, status or classified signal).
    ///
    /// Never fails: an undeclared move is followed and reported, an unknown trigger is kept and reported.
    public mutating func apply(trigger: String, event: LifecycleEvent) {
        if let time = event.time {
            if let lastTime, time < lastTime {
                anomalies.append(
                    LifecycleAnomaly(
                        kind: .timeWentBackwards, eventID: event.id,
                        message: "\(name): \(trigger) at \(time.iso8601) is dated before the event it follows "
                            + "(\(lastTime.iso8601))"))
            }
            lastTime = time
        }
        // One event may drive two triggers of the same instance (enter a phase, then fail in it).
        if eventIDs.last != event.id { eventIDs.append(event.id) }
        let remembered = recentTriggers.entry(for: trigger, in: machine)
        let candidates = remembered.candidates
        if candidates.isEmpty {
            if !remembered.known {
                anomalies.append(
                    LifecycleAnomaly(
                        kind: .unknownTrigger, eventID: event.id,
                        message: "\(name): \(trigger) is not a known \(machine.name) event; kept as recorded"))
                if machine.unknownTriggers == .enterState {
                    move(to: trigger, trigger: trigger, event: event, expected: false)
                    return
                }
            }
            observe(event)
            return
        }
        if let allowed = candidates.first(where: { $0.from?.contains(state) ?? true }) {
            if allowed.to == state {
                observe(event)
            } else {
                move(to: allowed.to, trigger: trigger, event: event, expected: true)
            }
            return
        }
        let target = candidates[0].to
        if transitions.isEmpty, state == machine.initialState, !startsMidway {
            // The log starts after the lifecycle began: start the path at what it shows.
            startsMidway = true
            state = target
            path = [LifecycleStateVisit(state: target, eventID: event.id, enteredAt: event.time)]
            return
        }
        let allowedFrom = Set(candidates.flatMap { $0.from ?? [] }).sorted().joined(separator: ", ")
        anomalies.append(
            LifecycleAnomaly(
                kind: .unexpectedTransition, eventID: event.id,
                message: "\(name): \(trigger) moved it from \(state) to \(target), which the \(machine.name) "
                    + "lifecycle allows only from \(allowedFrom)"))
        if target == state {
            observe(event)
        } else {
            move(to: target, trigger: trigger, event: event, expected: false)
        }
    }

    private mutating func observe(_ event: LifecycleEvent) {
        observations.append(event.id)
        // An event seen in the initial state (GameLift FLEET_CREATED) dates that state.
        if path.count == 1, path[0].eventID == nil, transitions.isEmpty {
            path[0].eventID = event.id
            path[0].enteredAt = event.time
        }
    }

    private mutating func move(to target: String, trigger: String, event: LifecycleEvent, expected: Bool) {
        transitions.append(
            LifecycleTransition(
                from: state, to: target, trigger: trigger, eventID: event.id, time: event.time, isExpected: expected))
        if !path.isEmpty { path[path.count - 1].exitedAt = event.time }
        path.append(LifecycleStateVisit(state: target, eventID: event.id, enteredAt: event.time))
        state = target
    }
}
