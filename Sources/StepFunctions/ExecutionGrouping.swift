import RetraceCore

/// Sorts input files into executions, for commands given a parent history together with its distributed Map's
/// child histories. Files that name different `executionArn`s, or hold different `ExecutionStarted` events, are
/// different executions; files with neither (later pages) belong to the first execution.
public struct ExecutionGrouping: Sendable {
    /// One execution: its history, decoded from its files.
    public struct Execution: Sendable {
        /// The decoded, merged history.
        public var history: History
        /// The Map Run that started it, when its input recorded one (`mapRunArn` beside `events`).
        public var mapRunArn: String?
    }

    /// Creates a grouping.
    public init() {}

    /// Decodes `inputs` into one history per execution, in the order they were first named.
    public func executions(_ inputs: [InputBuffer]) throws -> [Execution] {
        guard inputs.count > 1 else { return [Execution(history: try HistoryDecoder().decode(inputs), mapRunArn: nil)] }
        var keys: [String] = []
        var groups: [String: [InputBuffer]] = [:]
        var mapRuns: [String: String] = [:]
        for input in inputs {
            let identity = try identity(of: input)
            let key = identity?.key ?? keys.first ?? "(first)"
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(input)
            if let mapRun = identity?.mapRunArn { mapRuns[key] = mapRun }
        }
        return try keys.map { key in
            Execution(history: try HistoryDecoder().decode(groups[key] ?? []), mapRunArn: mapRuns[key])
        }
    }

    private struct Identity {
        var key: String?
        var mapRunArn: String?
    }

    /// What tells one execution's file from another's: its ARN, or its `ExecutionStarted` event.
    private func identity(of input: InputBuffer) throws -> Identity? {
        var identity: Identity?
        try JSONReader().forEachDocument(in: input, expecting: EventLogKind.stepFunctionsHistory.description) {
            document, _ in
            guard identity == nil else { return }
            var found = Identity()
            if document.kind == .object {
                found.key = document["executionArn"]?.string
                found.mapRunArn = document["mapRunArn"]?.string
            }
            if found.key == nil {
                let events = document.kind == .array ? document : document["events"]
                for event in events?.elements ?? JSONElement.Elements.empty
                where event["type"]?.string == "ExecutionStarted" {
                    found.key = "started:" + event.minifiedText
                    break
                }
            }
            if found.key != nil || found.mapRunArn != nil { identity = found }
        }
        return identity
    }
}

extension ExecutionGrouping.Execution {
    /// Whether this execution is a child of the Map Run `arn`: named by its `mapRunArn`, or by the ARN pattern
    /// `…:execution:<machine>/<label>:<name>` that AWS gives the children of `…:mapRun:<machine>/<label>:<id>`.
    public func isChild(ofMapRun arn: String) -> Bool {
        if let mapRunArn { return mapRunArn == arn }
        guard let executionArn = history.executionArn,
            let mapRunPrefix = ExecutionGrouping.Execution.scope(of: arn, kind: "mapRun"),
            let executionPrefix = ExecutionGrouping.Execution.scope(of: executionArn, kind: "execution")
        else { return false }
        return mapRunPrefix == executionPrefix
    }

    /// `region:account:<machine>/<label>` from an ARN of the given resource kind.
    static func scope(of arn: String, kind: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 8, parts[5] == kind, parts[6].contains("/") else { return nil }
        return "\(parts[3]):\(parts[4]):\(parts[6])"
    }
}
