import RetraceCore

/// Collects anomalies in a log by kind while the tree is built, then says each kind once, with a count and the
/// first few event ids, so that a broken 25,000-event history yields a handful of readable warnings.
struct AnomalyLog {
    var warnings: [LogWarning] = []
    private var byCode: [String: [Int64]] = [:]
    private var order: [String] = []

    mutating func note(_ code: String, _ eventID: Int64) {
        if byCode[code] == nil { order.append(code) }
        byCode[code, default: []].append(eventID)
    }

    func summarised() -> [LogWarning] {
        warnings
            + order.compactMap { code in
                guard let ids = byCode[code] else { return nil }
                let list = EventCollector.idList(ids)
                let message: String
                switch code {
                case "dangling-link":
                    message =
                        "\(ids.count) event(s) name a previousEventId that is not in the history (\(list)); "
                        + "they were placed after the event before them"
                case "forward-link":
                    message =
                        "\(ids.count) event(s) name a previousEventId that is not earlier than themselves "
                        + "(\(list)); the link was ignored"
                case "after-terminal":
                    message = "\(ids.count) event(s) come after the execution ended (\(list))"
                case "orphan-event":
                    message = "\(ids.count) event(s) could not be matched to a state, iteration or branch (\(list))"
                case "nesting-too-deep":
                    message =
                        "Map / Parallel nesting deeper than \(TreeBuilder.maxNesting) levels was flattened "
                        + "(\(list))"
                default:
                    message = "\(code): \(list)"
                }
                return LogWarning(code: code, message: message, eventIDs: Array(ids.prefix(20)))
            }
    }
}
