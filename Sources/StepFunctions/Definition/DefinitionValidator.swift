import RetraceCore

/// The checks that need the whole model: targets of `StartAt` and every transition exist in the same scope, and
/// every scope has a state that can end it. What the parser could not read is left out of the model and was
/// reported where it is; these checks say nothing more about it (a state whose `Type` is wrong is not also "a
/// state that does not exist", a scope whose only `End` is misspelt does not also have "no state that ends it").
enum DefinitionValidator {
    /// Validates `machine`; `declared` is every state the input declares, readable or not, with its path.
    static func validate(
        _ machine: StateMachineDefinition, declared: [String: [JSONPathComponent]], problems: inout [DefinitionProblem]
    ) {
        let everywhere = Set(machine.allStates.map(\.state.name))
        let unreadable = declared.filter { !everywhere.contains($0.key) }
        validate(scope: machine, path: [], everywhere: everywhere, unreadable: unreadable, problems: &problems)
    }

    private static func validate(
        scope machine: StateMachineDefinition, path: [JSONPathComponent], everywhere: Set<String>,
        unreadable: [String: [JSONPathComponent]], problems: inout [DefinitionProblem]
    ) {
        func missing(_ name: String, at path: [JSONPathComponent]) {
            guard unreadable[name] == nil else { return }
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
                    scope: nested.definition, path: statePath + nested.path, everywhere: everywhere,
                    unreadable: unreadable, problems: &problems)
            }
        }
        // A state of this scope that could not be read, or whose Next or End could not, may be the one that ends it.
        let statesPath = path + [.key("States")]
        let unreadableHere =
            unreadable.values.contains { $0.dropLast().elementsEqual(statesPath) }
            || machine.states.contains { $0.transition == nil && !$0.type.isAlwaysTerminal && $0.type != .choice }
        if !machine.states.isEmpty && !machine.states.contains(where: \.isTerminal) && !unreadableHere {
            problems.append(
                DefinitionProblem(
                    path: statesPath,
                    message: "no state ends this machine: one needs \"End\": true, or to be a Succeed or Fail state"))
        }
    }
}
