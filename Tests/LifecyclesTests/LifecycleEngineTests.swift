import Lifecycles
import RetraceCore
import Testing

@Suite("The lifecycle engine")
struct LifecycleEngineTests {
    /// A small machine written for these tests: A → B → C (success) | X (failure), from anywhere on `reset` back
    /// to A; `note` is known but never moves it.
    static let machine = LifecycleMachine(
        name: "test", initialState: "A", states: ["A", "B", "C", "X"], successStates: ["C"], failureStates: ["X"],
        transitions: [
            .init(on: "go-b", from: ["A"], to: "B"),
            .init(on: "go-c", from: ["B"], to: "C"),
            .init(on: "fail", from: ["A", "B"], to: "X"),
            .init(on: "reset", from: nil, to: "A"),
        ],
        observedTriggers: ["note"])

    private func event(_ id: String, at seconds: Int64?) -> LifecycleEvent {
        LifecycleEvent(
            id: id, time: seconds.map { Instant(millisecondsSinceEpoch: $0 * 1000) }, code: id, resource: "r",
            message: nil, file: "t", source: .gameLift)
    }

    private func run(_ steps: [(String, Int64?)], machine: LifecycleMachine = machine) -> MachineInstance {
        var instance = MachineInstance(key: "k", name: "thing", kind: "test", machine: machine)
        for (index, step) in steps.enumerated() {
            instance.apply(trigger: step.0, event: event("e\(index)", at: step.1))
        }
        return instance
    }

    @Test("follows a declared path and times each stay")
    func happyPath() {
        let instance = run([("note", 0), ("go-b", 10), ("go-c", 25)])
        #expect(instance.statePath == ["A", "B", "C"])
        #expect(instance.status == .succeeded)
        #expect(instance.transitions.map(\.eventID) == ["e1", "e2"])
        #expect(instance.transitions.allSatisfy { $0.isExpected })
        #expect(instance.path[1].durationMilliseconds == 15_000)
        #expect(instance.path[0].eventID == "e0", "an observation in the initial state dates it")
        #expect(instance.observations == ["e0"])
        #expect(instance.anomalies.isEmpty)
    }

    @Test("an impossible transition is followed and reported, not fatal")
    func impossibleTransition() {
        let instance = run([("go-b", 1), ("go-c", 2), ("fail", 3)])
        #expect(instance.state == "X")
        #expect(instance.status == .failed)
        #expect(instance.transitions.last?.isExpected == false)
        #expect(instance.anomalies.map(\.kind) == [.unexpectedTransition])
        #expect(instance.anomalies.first?.eventID == "e2")
    }

    @Test("an unknown trigger is kept as an observation, or entered as a state, as the machine says")
    func unknownTriggers() {
        let observed = run([("go-b", 1), ("brand-new", 2)])
        #expect(observed.state == "B")
        #expect(observed.observations == ["e1"])
        #expect(observed.anomalies.map(\.kind) == [.unknownTrigger])

        var entering = LifecycleEngineTests.machine
        entering.unknownTriggers = .enterState
        let entered = run([("go-b", 1), ("brand-new", 2)], machine: entering)
        #expect(entered.state == "brand-new")
        #expect(entered.status == .inProgress)
        #expect(entered.anomalies.map(\.kind) == [.unknownTrigger])
    }

    @Test("a log that starts mid-way starts the path where the log does")
    func startsMidway() {
        let instance = run([("go-c", 5)])
        #expect(instance.startsMidway)
        #expect(instance.statePath == ["C"])
        #expect(instance.anomalies.isEmpty)
    }

    @Test("a repeated state is an observation, not a transition")
    func selfLoop() {
        let instance = run([("go-b", 1), ("reset", 2), ("reset", 3)])
        #expect(instance.statePath == ["A", "B", "A"])
        #expect(instance.observations == ["e2"])
    }

    @Test("time going backwards is reported")
    func backwards() {
        let instance = run([("go-b", 10), ("go-c", 5)])
        #expect(instance.anomalies.map(\.kind) == [.timeWentBackwards])
    }

    /// The same warning code as a history whose clock runs backwards, once for the log.
    @Test("a lifecycle's clock running backwards is the log's timestamp-backwards warning")
    func backwardsIsALogWarning() {
        let backwards = run([("go-b", 10), ("go-c", 5)])
        let forwards = run([("go-b", 10), ("go-c", 15)])
        let log = LifecycleLog(source: .gameLift, events: [])
        let warned = LifecycleRun(log: log, instances: [backwards, backwards], operations: [])
        #expect(warned.log.warnings.map(\.code) == [.timestampBackwards])
        #expect(
            warned.log.warnings.first?.message.hasPrefix("2 events are dated before the event each follows") == true)
        #expect(LifecycleRun(log: log, instances: [forwards], operations: []).log.warnings.isEmpty)
    }

    @Test("no events: not started")
    func notStarted() {
        #expect(run([]).status == .notStarted)
    }

    @Test("any sequence of triggers, known or not, runs to the end")
    func hostileSequences() {
        let triggers = ["go-b", "go-c", "fail", "reset", "note", "???", ""]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let steps = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
                (triggers.randomElement(using: &generator) ?? "", Int64?.some(Int64.random(in: -5...5)))
            }
            let instance = run(steps)
            #expect(instance.eventIDs.count == steps.count)
            #expect(LifecycleEngineTests.machine.states.contains(instance.state))
            #expect(instance.transitions.count + instance.observations.count <= steps.count)
        }
    }

    @Test("machines declare every state their transitions reach")
    func machinesAreClosed() {
        for machine in [
            GameLiftFleetModel.fleetMachine, GameLiftFleetModel.locationMachine, CloudFormationModel.stackMachine,
            CloudFormationModel.resourceMachine, ModelArtsModel.deploymentMachine, ModelArtsModel.phaseMachine,
        ] {
            let states = Set(machine.states)
            #expect(states.contains(machine.initialState), "\(machine.name)")
            #expect(machine.successStates.isSubset(of: states), "\(machine.name)")
            #expect(machine.failureStates.isSubset(of: states), "\(machine.name)")
            #expect(machine.successStates.isDisjoint(with: machine.failureStates), "\(machine.name)")
            for transition in machine.transitions {
                #expect(states.contains(transition.to), "\(machine.name) \(transition.trigger)")
                #expect(
                    transition.from.map { $0.isSubset(of: states) } ?? true, "\(machine.name) \(transition.trigger)")
            }
        }
    }
}
