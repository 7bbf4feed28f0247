import RetraceCore
import StepFunctions
import Testing

@Suite("Definition graph helpers")
struct StateMachineDefinitionGraphTests {
    let definition: StateMachineDefinition

    init() throws {
        definition = try StateMachineDefinition(
            parsing: JSONValue.parse(
                """
                {"StartAt": "Start", "States": {
                  "Start": {"Type": "Task", "Resource": "r", "Next": "Decide",
                            "Catch": [{"ErrorEquals": ["E1", "E2"], "Next": "Oops"}]},
                  "Decide": {"Type": "Choice", "Default": "Fan",
                             "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "Each"},
                                         {"Variable": "$.b", "IsPresent": true, "Next": "Oops"}]},
                  "Fan": {"Type": "Parallel", "Next": "Each", "Branches": [
                    {"StartAt": "L1", "States": {"L1": {"Type": "Pass", "Next": "L2"}, "L2": {"Type": "Succeed"}}},
                    {"StartAt": "R1", "States": {"R1": {"Type": "Map", "End": true,
                       "ItemProcessor": {"StartAt": "Deep", "States": {"Deep": {"Type": "Pass", "End": true}}}}}}]},
                  "Each": {"Type": "Map", "End": true,
                           "Iterator": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}},
                  "Oops": {"Type": "Fail"},
                  "Orphan": {"Type": "Pass", "End": true}}}
                """))
    }

    @Test("every state with its scope, depth first")
    func scopes() {
        let all = definition.allStates
        #expect(
            all.map(\.state.name) == [
                "Start", "Decide", "Fan", "L1", "L2", "R1", "Deep", "Each", "Item", "Oops", "Orphan",
            ])
        let byName = definition.statesByName
        #expect(byName["Start"]?.scope == .topLevel)
        #expect(byName["L2"]?.scope == .branch(index: 0, parallelState: "Fan", parent: .topLevel))
        let r1Scope = StateScope.branch(index: 1, parallelState: "Fan", parent: .topLevel)
        #expect(byName["R1"]?.scope == r1Scope)
        #expect(byName["Deep"]?.scope == .processor(mapState: "R1", parent: r1Scope))
        #expect(byName["Deep"]?.scope.depth == 2)
        #expect(byName["Item"]?.scope == .processor(mapState: "Each", parent: .topLevel))
        #expect(byName["Deep"]?.scope.description == #"processor of Map "R1" in branch 2 of Parallel "Fan""#)
        #expect(byName["Deep"]?.state.type == .pass)
        #expect(
            byName["Deep"]?.path.pathDescription == "States.Fan.Branches[1].States.R1.ItemProcessor.States.Deep")
        #expect(byName["Item"]?.path.pathDescription == "States.Each.Iterator.States.Item")
    }

    @Test("transitions with their kinds")
    func transitions() {
        #expect(
            definition["Start"]?.transitions == [
                StateTransition(source: "Start", target: "Decide", kind: .next),
                StateTransition(source: "Start", target: "Oops", kind: .catcher(index: 0, errorEquals: ["E1", "E2"])),
            ])
        #expect(
            definition["Decide"]?.transitions == [
                StateTransition(source: "Decide", target: "Each", kind: .choice(ruleIndex: 0)),
                StateTransition(source: "Decide", target: "Oops", kind: .choice(ruleIndex: 1)),
                StateTransition(source: "Decide", target: "Fan", kind: .choiceDefault),
            ])
        #expect(definition["Oops"]?.transitions == [])
        #expect(definition["Each"]?.transitions == [])
        #expect(definition.transitions.count == 6)
    }

    @Test("unreachable states are listed, not refused")
    func unreachable() {
        #expect(definition.unreachableStates == ["Orphan"])
        guard case .parallel(let parallel)? = definition["Fan"]?.kind else {
            Issue.record("Fan is not a Parallel")
            return
        }
        #expect(parallel.branches.first?.unreachableStates == [])
    }
}
