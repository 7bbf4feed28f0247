import Lifecycles

/// Which lifecycles a report shows first when it cannot show them all: failed, then unfinished, then finished,
/// then never started; top-level before nested; then in log order. One rule for the text, graph and timeline.
enum LifecycleSelection {
    /// Instances in tree order with their depth: parents before children, every row under its parent, siblings
    /// in log order (ModelArts phases in the order a deployment goes through them). With a `limit`, the rows
    /// kept are the failed and unfinished ones with their ancestors first, then the others in tree order, so
    /// that a failure deep in a nested stack is always shown.
    ///
    /// - Returns: the rows shown, and how many instances were left out.
    static func tree(_ instances: [MachineInstance], limit: Int = .max) -> (
        rows: [(instance: MachineInstance, depth: Int)], omitted: [MachineInstance]
    ) {
        let keys = Set(instances.map(\.key))
        var children: [String: [Int]] = [:]
        var roots: [Int] = []
        var parentPosition: [Int: Int] = [:]
        var positionOfKey: [String: Int] = [:]
        for (position, instance) in instances.enumerated() where positionOfKey[instance.key] == nil {
            positionOfKey[instance.key] = position
        }
        for (position, instance) in instances.enumerated() {
            if let parent = instance.parentKey, keys.contains(parent), let at = positionOfKey[parent], at != position {
                children[parent, default: []].append(position)
                parentPosition[position] = at
            } else {
                roots.append(position)
            }
        }
        var all: [(position: Int, depth: Int)] = []
        all.reserveCapacity(instances.count)
        var placed = Set<Int>()
        func visit(_ position: Int, depth: Int) {
            guard placed.insert(position).inserted else { return }
            // A nested stack comes under the resource of its parent that creates it, with the same name and kind:
            // one row, the nested stack's, stands for both.
            if let only = children[instances[position].key], only.count == 1,
                instances[only[0]].name == instances[position].name, instances[only[0]].kind == instances[position].kind
            {
                visit(only[0], depth: depth)
                return
            }
            all.append((position, depth))
            for child in children[instances[position].key] ?? [] { visit(child, depth: depth + 1) }
        }
        for root in roots { visit(root, depth: 0) }
        // A cycle made by a hostile log leaves some unplaced: they come last, as they appear.
        for position in instances.indices where !placed.contains(position) { visit(position, depth: 0) }
        guard all.count > limit else { return (all.map { (instances[$0.position], $0.depth) }, []) }
        var kept = Set<Int>()
        let shown = Set(all.map(\.position))
        func keep(withAncestors position: Int) {
            var current: Int? = position
            var steps = 0
            while let at = current, kept.count < limit, steps < 64 {
                if shown.contains(at) { kept.insert(at) }
                current = parentPosition[at]
                steps += 1
            }
        }
        for status in [MachineInstance.Status.failed, .inProgress] {
            for row in all where instances[row.position].status == status && kept.count < limit {
                keep(withAncestors: row.position)
            }
        }
        for row in all where kept.count < limit { kept.insert(row.position) }
        let rows = all.filter { kept.contains($0.position) }.map { (instances[$0.position], $0.depth) }
        let omitted = all.filter { !kept.contains($0.position) }.map { instances[$0.position] }
        return (rows, omitted)
    }

    /// At most `limit` started instances, most concerning first, given back in log order; with
    /// `troubledOnly`, only failed and unfinished ones when there are any.
    static func mostConcerning(
        _ instances: [MachineInstance], limit: Int, troubledOnly: Bool,
        including mustShow: (MachineInstance) -> Bool = { _ in false }
    ) -> [MachineInstance] {
        let started = rankedWithPositions(instances).filter { $0.element.status != .notStarted }
        let troubled = started.filter { $0.element.status != .succeeded }
        let pool = troubledOnly && !troubled.isEmpty ? troubled : started
        var chosen = Array(pool.prefix(limit))
        // The root cause's lifecycle is drawn however many others there are: it replaces the last chosen.
        for item in started where mustShow(item.element) && !chosen.contains(where: { $0.offset == item.offset }) {
            if chosen.count >= limit, !chosen.isEmpty { chosen.removeLast() }
            chosen.insert(item, at: 0)
        }
        return chosen.sorted { $0.offset < $1.offset }.map(\.element)
    }

    private static func rankedWithPositions(
        _ instances: [MachineInstance]
    ) -> [(offset: Int, element: MachineInstance)] {
        let order: [MachineInstance.Status] = [.failed, .inProgress, .succeeded, .notStarted]
        func key(_ item: (offset: Int, element: MachineInstance)) -> (Int, Int, Int) {
            (
                order.firstIndex(of: item.element.status) ?? order.count, item.element.parentKey == nil ? 0 : 1,
                item.offset
            )
        }
        return instances.enumerated().map { ($0.offset, $0.element) }.sorted { key($0) < key($1) }
    }
}
