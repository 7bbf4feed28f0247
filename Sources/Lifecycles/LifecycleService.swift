/// What the lifecycle engine knows about one deployment service, behind one type: how its events become machines
/// and operations, how they progress (to tell the direction of an undated page), and which deployment each event
/// belongs to. `LifecycleRun`, `PageMerger` and `LifecycleLog.deployments()` ask the family's service instead of
/// each switching over the services; a new service is a new conforming model (its page shape is read by
/// `LifecyclePageDecoder`, its diagnosis by a diagnoser in `Diagnostics`).
protocol LifecycleService {
    /// Builds the machine instances (parents before children) and the operations of a merged log.
    static func reconstruct(_ log: LifecycleLog) -> (instances: [MachineInstance], operations: [LifecycleOperation])

    /// Where an event stands in its lifecycle: a key (one lifecycle) and a rank that grows with time along it;
    /// `nil` for an event that says nothing about progress.
    static func progressRank(of event: LifecycleEvent) -> (String, Int)?

    /// For each event, the key of the deployment it belongs to, and a name for people where the key is not one.
    static func deploymentKeys(of events: [LifecycleEvent]) -> (keys: [String], names: [String: String])
}

extension LifecycleSource.Family {
    /// The service model of this family: the one place that maps a family to its knowledge.
    var service: any LifecycleService.Type {
        switch self {
        case .gameLift: return GameLiftFleetModel.self
        case .stack: return CloudFormationModel.self
        case .modelArts: return ModelArtsModel.self
        }
    }
}

extension GameLiftFleetModel: LifecycleService {
    /// A fleet is a deployment: its `ResourceId`.
    static func deploymentKeys(of events: [LifecycleEvent]) -> (keys: [String], names: [String: String]) {
        (events.map(fleetID(of:)), [:])
    }
}

extension ModelArtsModel: LifecycleService {
    /// A service is a deployment: its name, as each page gives it.
    static func deploymentKeys(of events: [LifecycleEvent]) -> (keys: [String], names: [String: String]) {
        (events.map(\.resource), [:])
    }
}

extension CloudFormationModel: LifecycleService {
    /// A top-level stack with its nested stacks is a deployment: each event goes to the root of its stack's
    /// nesting (a nested stack is joined to the parent whose `AWS::CloudFormation::Stack` resource names it).
    static func deploymentKeys(of events: [LifecycleEvent]) -> (keys: [String], names: [String: String]) {
        let (parentOf, names) = nesting(of: events)
        var roots: [String: String] = [:]
        func root(of stack: String) -> String {
            if let known = roots[stack] { return known }
            var current = stack
            var steps = 0
            // Bounded: a hostile log could make stacks each other's parents.
            while let parent = parentOf[current]?.stack, parent != stack, steps < 64 {
                current = parent
                steps += 1
            }
            roots[stack] = current
            return current
        }
        return (events.map { root(of: stackKey(of: $0)) }, names)
    }
}
