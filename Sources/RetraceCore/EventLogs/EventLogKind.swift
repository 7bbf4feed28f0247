/// What a JSON document is, judged from its shape: which kind of event log, or what else it looks like.
///
/// Detection is by structure, not by file name, so that `retrace analyze` can take any log it is given and say
/// plainly when a file is something else ("this looks like a state machine definition").
public enum EventLogKind: Sendable, Hashable, CustomStringConvertible {
    /// A Step Functions `GetExecutionHistory` result, a page of one, a bare event array or a single event.
    case stepFunctionsHistory
    /// A deployment log of one of the services in `EventLogSignature.deploymentLogs`.
    case deploymentLog(EventLogSignature)
    /// An Amazon States Language definition (`StartAt` and `States`).
    case stateMachineDefinition
    /// Something else, described for people ("a JSON object with keys a, b, c").
    case other(String)

    /// CloudFormation `DescribeStackEvents` or `DescribeEvents`.
    public static var cloudFormationStackEvents: EventLogKind { .deploymentLog(.cloudFormation) }
    /// ParallelCluster `pcluster get-image-stack-events` / `get-cluster-stack-events`.
    public static var parallelClusterStackEvents: EventLogKind { .deploymentLog(.parallelCluster) }
    /// GameLift `DescribeFleetEvents`.
    public static var gameLiftFleetEvents: EventLogKind { .deploymentLog(.gameLift) }
    /// ModelArts service events.
    public static var modelArtsServiceEvents: EventLogKind { .deploymentLog(.modelArts) }

    /// A phrase for messages: "a Step Functions execution history".
    public var description: String {
        switch self {
        case .stepFunctionsHistory: return "a Step Functions execution history"
        case .deploymentLog(let signature): return signature.description
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
            for signature in EventLogSignature.deploymentLogs where signature.arraysIdentify {
                if signature.eventArrays.contains(where: { document[$0]?.kind == .array }) {
                    return .deploymentLog(signature)
                }
            }
            if document["StartAt"] != nil, document["States"] != nil { return .stateMachineDefinition }
            // `events` is Step Functions' member, and some services' too: their other members tell them apart.
            if let events = document["events"], events.kind == .array {
                for signature in EventLogSignature.deploymentLogs
                where signature.documentMarkers.contains(where: { document[$0] != nil }) {
                    return .deploymentLog(signature)
                }
                if let first = firstElement(of: events) {
                    return first.kind == .object ? fromEventKeys(first) ?? .stepFunctionsHistory : .stepFunctionsHistory
                }
                for signature in EventLogSignature.deploymentLogs
                where signature.emptyPageMarkers.contains(where: { document[$0] != nil }) {
                    return .deploymentLog(signature)
                }
                return .stepFunctionsHistory
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
        for signature in EventLogSignature.deploymentLogs
        where signature.eventMarkers.contains(where: { event[$0] != nil }) {
            return .deploymentLog(signature)
        }
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
        var index = 0
        while index < window.count {
            // Every marker starts with a quote: look closer only there.
            if window[index] == UInt8(ascii: "\"") {
                for (needle, kind) in sniffNeedles where index + needle.count <= window.count {
                    if needle.indices.allSatisfy({ window[index + $0] == needle[$0] }) { return kind }
                }
            }
            index += 1
        }
        return nil
    }

    /// Each telltale key, quoted, and the kind it gives away.
    private static let sniffNeedles: [([UInt8], EventLogKind)] = {
        var markers: [(String, EventLogKind)] = [
            ("previousEventId", .stepFunctionsHistory), ("executionStartedEventDetails", .stepFunctionsHistory),
        ]
        for signature in EventLogSignature.deploymentLogs {
            markers += signature.sniffMarkers.map { ($0, .deploymentLog(signature)) }
        }
        markers.append(("StartAt", .stateMachineDefinition))
        return markers.map { (Array("\"\($0.0)\"".utf8), $0.1) }
    }()
}
