import RetraceCore

extension StateDefinition {
    /// Every move the definition allows out of this state, in definition order: `Next`, each Choice rule,
    /// `Default`, then each catcher.
    public var transitions: [StateTransition] {
        var moves: [StateTransition] = []
        if case .next(let target) = transition {
            moves.append(StateTransition(source: name, target: target, kind: .next))
        }
        if case .choice(let choice) = kind {
            for (index, rule) in choice.choices.enumerated() {
                moves.append(StateTransition(source: name, target: rule.next, kind: .choice(ruleIndex: index)))
            }
            if let target = choice.defaultState {
                moves.append(StateTransition(source: name, target: target, kind: .choiceDefault))
            }
        }
        for (index, catcher) in catchers.enumerated() {
            moves.append(
                StateTransition(
                    source: name, target: catcher.next, kind: .catcher(index: index, errorEquals: catcher.errorEquals)))
        }
        return moves
    }

    /// The nested machines of a Parallel or Map state with the scope each one forms and its JSON path relative
    /// to this state's object.
    public func nestedMachines(in scope: StateScope) -> [(
        scope: StateScope, definition: StateMachineDefinition, path: [JSONPathComponent]
    )] {
        switch kind {
        case .parallel(let parallel):
            return parallel.branches.enumerated().map { index, branch in
                (.branch(index: index, parallelState: name, parent: scope), branch, [.key("Branches"), .index(index)])
            }
        case .map(let map):
            let key = map.processor.isLegacyIterator ? "Iterator" : "ItemProcessor"
            return [(.processor(mapState: name, parent: scope), map.processor.definition, [.key(key)])]
        default:
            return []
        }
    }
}

extension StateMachineDefinition {
    /// Every state of the machine, nested ones included, depth first: each scope's states in definition order,
    /// a Parallel's or Map's nested states right after it.
    public var allStates: [ScopedState] {
        var result: [ScopedState] = []
        collect(into: &result, scope: .topLevel, path: [])
        return result
    }

    private func collect(into result: inout [ScopedState], scope: StateScope, path: [JSONPathComponent]) {
        for state in states {
            let statePath = path + [.key("States"), .key(state.name)]
            result.append(ScopedState(scope: scope, state: state, path: statePath))
            for nested in state.nestedMachines(in: scope) {
                nested.definition.collect(into: &result, scope: nested.scope, path: statePath + nested.path)
            }
        }
    }

    /// Every state by name, nested ones included (names are unique in a valid machine).
    public var statesByName: [String: ScopedState] {
        var index: [String: ScopedState] = [:]
        for scoped in allStates where index[scoped.state.name] == nil { index[scoped.state.name] = scoped }
        return index
    }

    /// Every transition between the states of this scope (not of nested scopes).
    public var transitions: [StateTransition] { states.flatMap(\.transitions) }

    /// The states of this scope that no path from `StartAt` reaches, in definition order. AWS accepts such
    /// definitions; the renderer may grey these states out.
    public var unreachableStates: [String] {
        var reached: Set<String> = []
        var pending = [startAt]
        while let name = pending.popLast() {
            guard !reached.contains(name), let state = self[name] else { continue }
            reached.insert(name)
            pending.append(contentsOf: state.transitions.map(\.target))
        }
        return states.map(\.name).filter { !reached.contains($0) }
    }
}
