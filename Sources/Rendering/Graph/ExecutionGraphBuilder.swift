import RetraceCore
import StepFunctions

/// Computes an `ExecutionGraph` from a run: which nodes, edges and clusters, within the node budget.
///
/// Work is a queue of *jobs*, each drawing one group of threads (the top level, the branches numbered n of a
/// Parallel, a Map's merged iterations, one iteration drawn apart) as one set of nodes. Jobs run by priority:
/// what the run needs to be read at all first, then failed iterations, then `expandMaps` iterations, then
/// the nested states of containers never entered. Within a priority they run in the order they were found,
/// so the graph is the same on every run.
struct ExecutionGraphBuilder {
    private struct PendingCluster {
        var kind: ExecutionGraphCluster.Kind
        var stateName: String
        var status: Status?
        var durationMilliseconds: Int64?
    }

    private struct Aggregate {
        var mapName: String
        var total: Int
        var counts: [Status: Int]
    }

    private struct Job {
        var threads: [[StateVisit]]
        var parentCluster: Int?
        var cluster: PendingCluster?
        var aggregate: Aggregate?
        var entry: Int?
        var entryKind: ExecutionGraphEdge.Kind = .fanOut
        var joins: [Int]
        var scope: StateScope?
        var depth: Int
        var priority: Int
        var isTopLevel = false
    }

    /// Per-node facts gathered while folding visits, beyond what the node itself keeps.
    private struct Fold {
        var run = 0
        var runCounts: [Status: Int] = [:]
        var lastStatus: Status = .succeeded
        var errorRank = 0
        var branches: [Int: [[StateVisit]]] = [:]
        var branchOrder: [Int] = []
        var iterations: [MapIteration] = []
        var successors: [Int] = []
    }

    private enum Priority {
        static let essential = 0
        static let failedIterations = 1
        static let expandedIterations = 2
        static let neverEntered = 3
        static let count = 4
    }

    private let tree: ExecutionTree
    private let diagnosis: Diagnosis?
    private let definition: StateMachineDefinition?
    private let options: ExecutionGraphOptions
    private let root: RootCauseLocator?

    private var nodes: [ExecutionGraphNode] = []
    private var edges: [ExecutionGraphEdge] = []
    private var clusters: [ExecutionGraphCluster] = []
    private var edgeIndex: [String: Int] = [:]
    private var connected: Set<String> = []
    private var budgetLeft: Int
    private var queues: [[Job]] = Array(repeating: [], count: Priority.count)
    private var drawnScopes: Set<StateScope> = []
    private var rootMarked = false
    private var endNode: Int?

    // What was collapsed or left out, for the notes.
    private var mapNotes: [String] = []
    private var omittedVisits = 0
    private var omittedStates = 0
    private var iterationsNotExpanded = 0
    private var groupsNotDrawn = 0
    private var neverEnteredNotDrawn = 0
    private var tooDeep = 0

    init(
        tree: ExecutionTree, diagnosis: Diagnosis?, definition: StateMachineDefinition?, options: ExecutionGraphOptions
    ) {
        self.tree = tree
        self.diagnosis = diagnosis
        self.definition = definition
        self.options = options
        budgetLeft = max(1, options.nodeBudget)
        root = RootCauseLocator(tree: tree, finding: diagnosis?.rootCause)
    }

    mutating func build() -> ExecutionGraph {
        let start = addNode(ExecutionGraphNode(id: "", kind: .start, cluster: nil))
        let top = tree.visits.isEmpty ? [] : [tree.visits]
        _ = run(
            Job(
                threads: top, parentCluster: nil, entry: start, entryKind: .transition, joins: [],
                scope: definition == nil ? nil : .topLevel, depth: 0, priority: Priority.essential, isTopLevel: true))
        for priority in 0..<Priority.count {
            var position = 0
            while position < queues[priority].count {
                let job = queues[priority][position]
                position += 1
                _ = run(job)
            }
        }
        if let endNode, let finding = diagnosis?.rootCause, !rootMarked {
            nodes[endNode].isRootCause = true
            nodes[endNode].error = finding.error ?? nodes[endNode].error
            nodes[endNode].cause = finding.cause ?? nodes[endNode].cause
        }
        return ExecutionGraph(
            title: tree.history.executionArn ?? tree.history.sources.joined(separator: ", "),
            outcome: tree.outcome, durationMilliseconds: tree.durationMilliseconds, rootCause: diagnosis?.rootCause,
            nodes: nodes, edges: edges, clusters: clusters, notes: notes())
    }

    /// Adds the node showing how the execution ended, after the top level's last state, so that what the
    /// last state contains is laid out above it.
    private mutating func addEnd(after last: Int?, folds: inout [Int: Fold]) -> Int {
        var end = ExecutionGraphNode(id: "", kind: .end(tree.outcome), cluster: nil)
        end.error = tree.runs.last?.error
        end.cause = tree.runs.last?.cause
        let index = addNode(end)
        endNode = index
        if let last {
            addEdge(from: last, to: index, kind: .transition)
            folds[last]?.successors.append(index)
        }
        return index
    }

    // MARK: Jobs

    /// Draws one job's threads; returns the nodes each thread ended on (in thread order, without repeats).
    private mutating func run(_ job: Job) -> [Int] {
        guard job.depth <= options.maximumDepth else {
            tooDeep += 1
            return []
        }
        if job.priority != Priority.essential {
            let distinct = Set(job.threads.flatMap { $0.map(\.name) }).count
            let needed = max(distinct, 1) + (job.aggregate == nil ? 0 : 1)
            guard needed <= budgetLeft else {
                if job.priority == Priority.neverEntered {
                    neverEnteredNotDrawn += 1
                } else if case .iteration? = job.cluster?.kind {
                    iterationsNotExpanded += 1
                } else {
                    groupsNotDrawn += 1
                }
                return []
            }
        } else if budgetLeft <= 0 {
            omit(job.threads)
            return []
        }
        var cluster = job.parentCluster
        if let pending = job.cluster {
            clusters.append(
                ExecutionGraphCluster(
                    id: "c\(clusters.count + 1)", kind: pending.kind, parent: job.parentCluster,
                    stateName: pending.stateName, status: pending.status,
                    durationMilliseconds: pending.durationMilliseconds))
            cluster = clusters.count - 1
        }
        var entry = job.entry
        if let aggregate = job.aggregate {
            var node = ExecutionGraphNode(
                id: "", kind: .iterations(total: aggregate.total, merged: job.threads.count), cluster: cluster,
                name: aggregate.mapName)
            node.statusCounts = aggregate.counts
            node.visits = aggregate.total
            node.status = Self.summary(aggregate.counts, last: nil)
            budgetLeft -= 1
            let index = addNode(node)
            if let entry { addEdge(from: entry, to: index, kind: .fanOut) }
            entry = index
        }

        var folds: [Int: Fold] = [:]
        var byName: [String: Int] = [:]
        var created: [Int] = []
        var lastNodes: [Int] = []
        var omittedNode: Int?
        var omittedNames: Set<String> = []
        var omittedHere = 0
        for thread in job.threads {
            var previous: (node: Int, visit: StateVisit)?
            for visit in thread {
                let key = visit.type.rawValue + "\u{0}" + visit.name
                var index = byName[key]
                if index == nil {
                    if budgetLeft > 0 {
                        budgetLeft -= 1
                        index = addNode(
                            ExecutionGraphNode(
                                id: "", kind: .state, cluster: cluster, name: visit.name, type: visit.type))
                        byName[key] = index
                        created.append(index ?? 0)
                    } else {
                        if omittedNode == nil {
                            omittedNode = addNode(
                                ExecutionGraphNode(id: "", kind: .omitted(states: 0, visits: 0), cluster: cluster))
                        }
                        index = omittedNode
                        omittedNames.insert(key)
                    }
                }
                guard let index else { continue }
                if index == omittedNode {
                    omittedHere += 1
                } else {
                    fold(visit, into: index, folds: &folds)
                }
                if let previous {
                    if previous.node != index || index != omittedNode {
                        let kind: ExecutionGraphEdge.Kind
                        if visit.run > previous.visit.run {
                            kind = .redrive
                        } else if previous.visit.status == .caught {
                            kind = .caught(error: previous.visit.error)
                        } else {
                            kind = .transition
                        }
                        addEdge(from: previous.node, to: index, kind: kind)
                        if case .transition = kind, previous.node != index,
                            !(folds[previous.node]?.successors.contains(index) ?? true)
                        {
                            folds[previous.node]?.successors.append(index)
                        }
                    }
                } else if let entry {
                    addEdge(from: entry, to: index, kind: job.aggregate == nil ? job.entryKind : .fanOut)
                }
                previous = (index, visit)
            }
            if let last = previous?.node, !lastNodes.contains(last) { lastNodes.append(last) }
        }
        if job.isTopLevel {
            _ = addEnd(after: lastNodes.last ?? entry, folds: &folds)
        }
        if let omittedNode {
            omittedStates += omittedNames.count
            omittedVisits += omittedHere
            nodes[omittedNode].kind = .omitted(states: omittedNames.count, visits: omittedHere)
        }
        for index in created {
            if let fold = folds[index] {
                finish(index, fold)
            }
        }
        if let scope = job.scope {
            drawNeverEntered(in: scope, job: job, cluster: cluster, created: created)
        }
        for index in created {
            guard let fold = folds[index] else { continue }
            enqueueNested(of: index, fold: fold, job: job, cluster: cluster)
        }
        if lastNodes.isEmpty, job.aggregate != nil, let entry { lastNodes.append(entry) }
        for last in lastNodes {
            for join in job.joins where join != last {
                addEdge(from: last, to: join, kind: .layout)
            }
        }
        return lastNodes
    }

    private mutating func omit(_ threads: [[StateVisit]]) {
        omittedVisits += threads.reduce(0) { $0 + $1.count }
        omittedStates += Set(threads.flatMap { $0.map(\.name) }).count
    }

    // MARK: Folding visits

    private mutating func fold(_ visit: StateVisit, into index: Int, folds: inout [Int: Fold]) {
        let marksRoot = root.map { visit.enteredEventID == $0.visitEnteredEventID } ?? false
        if marksRoot { rootMarked = true }
        // In place: a copy of the node or fold would copy its dictionaries and arrays on every visit.
        Self.absorb(
            visit, node: &nodes[index], fold: &folds[index, default: Fold()], marksRoot: marksRoot,
            finding: diagnosis?.rootCause)
    }

    private static func absorb(
        _ visit: StateVisit, node: inout ExecutionGraphNode, fold: inout Fold, marksRoot: Bool, finding: Finding?
    ) {
        node.visits += 1
        node.statusCounts[visit.status, default: 0] += 1
        node.attempts += visit.attempts.count
        node.failedAttempts += visit.attempts.reduce(0) { $0 + ($1.status.isFailure ? 1 : 0) }
        if let duration = visit.durationMilliseconds {
            node.totalMilliseconds = (node.totalMilliseconds ?? 0).addingSaturating(duration)
            node.maxMilliseconds = max(node.maxMilliseconds ?? duration, duration)
        }
        node.lastRun = max(node.lastRun, visit.run)
        if visit.run > fold.run {
            fold.run = visit.run
            fold.runCounts = [:]
        }
        if visit.run == fold.run {
            fold.runCounts[visit.status, default: 0] += 1
            fold.lastStatus = visit.status
        }
        let attemptError = visit.attempts.last { $0.error != nil }
        let rank: Int
        let error: String?
        let cause: String?
        if visit.status.isFailure || visit.status == .aborted, let recorded = visit.error {
            (rank, error, cause) = (3, recorded, visit.cause)
        } else if visit.status == .caught, let recorded = visit.error ?? attemptError?.error {
            (rank, error, cause) = (2, recorded, visit.error == nil ? attemptError?.cause : visit.cause)
        } else if let attemptError, let recorded = attemptError.error {
            (rank, error, cause) = (1, recorded, attemptError.cause)
        } else if let run = visit.mapRun, let recorded = run.error {
            (rank, error, cause) = (3, recorded, run.cause)
        } else {
            (rank, error, cause) = (0, nil, nil)
        }
        if rank > fold.errorRank {
            fold.errorRank = rank
            node.error = error
            node.cause = cause
        }
        if let run = visit.mapRun { node.mapRunStatus = run.status }
        if let count = visit.itemCount { node.itemCount = max(node.itemCount ?? count, count) }
        if marksRoot {
            node.isRootCause = true
            if let finding {
                // A root cause without an error (an abort) is named by its code.
                node.error = finding.error ?? node.error ?? finding.code.rawValue
                node.cause = finding.cause ?? node.cause
                fold.errorRank = 4
            }
        }
        for branch in visit.branches {
            if fold.branches[branch.number] == nil { fold.branchOrder.append(branch.number) }
            fold.branches[branch.number, default: []].append(branch.visits)
        }
        fold.iterations.append(contentsOf: visit.iterations)
    }

    private mutating func finish(_ index: Int, _ fold: Fold) {
        nodes[index].status = Self.summary(fold.runCounts, last: fold.lastStatus)
    }

    /// The status that matters most among `counts`: failed, timed out, running (when the last visit still
    /// runs), aborted, caught, succeeded.
    static func summary(_ counts: [Status: Int], last: Status?) -> Status {
        if counts[.failed, default: 0] > 0 { return .failed }
        if counts[.timedOut, default: 0] > 0 { return .timedOut }
        if last == .running || counts[.running, default: 0] > 0 { return .running }
        if counts[.aborted, default: 0] > 0 { return .aborted }
        if counts[.caught, default: 0] > 0 { return .caught }
        return .succeeded
    }

    // MARK: Nested branches and iterations

    private mutating func enqueueNested(of index: Int, fold: Fold, job: Job, cluster: Int?) {
        let node = nodes[index]
        let joins = fold.successors
        let depth = job.depth + 1
        for number in fold.branchOrder {
            let threads = (fold.branches[number] ?? []).filter { !$0.isEmpty }
            guard !threads.isEmpty else { continue }
            let branchStatus = Self.summary(
                threads.reduce(into: [:]) { counts, thread in
                    if let last = thread.last { counts[last.status, default: 0] += 1 }
                }, last: nil)
            enqueue(
                Job(
                    threads: threads, parentCluster: cluster,
                    cluster: PendingCluster(
                        kind: .branch(number: number), stateName: node.name,
                        status: threads.count == 1 ? branchStatus : nil),
                    entry: index, joins: joins, scope: branchScope(of: node.name, in: job.scope, threads: threads),
                    depth: depth, priority: job.priority))
        }
        if !fold.iterations.isEmpty {
            enqueueIterations(fold.iterations, of: index, job: job, cluster: cluster, joins: joins)
        }
    }

    private mutating func enqueueIterations(
        _ iterations: [MapIteration], of index: Int, job: Job, cluster: Int?, joins: [Int]
    ) {
        let node = nodes[index]
        let scope = job.scope.map { StateScope.processor(mapState: node.name, parent: $0) }
        var counts: [Status: Int] = [:]
        for iteration in iterations { counts[iteration.status, default: 0] += 1 }
        // With expandMaps, iterations are drawn apart while they take at most half the budget (by the states
        // an iteration holds), so that the rest of the graph still fits; the others merge.
        let perIteration = max(1, Self.distinctStates(in: iterations))
        let apartLimit =
            options.expandMaps
            ? max(options.failedIterationsExpanded, options.nodeBudget / 2 / perIteration)
            : options.failedIterationsExpanded
        var apart: [(iteration: MapIteration, priority: Int)] = []
        var merged: [[StateVisit]] = []
        var failedShown = 0
        var othersShown = 0
        for iteration in iterations {
            let isRootPath = root?.iterationStartedEventIDs.contains(iteration.startedEventID) ?? false
            if iteration.visits.isEmpty {
                continue
            } else if isRootPath {
                apart.append((iteration, job.priority))
            } else if iteration.status.isFailure, failedShown < apartLimit {
                failedShown += 1
                apart.append((iteration, max(job.priority, Priority.failedIterations)))
            } else if options.expandMaps, othersShown + failedShown < apartLimit {
                othersShown += 1
                apart.append((iteration, max(job.priority, Priority.expandedIterations)))
            } else {
                merged.append(iteration.visits)
            }
        }
        enqueue(
            Job(
                threads: merged, parentCluster: cluster,
                cluster: PendingCluster(kind: .mergedIterations(count: merged.count), stateName: node.name),
                aggregate: Aggregate(mapName: node.name, total: iterations.count, counts: counts),
                entry: index, joins: joins, scope: scope, depth: job.depth + 1, priority: job.priority))
        for (iteration, priority) in apart {
            enqueue(
                Job(
                    threads: [iteration.visits], parentCluster: cluster,
                    cluster: PendingCluster(
                        kind: .iteration(index: iteration.index), stateName: node.name, status: iteration.status,
                        durationMilliseconds: iteration.durationMilliseconds),
                    entry: index, joins: joins, scope: scope, depth: job.depth + 1, priority: priority))
        }
        let parts = Status.allCases.compactMap { status in counts[status].map { "\($0) \(Self.label(status))" } }
        var note =
            "\(node.name): \(iterations.count) iteration\(iterations.count == 1 ? "" : "s") ("
            + parts.joined(separator: ", ") + ")"
        if !merged.isEmpty {
            note += "; \(merged.count) merged into one aggregate"
        }
        if !apart.isEmpty { note += "; \(apart.count) chosen to be drawn apart" }
        mapNotes.append(note)
    }

    /// How many distinct states (by name, at any depth) the iterations visit: what one iteration drawn apart
    /// costs in nodes, at most.
    private static func distinctStates(in iterations: [MapIteration]) -> Int {
        var names: Set<String> = []
        var pending: [StateVisit] = iterations.flatMap(\.visits)
        while let visit = pending.popLast() {
            names.insert(visit.name)
            for branch in visit.branches { pending.append(contentsOf: branch.visits) }
            for iteration in visit.iterations { pending.append(contentsOf: iteration.visits) }
        }
        return names.count
    }

    private mutating func enqueue(_ job: Job) {
        queues[min(max(job.priority, 0), Priority.count - 1)].append(job)
    }

    /// The definition scope of the branches numbered alike of Parallel `parallel`: the definition's branch
    /// holding the state they started with (history numbers branches by appearance, not by definition order).
    private func branchScope(of parallel: String, in scope: StateScope?, threads: [[StateVisit]]) -> StateScope? {
        guard let scope, let machine = machine(for: scope), case .parallel(let state)? = machine[parallel]?.kind
        else { return nil }
        let firstNames = Set(threads.compactMap { $0.first?.name })
        for (index, branch) in state.branches.enumerated() where firstNames.contains(where: { branch[$0] != nil }) {
            return .branch(index: index, parallelState: parallel, parent: scope)
        }
        return nil
    }

    // MARK: Nodes and edges

    private mutating func addNode(_ node: ExecutionGraphNode) -> Int {
        var node = node
        node.id = "n\(nodes.count + 1)"
        nodes.append(node)
        return nodes.count - 1
    }

    mutating func addEdge(from: Int, to: Int, kind: ExecutionGraphEdge.Kind) {
        let tag: String
        switch kind {
        case .transition: tag = "t"
        case .redrive: tag = "r"
        case .caught: tag = "c"
        case .fanOut: tag = "f"
        case .notTaken: tag = "x"
        case .layout: tag = "l"
        }
        let key = "\(from)>\(to)>\(tag)"
        if let existing = edgeIndex[key] {
            edges[existing].count += 1
            return
        }
        edgeIndex[key] = edges.count
        connected.insert("\(from)>\(to)")
        edges.append(ExecutionGraphEdge(from: nodes[from].id, to: nodes[to].id, kind: kind))
    }

    func isConnected(_ from: Int, _ to: Int) -> Bool {
        connected.contains("\(from)>\(to)")
    }

    // MARK: Definition

    /// The machine of `scope` in the definition: the whole machine, a Parallel's branch or a Map's processor.
    func machine(for scope: StateScope) -> StateMachineDefinition? {
        guard let definition else { return nil }
        var chain: [StateScope] = []
        var current: StateScope? = scope
        while let step = current {
            chain.append(step)
            current = step.parent
        }
        var machine = definition
        for step in chain.reversed() {
            switch step {
            case .topLevel:
                machine = definition
            case .branch(let index, let parallel, _):
                guard case .parallel(let state)? = machine[parallel]?.kind, state.branches.indices.contains(index)
                else { return nil }
                machine = state.branches[index]
            case .processor(let map, _):
                guard case .map(let state)? = machine[map]?.kind else { return nil }
                machine = state.processor.definition
            }
        }
        return machine
    }

    private mutating func drawNeverEntered(in scope: StateScope, job: Job, cluster: Int?, created: [Int]) {
        guard !drawnScopes.contains(scope), let machine = machine(for: scope) else { return }
        drawnScopes.insert(scope)
        var named: [String: Int] = [:]
        for index in created where named[nodes[index].name] == nil {
            named[nodes[index].name] = index
        }
        for state in machine.states where named[state.name] == nil {
            guard budgetLeft > 0 else {
                neverEnteredNotDrawn += 1
                continue
            }
            budgetLeft -= 1
            let index = addNode(
                ExecutionGraphNode(id: "", kind: .state, cluster: cluster, name: state.name, type: state.kind.type))
            named[state.name] = index
            switch state.kind {
            case .parallel(let parallel):
                for branchIndex in parallel.branches.indices {
                    enqueueNeverEntered(
                        .branch(index: branchIndex, parallelState: state.name, parent: scope), node: index, job: job,
                        cluster: cluster)
                }
            case .map:
                enqueueNeverEntered(
                    .processor(mapState: state.name, parent: scope), node: index, job: job, cluster: cluster)
            default:
                break
            }
        }
        if job.threads.isEmpty, let entry = job.entry, let first = named[machine.startAt], !isConnected(entry, first) {
            addEdge(from: entry, to: first, kind: .notTaken)
        }
        for state in machine.states {
            for transition in state.transitions {
                guard let from = named[transition.source], let to = named[transition.target], from != to,
                    !isConnected(from, to)
                else { continue }
                addEdge(from: from, to: to, kind: .notTaken)
            }
        }
    }

    private mutating func enqueueNeverEntered(_ scope: StateScope, node: Int, job: Job, cluster: Int?) {
        enqueue(
            Job(
                threads: [], parentCluster: cluster,
                cluster: PendingCluster(kind: .neverEntered, stateName: nodes[node].name), entry: node,
                joins: [], scope: scope, depth: job.depth + 1, priority: Priority.neverEntered))
    }

    // MARK: Notes

    private func notes() -> [String] {
        var notes: [String] = []
        let stateNodes = nodes.filter { if case .state = $0.kind { return $0.visits > 0 } else { return false } }
        let visits = stateNodes.reduce(0) { $0 + $1.visits }
        if visits > stateNodes.count {
            notes.append(
                "\(visits) visits drawn as \(stateNodes.count) nodes: repeated visits of a state "
                    + "(loops, redrives, branches and iterations merged) share one node, labelled ×count")
        }
        let shownMaps = 6
        notes.append(contentsOf: mapNotes.prefix(shownMaps))
        if mapNotes.count > shownMaps {
            notes.append("\(mapNotes.count - shownMaps) more Map states with iterations merged")
        }
        if omittedVisits > 0 {
            notes.append(
                "node budget (\(options.nodeBudget)) reached: \(omittedVisits) visits of \(omittedStates) "
                    + "states not drawn")
        }
        if iterationsNotExpanded > 0 {
            notes.append(
                "\(iterationsNotExpanded) iterations chosen to be drawn apart did not fit the node budget "
                    + "(still counted in their Map's aggregate)")
        }
        if groupsNotDrawn > 0 {
            notes.append("\(groupsNotDrawn) branches or iterations inside those drawn apart not drawn (node budget)")
        }
        if neverEnteredNotDrawn > 0 {
            notes.append("\(neverEnteredNotDrawn) parts of the definition never entered not drawn (node budget)")
        }
        if tooDeep > 0 {
            notes.append(
                "\(tooDeep) group\(tooDeep == 1 ? "" : "s") nested deeper than \(options.maximumDepth) levels not drawn"
            )
        }
        return notes
    }

    static func label(_ status: Status) -> String {
        status == .timedOut ? "timed out" : status.rawValue
    }
}
