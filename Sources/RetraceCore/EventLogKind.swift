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

    /// Judges a parsed document by its keys and the keys of its first event. The one detector every command
    /// uses, so that a file is recognised the same way everywhere.
    public static func detect(_ document: JSONElement) -> EventLogKind {
        switch document.kind {
        case .array:
            guard let first = firstElement(of: document) else { return .stepFunctionsHistory }
            if first.kind == .object, let kind = fromEventKeys(first) { return kind }
            return .other(
                "a JSON array of \(Noun("element").counted(document.count)), the first being \(first.kind.described)")
        case .object:
            // `DescribeStackEvents` writes `StackEvents`; the newer `DescribeEvents` writes `OperationEvents`.
            if document["StackEvents"]?.kind == .array || document["OperationEvents"]?.kind == .array {
                return .cloudFormationStackEvents
            }
            if document["Events"]?.kind == .array { return .gameLiftFleetEvents }
            if document["StartAt"] != nil, document["States"] != nil { return .stateMachineDefinition }
            if let events = document["events"], events.kind == .array {
                if document["service_id"] != nil || document["service_name"] != nil || document["total_count"] != nil {
                    return .modelArtsServiceEvents
                }
                if let first = firstElement(of: events) {
                    return first.kind == .object ? fromEventKeys(first) ?? .stepFunctionsHistory : .stepFunctionsHistory
                }
                // An empty page: ParallelCluster pages carry `nextToken` with no events; a history page never does.
                return document["nextToken"] != nil ? .parallelClusterStackEvents : .stepFunctionsHistory
            }
            // `events` of the wrong type: a history with a broken shape, for the decoder to point at precisely.
            if document["events"] != nil { return .stepFunctionsHistory }
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

    /// Decides from the keys of one event object.
    private static func fromEventKeys(_ event: JSONElement) -> EventLogKind? {
        if event["type"] != nil, event["id"] != nil || event["previousEventId"] != nil { return .stepFunctionsHistory }
        if event["EventCode"] != nil { return .gameLiftFleetEvents }
        if event["ResourceStatus"] != nil || event["LogicalResourceId"] != nil || event["StackId"] != nil {
            return .cloudFormationStackEvents
        }
        if event["resourceStatus"] != nil || event["logicalResourceId"] != nil || event["stackId"] != nil {
            return .parallelClusterStackEvents
        }
        if event["event_info"] != nil || event["occur_time"] != nil { return .modelArtsServiceEvents }
        if event["type"] != nil { return .stepFunctionsHistory }
        return nil
    }

    private static func firstElement(of array: JSONElement) -> JSONElement? {
        var elements = array.elements
        return elements.next()
    }

    /// A quick guess from the first bytes, to route an input without parsing it twice: the kind whose telltale
    /// key appears first in the first 64 KiB, or `nil` when none does (then parse and `detect`).
    ///
    /// Keys inside JSON-encoded payloads are escaped (`\"EventCode\"`) and cannot match; the earliest match is the
    /// outermost structure's.
    public static func sniff(_ bytes: UnsafeRawBufferPointer) -> EventLogKind? {
        let window = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, 1 << 16)])
        let markers: [(String, EventLogKind)] = [
            ("\"previousEventId\"", .stepFunctionsHistory), ("\"executionStartedEventDetails\"", .stepFunctionsHistory),
            ("\"StackEvents\"", .cloudFormationStackEvents), ("\"OperationEvents\"", .cloudFormationStackEvents),
            ("\"LogicalResourceId\"", .cloudFormationStackEvents),
            ("\"EventCode\"", .gameLiftFleetEvents), ("\"logicalResourceId\"", .parallelClusterStackEvents),
            ("\"event_info\"", .modelArtsServiceEvents), ("\"service_id\"", .modelArtsServiceEvents),
            ("\"StartAt\"", .stateMachineDefinition),
        ]
        let needles = markers.map { (Array($0.0.utf8), $0.1) }
        var index = 0
        while index < window.count {
            // Every marker starts with a quote: look closer only there.
            if window[index] == UInt8(ascii: "\"") {
                for (needle, kind) in needles where index + needle.count <= window.count {
                    if needle.indices.allSatisfy({ window[index + $0] == needle[$0] }) { return kind }
                }
            }
            index += 1
        }
        return nil
    }
}
