import RetraceCore

extension LifecycleLog {
    /// The deployments this log holds, each as a log of its own: the unit of every answer is the deployment,
    /// never the file. Identity comes from content — a CloudFormation stack with its nested stacks (by `StackId`,
    /// else stack name, nested stacks joined to the parent whose resource names them), a GameLift fleet (by
    /// `ResourceId`), a ModelArts service (by name) — so several deployments given at once are answered
    /// separately, while pages of one deployment, in any files and any order, stay one.
    ///
    /// Events keep their order; warnings about the inputs go with every deployment whose events came from the
    /// inputs they name (all of them, when a warning names none).
    public func deployments() -> [LifecycleLog] {
        let (keys, names) = source.service.deploymentKeys(of: events)
        if let first = keys.first, !keys.contains(where: { $0 != first }) {
            var whole = self
            whole.identity = names[first] ?? first
            return [whole]
        }
        var order: [String] = []
        var groups: [String: [LifecycleEvent]] = [:]
        for (event, key) in zip(events, keys) {
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(event)
        }
        guard order.count > 1 else {
            var whole = self
            whole.identity = order.first.map { names[$0] ?? $0 }
            return [whole]
        }
        return order.map { key in
            let events = groups[key] ?? []
            let used = Set(events.map(\.file))
            var log = LifecycleLog(
                source: source, events: events, warnings: warnings, files: files.filter { used.contains($0) },
                serviceName: source.service.serviceName(of: events), serviceID: nil)
            log.sources = Set(events.map(\.source))
            log.identity = names[key] ?? key
            return log
        }
    }
}
