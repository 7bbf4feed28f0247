/// What a JSON document is, judged from its shape: which kind of event log, or what else it looks like.
///
/// Detection is by structure, not by file name, so that `retrace analyze` can take any log it is given and say
/// plainly when a file is something else ("this looks like a state machine definition").
public enum EventLogKind: Sendable, Hashable, CustomStringConvertible {
    /// A Step Functions `GetExecutionHistory` result, a page of one, a bare event array or a single event.
    case stepFunctionsHistory
    /// CloudFormation `DescribeStackEvents` (`{"StackEvents": [...]}`).
    case cloudFormationStackEvents
    /// ParallelCluster `pcluster get-image-stack-events` / `get-cluster-stack-events` (`{"events": [...]}`, camelCase).
    case parallelClusterStackEvents
    /// GameLift `DescribeFleetEvents` (`{"Events": [...]}`).
    case gameLiftFleetEvents
    /// ModelArts service events (`{"service_id": …, "events": [{"event_type", "event_info", "occur_time"}]}`).
    case modelArtsServiceEvents
    /// An Amazon States Language definition (`StartAt` and `States`).
    case stateMachineDefinition
    /// Something else, described for people ("a JSON object with keys a, b, c").
    case other(String)

    /// A phrase for messages: "a Step Functions execution history".
    public var description: String {
        switch self {
        case .stepFunctionsHistory: return "a Step Functions execution history"
        case .cloudFormationStackEvents: return "CloudFormation stack events"
        case .parallelClusterStackEvents: return "ParallelCluster stack events"
        case .gameLiftFleetEvents: return "GameLift fleet events"
        case .modelArtsServiceEvents: return "ModelArts service events"
        case .stateMachineDefinition: return "a state machine definition (ASL)"
        case .other(let text): return text
        }
    }

    /// Judges a parsed document by its keys and the keys of its first event.
    public static func detect(_ document: JSONElement) -> EventLogKind {
        switch document.kind {
        case .array:
            var first: JSONElement?
            for element in document.elements {
                first = element
                break
            }
            guard let first else { return .stepFunctionsHistory }
            if first.kind == .object, first["type"] != nil { return .stepFunctionsHistory }
            if first.kind == .object, first["EventCode"] != nil { return .gameLiftFleetEvents }
            if first.kind == .object, first["ResourceStatus"] != nil { return .cloudFormationStackEvents }
            if first.kind == .object, first["resourceStatus"] != nil { return .parallelClusterStackEvents }
            if first.kind == .object, first["event_info"] != nil { return .modelArtsServiceEvents }
            return .other("a JSON array of \(document.count) element(s), the first being \(first.kind.described)")
        case .object:
            if document["StackEvents"] != nil { return .cloudFormationStackEvents }
            if document["Events"] != nil || document["FleetId"] != nil { return .gameLiftFleetEvents }
            if document["StartAt"] != nil, document["States"] != nil { return .stateMachineDefinition }
            if document["service_id"] != nil || document["service_name"] != nil { return .modelArtsServiceEvents }
            if let events = document["events"] {
                var first: JSONElement?
                for element in events.elements {
                    first = element
                    break
                }
                guard let first, first.kind == .object else { return .stepFunctionsHistory }
                if first["resourceStatus"] != nil || first["logicalResourceId"] != nil {
                    return .parallelClusterStackEvents
                }
                if first["event_info"] != nil || first["event_type"] != nil { return .modelArtsServiceEvents }
                return .stepFunctionsHistory
            }
            if document["type"] != nil, document["id"] != nil || document["previousEventId"] != nil {
                return .stepFunctionsHistory
            }
            if document["executionArn"] != nil, document["status"] != nil {
                return .other("DescribeExecution output (it has no events; use get-execution-history)")
            }
            let keys = document.members.prefix(6).map { $0.key.string }
            if keys.isEmpty { return .other("an empty JSON object") }
            return .other("a JSON object with keys \(keys.joined(separator: ", "))")
        default:
            return .other("a single JSON \(document.kind.described.split(separator: " ").last ?? "value")")
        }
    }
}
