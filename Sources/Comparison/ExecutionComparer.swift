import ASLExpressions
import Diagnostics
import Foundation
import Replay
import RetraceCore
import StepFunctions

/// Compares two analysed executions of one state machine: the analysis behind `retrace diff`.
///
/// Paths are compared scope by scope, in the order states were entered: the top level, then inside each visit
/// its Parallel branches by position and its Map iterations by index, before the next state. The first place
/// where the states differ, or one side's scope ends, is the split.
public struct ExecutionComparer: Sendable {
    private let redactor = CredentialRedactor.standard

    /// Creates a comparer.
    public init() {}

    /// Reads and analyses one execution from each of `paths`, all at once on every core, in the order given.
    ///
    /// - Throws: `ComparisonError.notOneExecution` naming the input (as the user gave it, from `names`) that holds
    ///   no execution or several; the loader's `InputError` for unusable input.
    ///
    /// Each execution's definition is `definition`, else the one a bundle carries: with it, a Choice that chose
    /// differently is explained by the rule that held on each side.
    public static func analyze(
        _ paths: [String], names: [String], source: LogSource? = nil, definition: StateMachineDefinition? = nil
    ) throws -> [Compared] {
        let results = ConcurrentResults<Compared>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            results.store(
                index,
                Result {
                    let set = try LogSet.load([paths[index]], source: source)
                    guard set.executions.count == 1, let entry = set.executions.first else {
                        throw ComparisonError.notOneExecution(
                            input: index < names.count ? names[index] : paths[index], count: set.executions.count)
                    }
                    // Each distributed-Map child by the item it was given, so that children compare by item.
                    let items = try entry.children.map { child in (child.name, try set.input(of: child)) }
                    let carried =
                        definition == nil && DefinitionDocument.isBundle(paths[index])
                        ? try? DefinitionDocument.load(path: paths[index]) : nil
                    return Compared(
                        execution: try set.analyze(entry), childItems: items, definition: definition ?? carried)
                })
        }
        return try (0..<paths.count).map { try results.value($0) }
    }

    /// An analysed execution with the item each of its distributed-Map children was given.
    public struct Compared: Sendable {
        /// The execution.
        public var execution: AnalyzedExecution
        /// Each child's name and input (its item), in the set's order.
        public var childItems: [(name: String, item: JSONValue?)]
        /// The definition it ran with, when it is known (`--definition`, or a bundle's).
        public var definition: StateMachineDefinition?

        /// Creates one; `childItems` empty when the children's items are not known.
        public init(
            execution: AnalyzedExecution, childItems: [(name: String, item: JSONValue?)] = [],
            definition: StateMachineDefinition? = nil
        ) {
            self.execution = execution
            self.childItems = childItems
            self.definition = definition
        }
    }

    /// What differs in `other` against `baseline`, children compared by the item each was given.
    public func compare(_ baseline: Compared, _ other: Compared) -> ExecutionDifference {
        let (a, b) = (baseline.execution, other.execution)
        var parts: [ExecutionDifference.PartDelta] = []
        var split = self.split(a.tree.visits, b.tree.visits, scope: [], searching: true, parts: &parts)
        if let found = split, let state = found.after,
            let rules = choiceRules(state, baseline, other, inputs: (found.baselineInput, found.otherInput))
        {
            split?.reason += "; " + rules
        }
        return ExecutionDifference(
            baseline: side(a), other: side(b), split: split, states: states(a.tree, b.tree), parts: parts,
            baselineOnlyErrors: errors(a.tree).subtracting(errors(b.tree)).sorted(),
            otherOnlyErrors: errors(b.tree).subtracting(errors(a.tree)).sorted(),
            children: children(baseline, other),
            sharedStateCount: Set(a.tree.placedVisits.map(\.visit.name)).intersection(
                b.tree.placedVisits.map(\.visit.name)
            ).count)
    }

    /// Which rule of Choice `state` held on each side, from the definition each ran with and the input that
    /// reached the state; `nil` when the state is no Choice of a known definition or a rule cannot be decided
    /// (a JSONata condition, a variable the history does not hold).
    private func choiceRules(
        _ state: String, _ baseline: Compared, _ other: Compared, inputs: (JSONValue?, JSONValue?)
    ) -> String? {
        func decision(_ compared: Compared, _ input: JSONValue?) -> String? {
            guard let scoped = compared.definition?.statesByName[state], case .choice(let choice) = scoped.state.kind,
                let input
            else { return nil }
            let environment = ExpressionEnvironment(input: input, context: .object(JSONObject()), variables: [:])
            switch try? ChoiceEvaluator().choose(choice, in: environment) {
            case .rule(let index, let next)?: return "rule \(index + 1) of Choices held (to \(redactor.redact(next)))"
            case .defaultState(let next)?: return "no rule held (Default, to \(redactor.redact(next)))"
            case .noMatch?: return "no rule held and there is no Default"
            case nil: return nil
            }
        }
        guard let a = decision(baseline, inputs.0), let b = decision(other, inputs.1) else { return nil }
        return "in the baseline \(a), in the other \(b)"
    }

    /// What differs in `other` against `baseline`, without definitions or the children's items (children then
    /// compare by position in name order).
    public func compare(_ baseline: AnalyzedExecution, _ other: AnalyzedExecution) -> ExecutionDifference {
        compare(Compared(execution: baseline), Compared(execution: other))
    }

    private func side(_ execution: AnalyzedExecution) -> ExecutionDifference.Side {
        let root = execution.diagnosis.rootCause
        return ExecutionDifference.Side(
            name: redactor.redact(execution.entry.name), outcome: execution.tree.outcome,
            durationMilliseconds: execution.tree.durationMilliseconds,
            rootCause: root.map { redactor.redact($0.title) },
            rootCauseLocation: root?.location ?? [])
    }

    // MARK: - The split

    /// The first split in these scopes, while `searching` (once one is found, deeper scopes only collect `parts`).
    private func split(
        _ baseline: [StateVisit], _ other: [StateVisit], scope: [LocationStep], searching: Bool,
        parts: inout [ExecutionDifference.PartDelta]
    ) -> ExecutionDifference.Split? {
        var found: ExecutionDifference.Split?
        for index in 0..<max(baseline.count, other.count) {
            let left = index < baseline.count ? baseline[index] : nil
            let right = index < other.count ? other[index] : nil
            guard let left, let right, left.name == right.name, left.type == right.type else {
                if searching, found == nil {
                    let previous = index > 0 ? (baseline[index - 1], other[index - 1]) : nil
                    found = parting(previous: previous, baselineNext: left, otherNext: right, scope: scope)
                }
                break
            }
            let place = scope + [.state(left.name)]
            for number in 0..<max(left.branches.count, right.branches.count) {
                let a = number < left.branches.count ? left.branches[number] : nil
                let b = number < right.branches.count ? right.branches[number] : nil
                if a?.status != b?.status {
                    parts.append(.init(location: place + [.branch(number + 1)], baseline: a?.status, other: b?.status))
                }
                let inner = split(
                    a?.visits ?? [], b?.visits ?? [], scope: place + [.branch(number + 1)],
                    searching: searching && found == nil, parts: &parts)
                if found == nil { found = inner }
            }
            let leftIterations = Dictionary(left.iterations.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
            let rightIterations = Dictionary(right.iterations.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
            for item in Set(leftIterations.keys).union(rightIterations.keys).sorted() {
                let a = leftIterations[item]
                let b = rightIterations[item]
                if a?.status != b?.status {
                    parts.append(.init(location: place + [.iteration(item)], baseline: a?.status, other: b?.status))
                }
                let inner = split(
                    a?.visits ?? [], b?.visits ?? [], scope: place + [.iteration(item)],
                    searching: searching && found == nil, parts: &parts)
                if found == nil { found = inner }
            }
            // The same state, left differently (one failed, the other went on): the transition out of it differs.
            if searching, found == nil, left.status != right.status || left.error != right.error {
                found = parting(
                    previous: (left, right), baselineNext: index + 1 < baseline.count ? baseline[index + 1] : nil,
                    otherNext: index + 1 < other.count ? other[index + 1] : nil, scope: scope)
            }
        }
        return found
    }

    /// The split after `previous` (the last pair alike), with why it happened.
    private func parting(
        previous: (StateVisit, StateVisit)?, baselineNext: StateVisit?, otherNext: StateVisit?, scope: [LocationStep]
    ) -> ExecutionDifference.Split {
        var reason: String
        var inputs: [JSONDifference] = []
        if let (a, b) = previous {
            inputs = JSONDifference.between(
                redactor.redact(a.input?.value ?? .null), redactor.redact(b.input?.value ?? .null))
            if a.type == .choice {
                reason =
                    "Choice \(redactor.redact(a.name)) chose \(name(baselineNext)) in the baseline and "
                    + "\(name(otherNext)) in the other"
                reason += inputs.isEmpty ? ", on the same input" : ", on different input"
            } else if let error = b.error, a.error != b.error {
                reason = "\(redactor.redact(b.name)) met \(redactor.redact(error)) in the other"
                if let cause = b.cause { reason += ": \(redactor.redact(String(cause.prefix(200))))" }
            } else if let error = a.error, a.error != b.error {
                reason = "\(redactor.redact(a.name)) met \(redactor.redact(error)) in the baseline"
                if let cause = a.cause { reason += ": \(redactor.redact(String(cause.prefix(200))))" }
            } else if a.status != b.status {
                reason =
                    "\(redactor.redact(a.name)) \(a.status.rawValue) in the baseline and \(b.status.rawValue) in the other"
            } else {
                reason =
                    "after \(redactor.redact(a.name)) the baseline went to \(name(baselineNext)) and the other to "
                    + "\(name(otherNext))"
            }
        } else {
            reason = "the first states differ"
            inputs = JSONDifference.between(
                redactor.redact(baselineNext?.input?.value ?? .null), redactor.redact(otherNext?.input?.value ?? .null))
        }
        var split = ExecutionDifference.Split(
            scope: scope, after: previous.map { redactor.redact($0.0.name) },
            baselineNext: baselineNext.map { redactor.redact($0.name) },
            otherNext: otherNext.map { redactor.redact($0.name) },
            reason: reason, inputDifferences: inputs)
        split.baselineInput = previous?.0.input?.value
        split.otherInput = previous?.1.input?.value
        return split
    }

    private func name(_ visit: StateVisit?) -> String {
        visit.map { redactor.redact($0.name) } ?? "nothing (its end)"
    }

    // MARK: - Totals

    private func states(_ baseline: ExecutionTree, _ other: ExecutionTree) -> [ExecutionDifference.StateDelta] {
        let leftRows = StateSummary.rows(of: baseline)
        let left = Dictionary(
            leftRows.map { ("\($0.type.rawValue)\u{0}\($0.name)", $0) },
            uniquingKeysWith: { a, _ in a })
        let rightRows = StateSummary.rows(of: other)
        let right = Dictionary(
            rightRows.map { ("\($0.type.rawValue)\u{0}\($0.name)", $0) }, uniquingKeysWith: { a, _ in a })
        var order = leftRows.map { "\($0.type.rawValue)\u{0}\($0.name)" }
        for row in rightRows where left["\(row.type.rawValue)\u{0}\(row.name)"] == nil {
            order.append("\(row.type.rawValue)\u{0}\(row.name)")
        }
        var deltas: [ExecutionDifference.StateDelta] = []
        for key in order {
            let a = left[key]
            let b = right[key]
            guard let any = a ?? b else { continue }
            let delta = ExecutionDifference.StateDelta(
                name: redactor.redact(any.name), type: any.type, visits: (a?.visits ?? 0, b?.visits ?? 0),
                attempts: (a?.attempts ?? 0, b?.attempts ?? 0), failures: (a?.failures ?? 0, b?.failures ?? 0),
                // A state one side never visited took no time there.
                milliseconds: (a == nil ? 0 : a?.totalMilliseconds, b == nil ? 0 : b?.totalMilliseconds))
            if delta.visits.baseline != delta.visits.other || delta.attempts.baseline != delta.attempts.other
                || delta.failures.baseline != delta.failures.other || delta.millisecondsDelta != 0
                || (a == nil) != (b == nil)
            {
                deltas.append(delta)
            }
        }
        // The largest time difference first, then the largest attempt difference; ties keep the order of first visit.
        return deltas.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            if abs(a.millisecondsDelta) != abs(b.millisecondsDelta) {
                return abs(a.millisecondsDelta) > abs(b.millisecondsDelta)
            }
            let attemptsA = abs(a.attempts.other - a.attempts.baseline)
            let attemptsB = abs(b.attempts.other - b.attempts.baseline)
            if attemptsA != attemptsB { return attemptsA > attemptsB }
            return x.offset < y.offset
        }.map(\.element)
    }

    private func errors(_ tree: ExecutionTree) -> Set<ExecutionDifference.ErrorPlace> {
        var found = Set<ExecutionDifference.ErrorPlace>()
        // The execution's own error: some failures (a Wait on a bad timestamp) are recorded only there.
        for run in tree.runs {
            if let error = run.error { found.insert(.init(state: "(execution)", error: redactor.redact(error))) }
        }
        for placed in tree.placedVisits {
            let visit = placed.visit
            let name = redactor.redact(visit.name)
            if let error = visit.error { found.insert(.init(state: name, error: redactor.redact(error))) }
            for attempt in visit.attempts {
                if let error = attempt.error { found.insert(.init(state: name, error: redactor.redact(error))) }
            }
        }
        return found
    }

    /// Children that ended differently: paired by the item each was given where both sides have it (a child of
    /// B given the same item as one of A), the rest by position in name order.
    private func children(_ baseline: Compared, _ other: Compared) -> [(
        name: String, baseline: RunOutcome?, other: RunOutcome?
    )] {
        let (baselineEntries, otherEntries) = (baseline.execution.entry.children, other.execution.entry.children)
        let (baselineChildItems, otherChildItems) = (baseline.childItems, other.childItems)
        func items(_ list: [(name: String, item: JSONValue?)]) -> [String: JSONValue] {
            var found: [String: JSONValue] = [:]
            for (name, item) in list { if let item { found[name] = item } }
            return found
        }
        let baselineItems = items(baselineChildItems)
        let otherItems = items(otherChildItems)
        var left = baselineEntries.sorted { $0.name < $1.name }
        var right = otherEntries.sorted { $0.name < $1.name }
        var found: [(name: String, baseline: RunOutcome?, other: RunOutcome?)] = []
        // First the children whose items match, each item paired once.
        var index = 0
        while index < left.count {
            guard let item = baselineItems[left[index].name],
                let match = right.firstIndex(where: { otherItems[$0.name] == item })
            else {
                index += 1
                continue
            }
            let a = left.remove(at: index).execution.outcomeHint
            let pair = right.remove(at: match)
            if a != pair.execution.outcomeHint {
                found.append((redactor.redact(pair.name), a, pair.execution.outcomeHint))
            }
        }
        // Then the rest by position.
        for position in 0..<max(left.count, right.count) {
            let a = position < left.count ? left[position].execution.outcomeHint : nil
            let b = position < right.count ? right[position].execution.outcomeHint : nil
            if a != b {
                let name = position < right.count ? right[position].name : left[position].name
                found.append((redactor.redact(name), a, b))
            }
        }
        return found
    }
}

/// Why executions could not be compared.
public enum ComparisonError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An input holds no execution, or several: each input of `diff` is one execution.
    case notOneExecution(input: String, count: Int)

    /// The message for people.
    public var description: String {
        switch self {
        case .notOneExecution(let input, let count):
            return "\(input) holds \(Noun("Step Functions execution").counted(count)); diff compares one execution "
                + "per input"
        }
    }
}
