import RetraceCore

/// The ModelArts lifecycles. A service's log is a series of deployments (a deploy, an update, a restart); each
/// has one machine that walks the phases to RUNNING or FAILED, and one small machine per phase (WAITING →
/// IN_PROGRESS → SUCCEEDED | FAILED). Events carry free text, so each is first classified by what it says.
public enum ModelArtsModel {
    /// What one ModelArts event says, as read from its type and text.
    public struct Reading: Sendable, Hashable {
        /// What the event does to the deployment.
        public enum Signal: String, Sendable, Hashable {
            /// A new deployment begins (deploy, update, start).
            case deploymentStarted = "deployment-started"
            /// A phase began.
            case started
            /// A phase finished well.
            case succeeded
            /// Something failed (an `abnormal` event, or a text that says so).
            case failed
            /// The service is running.
            case running
            /// The service was stopped.
            case stopped
            /// Nothing the lifecycle tracks.
            case other
        }

        /// The signal.
        public var signal: Signal
        /// The phase it concerns, when the text names one.
        public var phase: ModelArtsPhase?
    }

    /// Reads events, each distinct text once: a service repeats the same few texts (a deployment waiting for
    /// resources says so every few seconds), and a million events are read in a fraction of a second.
    public struct Reader {
        private struct Text: Hashable {
            var code: String
            var message: String?
        }
        private var readings: [Text: Reading] = [:]
        /// The last few texts read: a service says the same thing many times in a row (or alternates two
        /// things), and interned texts compare by identity, cheaper than hashing them.
        private var recent: [(text: Text, reading: Reading)] = []
        private var nextRecent = 0

        /// A reader with nothing read yet.
        public init() {}

        /// What `event` says (`ModelArtsModel.read(_:)`).
        public mutating func read(_ event: LifecycleEvent) -> Reading {
            let text = Text(code: event.code, message: event.message)
            if let hit = recent.first(where: { $0.text == text }) { return hit.reading }
            let reading: Reading
            if let known = readings[text] {
                reading = known
            } else {
                reading = ModelArtsModel.read(event)
                // Bounded: a log whose texts all differ is read event by event.
                if readings.count < 10_000 { readings[text] = reading }
            }
            if recent.count < 4 {
                recent.append((text, reading))
            } else {
                recent[nextRecent] = (text, reading)
                nextRecent = (nextRecent + 1) % recent.count
            }
            return reading
        }
    }

    /// Reads one event. The texts are not a documented vocabulary, so this looks for the words the service uses
    /// in its event table and examples ("pulling model image", "schedule resource success", "Insufficient …").
    public static func read(_ event: LifecycleEvent) -> Reading {
        let text = (event.message ?? "").lowercased()
        let abnormal = event.code.lowercased() == "abnormal"
        let phase = phase(in: text)
        let saysFailure = failureWords.contains { text.contains(bytes: $0) }
        if abnormal || saysFailure { return Reading(signal: .failed, phase: phase) }
        if isDeploymentStart(text) { return Reading(signal: .deploymentStarted, phase: nil) }
        if text.contains(bytes: "stopped") || text.contains(bytes: "being stopped") || text.contains(bytes: "stops") {
            return Reading(signal: .stopped, phase: nil)
        }
        if text.contains(bytes: "running") || (text.contains(bytes: "deploy") && text.contains(bytes: "success")) {
            return Reading(signal: .running, phase: nil)
        }
        guard let phase else { return Reading(signal: .other, phase: nil) }
        let succeeded = successWords.contains { text.contains(bytes: $0) }
        if succeeded && phase == .modelStartup { return Reading(signal: .running, phase: phase) }
        return Reading(signal: succeeded ? .succeeded : .started, phase: phase)
    }

    // Searched byte for byte (`contains(bytes:)`): a million events are read in well under a second, where the
    // generic `String.contains` took over a minute.
    private static let failureWords = ["fail", "error", "timeout", "timed out", "insufficient", "exceed", "unhealthy"]
    private static let successWords = ["success", "succeeded", "completed", "created", "finished", "ready"]

    private static func isDeploymentStart(_ text: String) -> Bool {
        [
            "start to deploy", "starts to deploy", "begin to deploy", "being updated", "start to update",
            "being started", "start to start",
        ]
        .contains { text.contains(bytes: $0) }
    }

    private static func phase(in text: String) -> ModelArtsPhase? {
        if text.contains(bytes: "pull") { return .imagePulling }
        if text.contains(bytes: "image") && (text.contains(bytes: "build") || text.contains(bytes: "creat")) {
            return .imageBuilding
        }
        if text.contains(bytes: "environment") { return .environmentPreparation }
        if text.contains(bytes: "schedul") || text.contains(bytes: "insufficient") || text.contains(bytes: "resource") {
            return .resourceScheduling
        }
        if text.contains(bytes: "health") || text.contains(bytes: "readiness") || text.contains(bytes: "liveness")
            || text.contains(bytes: "model") && text.contains(bytes: "start") || text.contains(bytes: "startup")
        {
            return .modelStartup
        }
        return nil
    }

    /// A deployment's lifecycle, keyed by `phase:<PHASE>`, `running`, `failed` and `stopped`. Phases may be
    /// skipped (an image that is already built) but not revisited; a failed deployment may still go on (the
    /// service retries), so FAILED is left like a phase.
    public static let deploymentMachine: LifecycleMachine = {
        var transitions: [LifecycleMachine.Transition] = []
        let phases = ModelArtsPhase.allCases
        for phase in phases {
            // A deployment that reported a failure may still recover (scheduling retries until resources free up).
            let earlier = Set(["DEPLOYING", "FAILED"] + phases.filter { $0 < phase }.map(\.rawValue))
            transitions.append(.init(on: "phase:\(phase.rawValue)", from: earlier, to: phase.rawValue))
        }
        let active = Set(["DEPLOYING", "FAILED"] + phases.map(\.rawValue))
        // A running service keeps saying so ("service is running"): that is a stay, not a move.
        transitions.append(.init(on: "running", from: active.union(["RUNNING"]), to: "RUNNING"))
        transitions.append(.init(on: "failed", from: active, to: "FAILED"))
        transitions.append(.init(on: "stopped", from: nil, to: "STOPPED"))
        return LifecycleMachine(
            name: "modelarts-deployment", initialState: "DEPLOYING",
            states: ["DEPLOYING"] + phases.map(\.rawValue) + ["RUNNING", "FAILED", "STOPPED"],
            successStates: ["RUNNING"], failureStates: ["FAILED"], transitions: transitions,
            unknownTriggers: .observe, observedTriggers: ["other", "deployment-started"])
    }()

    /// One phase's lifecycle, keyed by `started`, `succeeded`, `failed`. A success may come without a start (the
    /// service does not always announce one), and a failed phase may be retried (scheduling waits for resources).
    public static let phaseMachine = LifecycleMachine(
        name: "modelarts-phase", initialState: "WAITING",
        states: ["WAITING", "IN_PROGRESS", "SUCCEEDED", "FAILED"], successStates: ["SUCCEEDED"],
        failureStates: ["FAILED"],
        transitions: [
            .init(on: "started", from: ["WAITING", "FAILED"], to: "IN_PROGRESS"),
            .init(on: "succeeded", from: ["WAITING", "IN_PROGRESS", "FAILED"], to: "SUCCEEDED"),
            .init(on: "failed", from: ["WAITING", "IN_PROGRESS", "FAILED"], to: "FAILED"),
        ],
        unknownTriggers: .observe, observedTriggers: ["running"])

    /// The key of deployment `number`'s instance.
    public static func deploymentKey(_ number: Int) -> String { "deployment-\(number)" }

    /// The key of a phase's instance within deployment `number`.
    public static func phaseKey(_ number: Int, _ phase: ModelArtsPhase) -> String {
        "deployment-\(number)/\(phase.rawValue)"
    }

    /// Builds one deployment instance per deployment, its phase instances as they appear, and one operation per
    /// deployment. Events before the first "start to deploy" form a deployment of their own (the log was cut).
    static func reconstruct(_ log: LifecycleLog) -> (instances: [MachineInstance], operations: [LifecycleOperation]) {
        let service = log.serviceName ?? log.events.first?.resource ?? "service"
        var instances: [MachineInstance] = []
        var index: [String: Int] = [:]
        var operations: [LifecycleOperation] = []
        var number = 0
        func ensure(_ key: String, _ make: () -> MachineInstance) -> Int {
            if let slot = index[key] { return slot }
            index[key] = instances.count
            instances.append(make())
            return instances.count - 1
        }
        // A service repeats the same few texts (a deployment waiting for resources says so every few seconds):
        // each distinct text is read once.
        var reader = Reader()
        // The current deployment's instance and its phases' are kept, so that an event costs no key built and
        // looked up (a million events, ten deployments).
        var deployment = 0
        var phaseSlots: [ModelArtsPhase: Int] = [:]
        // The phase a state names, for the state asked last (a deployment stays in a state for many events).
        var phaseOfState: (state: String, phase: ModelArtsPhase?)?
        let events = log.events
        for position in events.indices {
            let event = events[position]
            let reading = reader.read(event)
            if number == 0 || reading.signal == .deploymentStarted {
                number += 1
                operations.append(
                    LifecycleOperation(
                        id: deploymentKey(number), subject: service, instanceKey: deploymentKey(number),
                        kind: "deploy", eventIDs: [], firstEventIndex: position))
                let current = number
                deployment = ensure(deploymentKey(current)) {
                    MachineInstance(
                        key: deploymentKey(current), name: "deployment \(current)", kind: "deployment",
                        scope: [service], machine: deploymentMachine)
                }
                phaseSlots = [:]
            }
            let current = number
            operations[operations.count - 1].eventIDs.append(event.id)
            var phase = reading.phase
            if phase == nil, reading.signal == .failed || reading.signal == .running {
                // A failure that names no phase happened in the phase the deployment was in; running ends it.
                let state = instances[deployment].state
                if let known = phaseOfState, known.state == state {
                    phase = known.phase
                } else {
                    phase = ModelArtsPhase(rawValue: state)
                    phaseOfState = (state, phase)
                }
            }
            if let phase {
                let state = instances[deployment].state
                // A repeated failure does not re-enter the phase it failed in.
                let repeatsFailure = state == "FAILED" && reading.signal == .failed
                if state != phase.rawValue, reading.signal != .stopped, !repeatsFailure {
                    instances[deployment].apply(trigger: "phase:\(phase.rawValue)", event: event)
                }
                let phaseSlot =
                    phaseSlots[phase]
                    ?? ensure(phaseKey(current, phase)) {
                        MachineInstance(
                            key: phaseKey(current, phase), name: phase.title, kind: "phase",
                            scope: [service, "deployment \(current)"], parentKey: deploymentKey(current),
                            machine: phaseMachine)
                    }
                phaseSlots[phase] = phaseSlot
                let phaseTrigger = reading.signal == .running ? "succeeded" : reading.signal.rawValue
                instances[phaseSlot].apply(trigger: phaseTrigger, event: event)
            }
            switch reading.signal {
            case .failed, .running, .stopped:
                instances[deployment].apply(trigger: reading.signal.rawValue, event: event)
            case .deploymentStarted, .other:
                instances[deployment].apply(trigger: reading.signal.rawValue, event: event)
            case .started, .succeeded: break
            }
        }
        return (instances, operations)
    }

    /// The progress of an event along a deployment, for telling the direction of an undated page.
    static func progressRank(of event: LifecycleEvent) -> (String, Int)? {
        let reading = read(event)
        if reading.signal == .deploymentStarted { return (event.resource, 0) }
        if reading.signal == .running { return (event.resource, 10) }
        guard let phase = reading.phase else { return nil }
        return (event.resource, 1 + phase.ordinal * 2 + (reading.signal == .succeeded ? 1 : 0))
    }
}
