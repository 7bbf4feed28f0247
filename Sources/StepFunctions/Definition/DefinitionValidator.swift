import RetraceCore

/// The checks that need the whole model: targets of `StartAt` and every transition exist in the same scope, and
/// every scope has a state that can end it.
enum DefinitionValidator {
    static func validate(_ machine: StateMachineDefinition, problems: inout [DefinitionProblem]) {
        let everywhere = Set(machine.allStates.map(\.state.name))
        validate(scope: machine, path: [], everywhere: everywhere, problems: &problems)
    }

    private static func validate(
        scope machine: StateMachineDefinition, path: [JSONPathComponent], everywhere: Set<String>,
        problems: inout [DefinitionProblem]
    ) {
        func missing(_ name: String, at path: [JSONPathComponent]) {
            let elsewhere =
                everywhere.contains(name) ? " in this scope (states cannot move into or out of a branch)" : ""
            problems.append(DefinitionProblem(path: path, message: "the state \"\(name)\" does not exist\(elsewhere)"))
        }
        if machine[machine.startAt] == nil { missing(machine.startAt, at: path + [.key("StartAt")]) }
        for state in machine.states {
            let statePath = path + [.key("States"), .key(state.name)]
            for transition in state.transitions where machine[transition.target] == nil {
                let fieldPath: [JSONPathComponent]
                switch transition.kind {
                case .next: fieldPath = statePath + [.key("Next")]
                case .choice(let index): fieldPath = statePath + [.key("Choices"), .index(index), .key("Next")]
                case .choiceDefault: fieldPath = statePath + [.key("Default")]
                case .catcher(let index, _): fieldPath = statePath + [.key("Catch"), .index(index), .key("Next")]
                }
                missing(transition.target, at: fieldPath)
            }
            for nested in state.nestedMachines(in: .topLevel) {
                validate(
                    scope: nested.definition, path: statePath + nested.path, everywhere: everywhere, problems: &problems
                )
            }
        }
        if !machine.states.isEmpty && !machine.states.contains(where: \.isTerminal) {
            problems.append(
                DefinitionProblem(
                    path: path + [.key("States")],
                    message: "no state ends this machine: one needs \"End\": true, or to be a Succeed or Fail state"))
        }
    }
}
