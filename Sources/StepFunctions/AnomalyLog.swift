import RetraceCore

/// Collects anomalies in a log by kind while the tree is built, then says each kind once, with a count and the
/// first few event ids, so that a broken 25,000-event history yields a handful of readable warnings.
///
/// An anomaly between two events (a link to a missing or later id, a timestamp earlier than the event before)
/// names both: `eventIDs` lists the events that carry the anomaly, the message also names what they point at.
struct AnomalyLog {
    var warnings: [LogWarning] = []
    private var byCode: [LogWarning.Code: [(id: Int64, other: Int64?)]] = [:]
    private var order: [LogWarning.Code] = []

    /// Notes that `eventID` shows anomaly `code`; `other` is the id it concerns (the link's target, the event
    /// it runs back from).
    mutating func note(_ code: LogWarning.Code, _ eventID: Int64, other: Int64? = nil) {
        if byCode[code] == nil { order.append(code) }
        byCode[code, default: []].append((eventID, other))
    }

    func summarised() -> [LogWarning] {
        warnings
            + order.compactMap { code in
                guard let notes = byCode[code] else { return nil }
                let ids = notes.map(\.id)
                let list = EventCollector.idList(ids)
                let message: String
                switch code {
                case .danglingLink:
                    message =
                        "\(Noun("event").counted(ids.count)) \(Noun("names", plural: "name").form(for: ids.count)) a previousEventId that is not in the history "
                        + "(\(Self.pairs(notes, " → "))); \(ids.count == 1 ? "it was" : "they were") placed after the event before "
                        + "\(ids.count == 1 ? "it" : "them")"
                case .forwardLink:
                    message =
                        "\(Noun("event").counted(ids.count)) \(Noun("names", plural: "name").form(for: ids.count)) a previousEventId that is not earlier than "
                        + "\(ids.count == 1 ? "itself" : "themselves") "
                        + "(\(Self.pairs(notes, " → "))); the link was ignored"
                case .timestampBackwards:
                    message =
                        "\(Noun("event").counted(ids.count)) \(Noun.isVerb.form(for: ids.count)) timed earlier than the event they follow "
                        + "(\(Self.pairs(notes, " before "))): the clock ran backwards; durations over them count as 0"
                case .afterTerminal:
                    message =
                        "\(Noun("event").counted(ids.count)) \(Noun("comes", plural: "come").form(for: ids.count)) after the execution ended (\(list))"
                case .orphanEvent:
                    message =
                        "\(Noun("event").counted(ids.count)) could not be matched to a state, iteration or branch (\(list))"
                case .nestingTooDeep:
                    message =
                        "Map / Parallel nesting deeper than \(TreeBuilder.maxNesting) levels was flattened "
                        + "(\(list))"
                default:
                    message = "\(code): \(list)"
                }
                return LogWarning(code: code, message: message, eventIDs: Array(ids.prefix(20)))
            }
    }

    /// `#12 → 9999, #13 → 9998, …`: each event with the id it concerns, the first eight.
    private static func pairs(_ notes: [(id: Int64, other: Int64?)], _ joiner: String) -> String {
        let shown = notes.prefix(8).map { note in "#\(note.id)" + (note.other.map { joiner + "#\($0)" } ?? "") }
        return shown.joined(separator: ", ") + (notes.count > 8 ? ", …" : "")
    }
}
