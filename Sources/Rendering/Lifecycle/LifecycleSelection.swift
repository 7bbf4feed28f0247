import Lifecycles

/// Which lifecycles a report shows first when it cannot show them all: failed, then unfinished, then finished,
/// then never started; top-level before nested; then in log order. One rule for the text, graph and timeline.
enum LifecycleSelection {
    /// Every instance, most concerning first.
    static func ranked(_ instances: [MachineInstance]) -> [MachineInstance] {
        rankedWithPositions(instances).map(\.element)
    }

    /// At most `limit` started instances, most concerning first, given back in log order; with
    /// `troubledOnly`, only failed and unfinished ones when there are any.
    static func mostConcerning(_ instances: [MachineInstance], limit: Int, troubledOnly: Bool) -> [MachineInstance] {
        let started = rankedWithPositions(instances).filter { $0.element.status != .notStarted }
        let troubled = started.filter { $0.element.status != .succeeded }
        let pool = troubledOnly && !troubled.isEmpty ? troubled : started
        return pool.prefix(limit).sorted { $0.offset < $1.offset }.map(\.element)
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
